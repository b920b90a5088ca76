import type { Logger } from "probot";
import type { IntegrationConfig } from "../config/schema.js";
import { getHeadCommit, listBranches, type BranchFacts } from "../github/branches.js";
import { listCommitComments } from "../github/comments.js";
import { compareCommits } from "../github/compare.js";
import type { Octokit, RepoRef } from "../github/types.js";
import { repoName } from "../github/types.js";
import { forEachBounded } from "../sweep/for-each-bounded.js";
import { branchAge } from "./branch-age.js";
import { headFromComparison } from "./branch-head.js";
import type { NagCandidate } from "./nag-budget.js";
import { judgeBranch, type BranchInput, type StaleSkipReason } from "./stale-branch.js";
import { parseStaleMarkers } from "./stale-markers.js";

/** A nag the sweep may post, once the installation's budget is shared out. */
export interface StaleNag extends NagCandidate {
  repo: RepoRef;
  /** The branch's head commit: where the comment goes. */
  sha: string;
  marker: string;
  body: string;
}

export interface StaleScan {
  branches: number;
  nags: StaleNag[];
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
 * other branch needs one compare (it gives the age and the head commit's author); only
 * a branch that is stale and not abandoned has its head's comments read, for the nags
 * already made.
 */
export async function scanStaleBranches(input: ScanInput): Promise<StaleScan> {
  const scan: StaleScan = { branches: 0, nags: [], skipped: {} };
  const skip = (reason: StaleSkipReason) => {
    scan.skipped[reason] = (scan.skipped[reason] ?? 0) + 1;
  };
  await forEachBounded(listBranches(input.octokit, input.repo), input.concurrency, async (b) => {
    scan.branches++;
    const judgement = await judgeOne(input, b);
    if ("reason" in judgement) skip(judgement.reason);
    else scan.nags.push(judgement);
  });
  return scan;
}

async function judgeOne(
  input: ScanInput,
  branch: BranchFacts,
): Promise<StaleNag | { reason: StaleSkipReason }> {
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
  const before = judgeBranch({ ...base, age, head: known });
  if (before.action === "skip") return { reason: before.reason };

  const comments = await listCommitComments(octokit, repo, branch.sha);
  const priorNags = parseStaleMarkers(
    comments.map((c) => ({ body: c.body, created_at: c.createdAt })),
    branch.name,
  );
  const judgement = judgeBranch({ ...base, age, head: known, priorNags });
  if (judgement.action === "skip") return { reason: judgement.reason };
  input.log.debug({ repo: repoName(repo), branch: branch.name, ageMs: age.ageMs }, "stale branch");
  return {
    repository: repoName(repo),
    repo,
    branch: branch.name,
    ageMs: age.ageMs,
    sha: branch.sha,
    marker: judgement.marker,
    body: judgement.body,
  };
}
