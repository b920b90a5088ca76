import type { IntegrationConfig } from "../config/schema.js";
import { MARKERS } from "../constants.js";
import type { BranchAge } from "./branch-age.js";
import { MS } from "../checks/format.js";
import { matchIgnoredBranch } from "./ignored-branch.js";
import { type BranchHead, staleComment } from "./stale-comment.js";
import { type PriorNag, staleDay } from "./stale-markers.js";

export type StaleSkipReason =
  | "disabled"
  | "mainline"
  | "ignored"
  | "not-ahead"
  | "fresh"
  | "abandoned"
  | "max-nags"
  | "nagged-recently";

export type BranchJudgement =
  { action: "nag"; marker: string; body: string } | { action: "skip"; reason: StaleSkipReason };

export interface BranchInput {
  branch: string;
  mainline: string;
  config: IntegrationConfig;
  /** From `branchAge`; `undefined` when the branch has no commit that is not on the mainline. */
  age: BranchAge | undefined;
  head: BranchHead;
  /** Andon's stale markers for this branch on this head commit (`parseStaleMarkers`). */
  priorNags: readonly PriorNag[];
  now: Date;
}

/**
 * A sweep that runs every `nagEveryHours` finds the previous nag a few seconds short of
 * the interval (the comment was posted after that run started, and runs are jittered),
 * and would nag only every other run. So a nag is due once 90% of the interval has
 * passed; the marker day still allows at most one per UTC day.
 */
const NAG_INTERVAL_SLACK = 0.1;

/**
 * Whether the daily sweep should nag this branch now, and the comment if so.
 *
 * Why the nag count resets on a new head: prior nags are read from the comments on the
 * head commit, so pushing to the branch (a sign of life) starts a fresh count of
 * `maxNags`, while an untouched branch stops hearing from Andon after `maxNags`.
 * Branches with an open PR are nagged like any other.
 */
export function judgeBranch(input: BranchInput): BranchJudgement {
  const { branch, config, age, head, priorNags, now } = input;
  const skip = (reason: StaleSkipReason): BranchJudgement => ({ action: "skip", reason });

  if (!config.enabled) return skip("disabled");
  if (branch === input.mainline) return skip("mainline");
  if (matchIgnoredBranch(branch, config.ignoreBranches) !== undefined) return skip("ignored");
  if (age === undefined) return skip("not-ahead");
  if (age.ageMs <= config.maxAgeHours * MS.hour) return skip("fresh");
  if (now.getTime() - Date.parse(head.committedAt) > config.abandonedAfterDays * MS.day) {
    return skip("abandoned");
  }
  if (priorNags.length >= config.maxNags) return skip("max-nags");

  const day = staleDay(now);
  const lastNagAt = Math.max(...priorNags.map((nag) => Date.parse(nag.createdAt)));
  const interval = config.nagEveryHours * MS.hour * (1 - NAG_INTERVAL_SLACK);
  // Today's marker means skip whatever its time says: a second one would not be unique.
  if (priorNags.some((nag) => nag.day === day) || now.getTime() - lastNagAt < interval) {
    return skip("nagged-recently");
  }

  const body = staleComment({
    branch,
    mainline: input.mainline,
    age,
    head,
    maxAgeHours: config.maxAgeHours,
    day,
    nag: { number: priorNags.length + 1, of: config.maxNags },
  });
  return { action: "nag", marker: MARKERS.stale(branch, day), body };
}
