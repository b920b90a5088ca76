import type { Logger } from "probot";
import { createCommitComment, listCommitComments } from "../github/comments.js";
import type { Octokit } from "../github/types.js";
import { pickNags } from "../integration/nag-budget.js";
import type { StaleCandidate } from "../integration/scan-stale-branches.js";
import { judgeBranch, type StaleSkipReason } from "../integration/stale-branch.js";
import { parseStaleMarkers } from "../integration/stale-markers.js";
import type { RepoFailure } from "./summary.js";

export interface NagRun {
  posted: number;
  /** Candidates the budget did not reach: the next run finds them again. */
  deferred: number;
  skipped: Partial<Record<StaleSkipReason, number>>;
  failed: RepoFailure[];
}

/**
 * Nags the installation's stale branches, oldest first, until the budget is spent.
 * Each head's comments are read once, just before the decision: they hold both the
 * nags already made (`nagEveryHours`, `maxNags`) and the marker that keeps a nag
 * single, and reading them only for the branches the budget reaches spares a read per
 * stale branch of a large organisation. Posts go one at a time: GitHub asks for
 * serial writes and the throttling plugin paces them.
 */
export async function nagStaleBranches(
  octokit: Octokit,
  candidates: readonly StaleCandidate[],
  budget: number,
  { dryRun, log }: { dryRun: boolean; log: Logger },
): Promise<NagRun> {
  const run: NagRun = { posted: 0, deferred: 0, skipped: {}, failed: [] };
  for (const candidate of pickNags(candidates, candidates.length).now) {
    if (run.posted >= budget) {
      run.deferred++;
      continue;
    }
    const where = { repo: candidate.repository, branch: candidate.branch, sha: candidate.sha };
    try {
      const comments = await listCommitComments(octokit, candidate.repo, candidate.sha);
      const priorNags = parseStaleMarkers(
        comments.map((c) => ({ body: c.body, created_at: c.createdAt })),
        candidate.branch,
      );
      const judgement = judgeBranch({ ...candidate.judging, priorNags });
      if (judgement.action === "skip") {
        run.skipped[judgement.reason] = (run.skipped[judgement.reason] ?? 0) + 1;
        continue;
      }
      if (dryRun) log.info({ ...where, body: judgement.body }, "dry run: would nag stale branch");
      else await createCommitComment(octokit, candidate.repo, candidate.sha, judgement.body);
      run.posted++;
      log.info({ ...where, ageMs: candidate.ageMs }, "nagged stale branch");
    } catch (error) {
      const status = (error as { status?: number }).status;
      log.warn({ ...where, err: error }, "could not nag stale branch");
      run.failed.push({
        repo: candidate.repository,
        step: `nag ${candidate.branch}`,
        ...(status ? { status } : {}),
        message: error instanceof Error ? error.message : String(error),
        retry: false,
      });
    }
  }
  return run;
}
