import type { Logger } from "probot";
import type { IntegrationConfig } from "../config/schema.js";
import { getHeadCommit, listBranches, type BranchFacts } from "../github/branches.js";
import { compareCommits } from "../github/compare.js";
import type { Octokit, RepoRef } from "../github/types.js";
import { repoName } from "../github/types.js";
import { forEachBounded } from "../work/for-each-bounded.js";
import { branchAge } from "./branch-age.js";
import { headFromComparison } from "./branch-head.js";
import type { NagCandidate } from "./nag-budget.js";
import { judgeBranch, type BranchInput, type StaleSkipReason } from "./stale-branch.js";

/**
 * A branch that is stale and still active: due a nag unless its head already carries
 * enough of them. That last question costs a read, so it is asked only of the branches
 * the installation's comment budget reaches (see `nagStaleBranches`).
 */
export interface StaleCandidate extends NagCandidate {
  repo: RepoRef;
  /** The branch's head commit: where the comment goes. */
  sha: string;
  /** Everything `judgeBranch` needs but the nags already on the head. */
  judging: Omit<BranchInput, "priorNags">;
}

export interface StaleScan {
  branches: number;
  candidates: StaleCandidate[];
  skipped: Partial<Record<StaleSkipReason, number>>;
}

export interface ScanInput {
  octokit: Octokit;
  log: Logger;
  repo: RepoRef;
  mainline: string;
  config: IntegrationConfig;
  now: Date;
  /** Branches compared at once. */
  concurrency: number;
}

/**
 * Every branch of a repository judged for a stale-branch nag. Nothing is written: the
 * sweep collects the nags of a whole installation first, so the comment budget goes to
 * the oldest branches of the organisation, not to whichever repository came first.
 *
 * Requests, cheapest question first: the mainline and ignored branches need none; every
 * other branch needs one compare (it gives the age and the head commit's author). The
 * nags already on a stale head are read later, only if the budget reaches it.
 */
export async function scanStaleBranches(input: ScanInput): Promise<StaleScan> {
  const scan: StaleScan = { branches: 0, candidates: [], skipped: {} };
  const skip = (reason: StaleSkipReason) => {
    scan.skipped[reason] = (scan.skipped[reason] ?? 0) + 1;
  };
  await forEachBounded(listBranches(input.octokit, input.repo), input.concurrency, async (b) => {
    scan.branches++;
    const judgement = await judgeOne(input, b);
    if ("reason" in judgement) skip(judgement.reason);
    else scan.candidates.push(judgement);
  });
  return scan;
}

async function judgeOne(
  input: ScanInput,
  branch: BranchFacts,
): Promise<StaleCandidate | { reason: StaleSkipReason }> {
  const { octokit, repo, mainline, config, now } = input;
  const base: Omit<BranchInput, "age" | "head"> = {
    branch: branch.name,
    mainline,
    config,
    now,
    priorNags: [],
  };
  // Without an age, judgeBranch answers only what needs no compare (disabled,
  // mainline, ignored); "not-ahead" means it needs one.
  const head = { sha: branch.sha, committedAt: now.toISOString(), authorName: "" };
  const early = judgeBranch({ ...base, age: undefined, head });
  if (early.action === "skip" && early.reason !== "not-ahead") return { reason: early.reason };

  const comparison = await compareCommits(octokit, repo, mainline, branch.sha);
  const age = branchAge(comparison, now);
  if (age === undefined) return { reason: "not-ahead" };
  const known =
    headFromComparison(comparison.commits, branch.sha) ??
    (await getHeadCommit(octokit, repo, branch.sha));
  const judging = { ...base, age, head: known };
  const before = judgeBranch(judging);
  if (before.action === "skip") return { reason: before.reason };
  input.log.debug({ repo: repoName(repo), branch: branch.name, ageMs: age.ageMs }, "stale branch");
  const { priorNags: _none, ...rest } = judging;
  return {
    repository: repoName(repo),
    repo,
    branch: branch.name,
    ageMs: age.ageMs,
    sha: branch.sha,
    judging: rest,
  };
}
