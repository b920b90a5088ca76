import type { Octokit } from "../github/types.js";

/**
 * Counts the requests an octokit makes from now on, for the run summary: the one number
 * that says what a sweep costs against the installation's hourly rate limit. Each job
 * gets its own octokit, so the count is the job's own.
 */
export function countRequests(octokit: Octokit): () => number {
  let count = 0;
  octokit.hook.before("request", () => {
    count++;
  });
  return () => count;
}
