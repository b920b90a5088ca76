import { plainText } from "../checks/format.js";
import { findWorkflowRuns, rerunFailedJobs } from "../github/actions.js";
import type { Octokit, RepoRef } from "../github/types.js";
import type { FailedRun } from "./build-state.js";

export type RerunOutcome =
  /** GitHub accepted the re-run of every failed job. */
  | { kind: "requested" }
  /** A workflow is still running its other jobs: its failed jobs are re-run once it ends. */
  | { kind: "waiting" }
  /** Nothing can be re-run; `note` (markdown, GitHub's words made inert) says why, on main's run. */
  | { kind: "refused"; note: string };

const NOT_ACCESSIBLE = /resource not accessible by integration/i;

/**
 * Re-runs the failed GitHub Actions jobs of a red commit, one request per workflow run
 * (jobs of one workflow share its check suite). Nothing is asked while one of those
 * workflows still runs: GitHub re-runs a finished run, and the workflow's end brings a
 * `workflow_run` event that asks again.
 */
export async function rerunFailedRuns(
  octokit: Octokit,
  repo: RepoRef,
  runs: readonly FailedRun[],
): Promise<RerunOutcome> {
  const suites = [
    ...new Set(runs.flatMap((r) => (r.checkSuiteId === null ? [] : [r.checkSuiteId]))),
  ];
  const workflows = [];
  for (const suite of suites) workflows.push(...(await findWorkflowRuns(octokit, repo, suite)));
  if (workflows.length === 0) {
    return {
      kind: "refused",
      note: "GitHub lists no workflow run for the failed jobs, so there was nothing to re-run; main is declared red without confirming.",
    };
  }
  if (workflows.some((w) => w.status !== "completed")) return { kind: "waiting" };
  for (const workflow of workflows) {
    const answer = await rerunFailedJobs(octokit, repo, workflow.id);
    if (!answer.accepted) return { kind: "refused", note: refusalNote(answer.message) };
  }
  return { kind: "requested" };
}

function refusalNote(message: string): string {
  if (NOT_ACCESSIBLE.test(message)) {
    return "`mainline.confirmRed: rerun` needs the optional `actions: write` permission, which this installation has not granted, so the failed jobs were not re-run and main is declared red without confirming. An organisation owner can grant it in the app's installation settings, or set `confirmRed: off`.";
  }
  return `GitHub refused to re-run the failed jobs (${plainText(message)}), so main is declared red without confirming.`;
}
