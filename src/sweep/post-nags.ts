import type { Logger } from "probot";
import { ensureCommitComment } from "../github/comments.js";
import type { Octokit } from "../github/types.js";
import type { StaleNag } from "../integration/scan-stale-branches.js";
import type { RepoFailure } from "./summary.js";

export interface PostedNags {
  posted: number;
  failed: RepoFailure[];
}

/**
 * Posts the nags chosen for this run, one at a time (GitHub asks for serial writes, and
 * the throttling plugin paces them). Each goes through the marker check again: the scan
 * read the comments minutes ago, and a replica or an overlapping run may have posted
 * since. One failed post is logged and recorded; its branch has no marker yet, so the
 * next run finds it again.
 */
export async function postNags(
  octokit: Octokit,
  nags: readonly StaleNag[],
  { dryRun, log }: { dryRun: boolean; log: Logger },
): Promise<PostedNags> {
  const result: PostedNags = { posted: 0, failed: [] };
  for (const nag of nags) {
    const where = { repo: nag.repository, branch: nag.branch, sha: nag.sha, ageMs: nag.ageMs };
    if (dryRun) {
      log.info({ ...where, body: nag.body }, "dry run: would nag stale branch");
      result.posted++;
      continue;
    }
    try {
      const { action } = await ensureCommitComment(
        octokit,
        nag.repo,
        nag.sha,
        nag.marker,
        nag.body,
      );
      if (action === "created") result.posted++;
      log.info({ ...where, action }, "nagged stale branch");
    } catch (error) {
      const status = (error as { status?: number }).status;
      log.warn({ ...where, err: error }, "could not post stale-branch nag");
      result.failed.push({
        repo: nag.repository,
        step: `nag ${nag.branch}`,
        ...(status ? { status } : {}),
        message: error instanceof Error ? error.message : String(error),
        retry: false,
      });
    }
  }
  return result;
}
