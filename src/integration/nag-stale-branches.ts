import type { Logger } from "probot";
import type { IntegrationConfig } from "../config/schema.js";
import { listBranches, type BranchFacts } from "../github/branches.js";
import { createCommitComment, listCommitComments } from "../github/comments.js";
import { compareCommits } from "../github/compare.js";
import { repoName, type Octokit, type RepoRef } from "../github/types.js";
import { forEachBounded } from "../work/for-each-bounded.js";
import { branchAge } from "./branch-age.js";
import { staleComment } from "./stale-comment.js";
import {
  headFromComparison,
  orderNags,
  skipByAge,
  skipByName,
  skipByPriorNags,
  type StaleBranch,
  type StaleSkipReason,
} from "./stale-branch.js";
import { parseStaleMarkers } from "./stale-markers.js";

type SkipCounts = Partial<Record<StaleSkipReason, number>>;

export interface StaleScan {
  branches: number;
  stale: StaleBranch[];
  skipped: SkipCounts;
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
 * sweep collects the stale branches of a whole installation first, so the comment
 * budget goes to the oldest branches of the organisation, not to whichever repository
 * came first (`nagStaleBranches`).
 *
 * Requests, cheapest question first: the mainline and ignored branches need none; every
 * other branch needs one compare (it gives the age and the head commit's author). The
 * nags already on a stale head are read later, only if the budget reaches it.
 */
export async function scanStaleBranches(input: ScanInput): Promise<StaleScan> {
  const { octokit, repo, mainline, config, now } = input;
  const scan: StaleScan = { branches: 0, stale: [], skipped: {} };
  const judge = async (branch: BranchFacts): Promise<StaleBranch | StaleSkipReason> => {
    const early = skipByName(branch.name, mainline, config);
    if (early) return early;
    const comparison = await compareCommits(octokit, repo, mainline, branch.sha);
    const age = branchAge(comparison, now);
    if (age === undefined) return "not-ahead";
    const head = headFromComparison(comparison.commits, branch.sha);
    if (head === undefined) {
      // A branch ahead of the mainline has its head among the compared commits; only a
      // comparison GitHub cut short can lack it, and then the branch cannot be judged.
      throw new Error(
        `compare ${mainline}...${branch.name} listed ${comparison.commits.length} of ` +
          `${comparison.total_commits} commits, without the head ${branch.sha}`,
      );
    }
    return (
      skipByAge(age, head, config, now) ?? {
        repo,
        branch: branch.name,
        mainline,
        config,
        age,
        head,
      }
    );
  };
  await forEachBounded(listBranches(octokit, repo), input.concurrency, async (branch) => {
    scan.branches++;
    const judged = await judge(branch);
    if (typeof judged === "string") {
      count(scan.skipped, judged);
      return;
    }
    input.log.debug(
      { repo: repoName(repo), branch: branch.name, ageMs: judged.age.ageMs },
      "stale branch",
    );
    scan.stale.push(judged);
  });
  return scan;
}

export interface NagRun {
  posted: number;
  /** Stale branches the budget did not reach: the next run finds them again. */
  deferred: number;
  skipped: SkipCounts;
  /** Nags that could not be read or posted; the others went on. */
  failed: Array<{ stale: StaleBranch; error: unknown }>;
}

/**
 * Nags an installation's stale branches, oldest first, until the budget is spent.
 * Each head's comments are read once, just before the decision: they hold both the
 * nags already made (`nagEveryHours`, `maxNags`) and the marker that keeps a nag
 * single, and reading them only for the branches the budget reaches spares a read per
 * stale branch of a large organisation. Posts go one at a time: GitHub asks for
 * serial writes and the throttling plugin paces them. In a dry run the request guard
 * keeps the post from leaving the process; everything up to it runs.
 */
export async function nagStaleBranches(
  octokit: Octokit,
  stale: readonly StaleBranch[],
  budget: number,
  { now, log }: { now: Date; log: Logger },
): Promise<NagRun> {
  const run: NagRun = { posted: 0, deferred: 0, skipped: {}, failed: [] };
  for (const branch of orderNags(stale)) {
    if (run.posted >= budget) {
      run.deferred++;
      continue;
    }
    const where = { repo: repoName(branch.repo), branch: branch.branch, sha: branch.head.sha };
    try {
      const comments = await listCommitComments(octokit, branch.repo, branch.head.sha);
      const priorNags = parseStaleMarkers(comments, branch.branch);
      const skip = skipByPriorNags(priorNags, branch.config, now);
      if (skip) {
        count(run.skipped, skip);
        continue;
      }
      const body = staleComment(branch, priorNags.length, now);
      await createCommitComment(octokit, branch.repo, branch.head.sha, body);
      run.posted++;
      log.info({ ...where, ageMs: branch.age.ageMs }, "nagged stale branch");
    } catch (error) {
      log.warn({ ...where, err: error }, "could not nag stale branch");
      run.failed.push({ stale: branch, error });
    }
  }
  return run;
}

function count(counts: SkipCounts, reason: StaleSkipReason): void {
  counts[reason] = (counts[reason] ?? 0) + 1;
}
