import type { IntegrationConfig } from "../config/schema.js";
import { MS } from "../checks/format.js";
import type { ComparedCommitFacts } from "../github/compare.js";
import { repoName, type RepoRef } from "../github/types.js";
import type { BranchAge } from "./branch-age.js";
import { matchIgnoredBranch } from "./ignored-branch.js";
import { type PriorNag, staleDay } from "./stale-markers.js";

export type StaleSkipReason =
  | "disabled"
  | "mainline"
  | "ignored"
  | "not-ahead"
  | "fresh"
  | "abandoned"
  | "max-nags"
  | "nagged-recently"
  | "first-day";

/** The head commit of a branch, with what the nag needs to know about its author. */
export interface BranchHead {
  /** Where the nag goes. */
  sha: string;
  /** Its committer date (ISO-8601): when the branch last moved. */
  committedAt: string;
  /** The author's GitHub login, when GitHub matched the commit's email to an account. */
  authorLogin?: string;
  /** The git author name, for when there is no login. */
  authorName: string;
}

/**
 * A branch that has lived too long off the mainline and is still alive: due a nag
 * unless its head already carries enough of them (`skipByPriorNags`), a question that
 * costs a read and is asked only of the branches the comment budget reaches.
 */
export interface StaleBranch {
  repo: RepoRef;
  branch: string;
  mainline: string;
  /** The repository's `integration` settings. */
  config: IntegrationConfig;
  age: BranchAge;
  head: BranchHead;
}

/**
 * A sweep that runs every `nagEveryHours` finds the previous nag a few seconds short of
 * the interval (the comment was posted after that run started, and runs are jittered),
 * and would nag only every other run. So a nag is due once 90% of the interval has
 * passed; the marker day still allows at most one per UTC day.
 */
const NAG_INTERVAL_SLACK = 0.1;

/**
 * Why a branch is not nagged, from what needs no request: the settings and its name.
 * Asked first, so the mainline and ignored branches cost no compare.
 */
export function skipByName(
  branch: string,
  mainline: string,
  config: IntegrationConfig,
): StaleSkipReason | undefined {
  if (!config.enabled) return "disabled";
  if (branch === mainline) return "mainline";
  if (matchIgnoredBranch(branch, config.ignoreBranches) !== undefined) return "ignored";
  return undefined;
}

/**
 * Why a branch is not nagged, from its compare with the mainline: nothing off the
 * mainline, young enough, or abandoned (its head has not moved for
 * `abandonedAfterDays`: nobody is left to read a nag).
 */
export function skipByAge(
  age: BranchAge | undefined,
  head: BranchHead,
  config: IntegrationConfig,
  now: Date,
): StaleSkipReason | undefined {
  if (age === undefined) return "not-ahead";
  if (age.ageMs <= config.maxAgeHours * MS.hour) return "fresh";
  if (now.getTime() - Date.parse(head.committedAt) > config.abandonedAfterDays * MS.day) {
    return "abandoned";
  }
  return undefined;
}

/**
 * Why a stale branch is not nagged now, from the nags already on its head commit.
 *
 * Why the nag count resets on a new head: prior nags are read from the comments on the
 * head commit, so pushing to the branch (a sign of life) starts a fresh count of
 * `maxNags`, while an untouched branch stops hearing from Andon after `maxNags`.
 */
export function skipByPriorNags(
  priorNags: readonly PriorNag[],
  config: IntegrationConfig,
  now: Date,
): StaleSkipReason | undefined {
  if (priorNags.length >= config.maxNags) return "max-nags";
  const lastNagAt = Math.max(...priorNags.map((nag) => Date.parse(nag.createdAt)));
  const interval = config.nagEveryHours * MS.hour * (1 - NAG_INTERVAL_SLACK);
  // Today's marker means skip whatever its time says: a second one would not be unique.
  const today = staleDay(now);
  if (priorNags.some((nag) => nag.day === today) || now.getTime() - lastNagAt < interval) {
    return "nagged-recently";
  }
  return undefined;
}

/**
 * The branch's head commit as the nag needs it, read off the comparison that dated the
 * branch: when a branch is ahead of the mainline its head is one of the compared
 * commits, so no request is spent on it. `undefined` when it is not among them.
 */
export function headFromComparison(
  commits: readonly ComparedCommitFacts[],
  sha: string,
): BranchHead | undefined {
  const head = commits.find((c) => c.sha === sha);
  if (!head) return undefined;
  const { author, committer } = head.commit;
  return {
    sha,
    committedAt: committer?.date ?? author?.date ?? "",
    ...(head.author ? { authorLogin: head.author.login } : {}),
    authorName: author?.name ?? committer?.name ?? "",
  };
}

/**
 * The order an installation's stale branches are nagged in, the comment budget taking
 * them from the front: oldest first, as they are the furthest from the mainline. Ties
 * are broken by repository and branch so that every replica picks the same ones.
 *
 * Why a budget at all: a first sweep over a large organisation could otherwise post
 * hundreds of comments at once — noise for people and a secondary rate limit for the
 * app. The ones it does not reach lose nothing: they have no marker yet, so the next
 * run finds them again.
 */
export function orderNags<T extends Pick<StaleBranch, "repo" | "branch" | "age">>(
  stale: readonly T[],
): T[] {
  return [...stale].sort(
    (a, b) =>
      b.age.ageMs - a.age.ageMs ||
      compare(repoName(a.repo), repoName(b.repo)) ||
      compare(a.branch, b.branch),
  );
}

/** Code-point order, not locale order: the same on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
