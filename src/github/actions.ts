import { type Octokit, repoParams, type RepoRef } from "./types.js";

/** A GitHub Actions workflow run, as much as re-running its failed jobs needs. */
export interface WorkflowRunFacts {
  id: number;
  /** `queued`, `in_progress`, `completed`…: failed jobs are re-run once it has completed. */
  status: string | null;
  /** 1 for the first attempt; each re-run is the next attempt of the same run. */
  runAttempt: number;
}

/**
 * The workflow run behind a check suite: in GitHub Actions each workflow run is one check
 * suite, and its jobs are that suite's check runs, so a failing job's `check_suite.id`
 * finds the run to re-run. Needs `actions: read`.
 * https://docs.github.com/en/rest/actions/workflow-runs#list-workflow-runs-for-a-repository
 */
export async function findWorkflowRuns(
  octokit: Octokit,
  repo: RepoRef,
  checkSuiteId: number,
): Promise<WorkflowRunFacts[]> {
  const { data } = await octokit.rest.actions.listWorkflowRunsForRepo({
    ...repoParams(repo),
    check_suite_id: checkSuiteId,
    per_page: 10,
  });
  return data.workflow_runs.map((r) => ({
    id: r.id,
    status: r.status,
    runAttempt: r.run_attempt ?? 1,
  }));
}

export type RerunAnswer = { accepted: true } | { accepted: false; message: string };

/**
 * Re-runs the failed jobs of a workflow run, and the jobs that depend on them, as a new
 * attempt of the same run. Needs `actions: write`, an optional permission: GitHub answers
 * 403 ("Resource not accessible by integration") without it, and that refusal is returned,
 * not thrown, for the caller to explain on the mainline's run. Other failures throw.
 * https://docs.github.com/en/rest/actions/workflow-runs#re-run-failed-jobs-from-a-workflow-run
 */
export async function rerunFailedJobs(
  octokit: Octokit,
  repo: RepoRef,
  runId: number,
): Promise<RerunAnswer> {
  try {
    await octokit.rest.actions.reRunWorkflowFailedJobs({ ...repoParams(repo), run_id: runId });
    return { accepted: true };
  } catch (error) {
    const e = error as { status?: number; message?: string; response?: { headers?: object } };
    const headers = (e.response?.headers ?? {}) as Record<string, string | undefined>;
    // A rate limit is a 403 too: that one is retried by the work runner, not explained.
    const limited =
      headers["retry-after"] !== undefined || headers["x-ratelimit-remaining"] === "0";
    if (e.status === 403 && !limited) return { accepted: false, message: e.message ?? "Forbidden" };
    throw error;
  }
}
