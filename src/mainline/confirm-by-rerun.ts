import { plainText } from "../checks/format.js";
import type { MainlineConfig } from "../config/schema.js";
import { findWorkflowRuns, rerunFailedJobs } from "../github/actions.js";
import type { Octokit, RepoRef } from "../github/types.js";
import type { Job } from "../work/job.js";
import type { FailedRun } from "./build-state.js";
import {
  CONFIRM_TIMEOUT_MS,
  isConfirming,
  planConfirmation,
  type ConfirmStep,
} from "./confirm-red.js";
import type { EpisodeRecord } from "./episode-record.js";
import type { MainlineReading } from "./read-mainline.js";

/** A confirmation by re-run began or ended on a repository (the board shows it). */
export interface ConfirmingChange extends RepoRef {
  installationId: number;
  confirming: boolean;
  /** The commit being confirmed. */
  sha: string;
  at: string;
}

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
      note: "GitHub lists no workflow run for the failed jobs, so there was nothing to re-run and main is declared red without confirming.",
    };
  }
  // A failure on a re-run attempt is confirmed already (by a person, or by Andon before a
  // crash kept it from recording so): never re-run twice.
  const rerun = workflows.find((w) => w.runAttempt > 1);
  if (rerun) {
    return {
      kind: "refused",
      note: `the failed jobs failed on a re-run already (attempt ${rerun.runAttempt} of the workflow run), so Andon did not re-run them again.`,
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

/**
 * The confirmation step (`mainline.confirmRed: rerun`), with the re-run asked for when
 * the step says so. A refusal (no `actions: write`) declares the red at once, with a note.
 */
export async function confirmStep(
  octokit: Octokit,
  repo: RepoRef,
  reading: MainlineReading,
  config: MainlineConfig,
  now: Date,
): Promise<ConfirmStep> {
  const step = planConfirmation({ config, now, ...reading });
  if (step.step !== "rerun" || reading.judgement.state !== "red") return step;
  const outcome = await rerunFailedRuns(octokit, repo, step.runs);
  if (outcome.kind === "refused") {
    const confirm = { ...step.confirm, note: outcome.note, outcome: "red" as const };
    return { step: "declare", confirm, judgement: reading.judgement };
  }
  return outcome.kind === "requested"
    ? { step: "wait", confirm: { ...step.confirm, rerun: true } }
    : step;
}

/**
 * When a confirmation by re-run begins or ends: the store's record of it (the board's
 * "maybe flaky" list) and, as it begins, this job again at its deadline. Webhooks say
 * when the re-run ends; the deadline bounds the wait if none ever comes.
 */
export function confirmationJobs<J extends Job<RepoRef>>(
  job: J,
  step: ConfirmStep,
  previous: EpisodeRecord | undefined,
  now: Date,
  make: { confirmingJobs: (change: ConfirmingChange) => Job[]; recheckJob: (job: J) => Job },
): Array<{ job: Job; delayMs?: number }> {
  const confirming = isConfirming(step);
  const was = Boolean(previous?.confirm && !previous.confirm.outcome);
  if (!step.confirm || confirming === was) return [];
  const { owner, repo } = job.data;
  const change = {
    owner,
    repo,
    installationId: job.installationId,
    confirming,
    sha: step.confirm.sha,
    at: now.toISOString(),
  };
  const recorded = make.confirmingJobs(change).map((j) => ({ job: j }));
  if (!confirming) return recorded;
  const dueInMs = Date.parse(step.confirm.since) + CONFIRM_TIMEOUT_MS - now.getTime();
  return [...recorded, { job: make.recheckJob(job), delayMs: Math.max(dueInMs, 0) + 1_000 }];
}
