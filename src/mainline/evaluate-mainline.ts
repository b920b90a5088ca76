import { withConfigErrors } from "../config/config-errors.js";
import { CHECK_NAMES, LEGACY_MARKERS, MARKERS } from "../constants.js";
import { writeCheckRun } from "../github/checks.js";
import { ensureCommitComment, findMarked, listCommitComments } from "../github/comments.js";
import { getRepository } from "../github/repos.js";
import type { RepoRef } from "../github/types.js";
import type { ConfigStore } from "../config/config-store.js";
import { defineJob, mainlineLock, type Job, type JobHandler } from "../work/job.js";
import {
  brokenComment,
  isReminderDue,
  reminderComment,
  restoredComment,
} from "./broken-comment.js";
import { effectiveJudgement, isConfirming } from "./confirm-red.js";
import { recordExtras, type EpisodeRecord } from "./episode-record.js";
import type { MainlineJudgement } from "./mainline-state.js";
import { readMainline } from "./read-mainline.js";
import { confirmationJobs, confirmStep, type ConfirmingChange } from "./confirm-by-rerun.js";
import { recordVerdict } from "./record-verdict.js";
import { transitionOf } from "./transition-jobs.js";
import type { MainlineTransition } from "./transition.js";
import { updateGates, type MainlineScene } from "./update-gates.js";

export interface EvaluateMainlineData extends RepoRef {
  /** From the webhook payload; read from the repository when absent. */
  defaultBranch?: string;
  /** Repair every gate from what PRs actually show (sweep, repo added). */
  reconcile?: boolean;
}

/** One key per repository, in the repository's lock group with its PR gates. */
export const evaluateMainlineJob = defineJob({
  kind: "evaluate-mainline",
  key: mainlineLock,
  lock: mainlineLock,
  handler: evaluateMainline,
});

export interface EvaluateMainlineOptions {
  clock: () => Date;
  configs: ConfigStore;
  /** The jobs that hand a red/green transition to its consumers (one per consumer). */
  transitionJobs?: (transition: MainlineTransition) => Job[];
  /** The jobs that record a confirmation beginning or ending (the history store). */
  confirmingJobs?: (change: ConfirmingChange) => Job[];
}

/**
 * The mainline job again later, with no delivery id (the same webhook may not run it
 * twice): when the reminder falls due, or when a confirmation by re-run times out.
 */
function recheckJob(job: Job<EvaluateMainlineData>): Job<EvaluateMainlineData> {
  return evaluateMainlineJob.of({ ...job.data, reconcile: false }, job.installationId);
}

/**
 * Judges the mainline and acts on what changed, most urgent first: every PR gate on a
 * flip (auto-merge and approved PRs first), then the comments on the breaking commit
 * (broken build, one reminder, the "restored" reply), then the record on the head commit,
 * then the transition for its consumers. The record is written last, so a crash or a
 * retry part-way flips again: gates already right are not rewritten, and every comment
 * is found by its marker.
 */
export function evaluateMainline(
  options: EvaluateMainlineOptions,
): JobHandler<EvaluateMainlineData> {
  const { clock, configs, transitionJobs = () => [], confirmingJobs = () => [] } = options;
  return async (job, { octokit, log, enqueue }) => {
    const { data } = job;
    const repo = { owner: data.owner, repo: data.repo };
    const branch = data.defaultBranch ?? (await getRepository(octokit, repo)).defaultBranch;
    const { config, errors } = await configs.load(octokit, repo);
    if (!config.mainline.enabled) return;
    const now = clock();
    const reading = await readMainline(octokit, repo, branch, config.mainline);
    const { previous, headRecord } = reading;
    const step = await confirmStep(octokit, repo, reading, config.mainline, now);
    const judgement = effectiveJudgement(step, reading.judgement, previous);
    const confirming = isConfirming(step);
    const jobs = confirmationJobs(job, step, previous, now, { confirmingJobs, recheckJob });
    for (const next of jobs) await enqueue(next.job, next.delayMs);
    if (judgement.state === "pending" || !judgement.headSha) return;
    const flipped = hasFlipped(previous, judgement);
    // A closure (`/andon close`) outlives every flip until `/andon open`; a confirmation
    // by re-run is remembered so a commit is re-run once only.
    const extras = {
      ...recordExtras(previous),
      ...(step.confirm ? { confirm: step.confirm } : {}),
    };
    const scene: MainlineScene = {
      octokit,
      repo,
      branch,
      config: config.mainline,
      errors,
      now,
      judgement,
      ...(extras.closed ? { closed: extras.closed } : {}),
    };
    const gates = flipped || data.reconcile ? await updateGates(scene) : 0;
    const { recorded, recheckInMs } = await nag(scene, flipped || Boolean(data.reconcile));
    // Webhooks may stay quiet while main is red: look again when the reminder is due.
    if (recheckInMs !== undefined) await enqueue(recheckJob(job), recheckInMs);
    const record = withConfigErrors(
      recordVerdict({ mainline: recorded, defaultBranch: branch, now, extras, confirming }),
      errors,
      repo,
    );
    await writeCheckRun(octokit, repo, CHECK_NAMES.mainline, judgement.headSha, record, {
      current: headRecord ?? null,
    });
    const transition = flipped ? transitionOf(repo, job.installationId, judgement) : undefined;
    if (transition) for (const next of transitionJobs(transition)) await enqueue(next);
    log.info(
      {
        repo: `${repo.owner}/${repo.repo}`,
        state: judgement.state,
        flipped,
        gates,
        ...(step.confirm ? { confirm: step.step } : {}),
      },
      "judged mainline",
    );
  };
}

/** A flip changes what every gate says: red ↔ not red, or a new breaking commit. */
export function hasFlipped(previous: EpisodeRecord | undefined, now: MainlineJudgement): boolean {
  if (now.state === "pending") return false;
  if (!previous) return now.state === "red";
  if (previous.state !== now.state) return true;
  return (
    previous.state === "red" &&
    now.state === "red" &&
    previous.breakingSha !== now.episode.breakingSha
  );
}

/**
 * The comments on the breaking commit: the broken-build comment when main turns red (or
 * a reconcile finds it missing), one reminder from whichever evaluation first sees main
 * red past `remindAfterHours` (a webhook, the sweep, the delayed re-check, after a
 * restart), and one "restored" reply when it is green again. Comments are read once, and
 * only when one may be due. Returns the judgement to record (with the reminder's time).
 */
async function nag(
  scene: MainlineScene,
  announce: boolean,
): Promise<{ recorded: MainlineJudgement; recheckInMs?: number }> {
  const { octokit, repo, branch, config, now, judgement } = scene;
  const ctx = { branch, config };
  if (judgement.state === "green" && judgement.fixed) {
    const { episode, fixedBy } = judgement.fixed;
    const sha = episode.breakingSha;
    const comments = await listCommitComments(octokit, repo, sha);
    // An earlier Andon edited its broken-build comment instead: that is the reply.
    const edited = findMarked(comments, [MARKERS.broken(sha)])?.body.includes(
      LEGACY_MARKERS.resolvedHeading,
    );
    if (!edited) {
      await ensureCommitComment(
        octokit,
        repo,
        sha,
        MARKERS.restored(sha),
        restoredComment(episode, fixedBy, ctx),
        { comments },
      );
    }
  }
  if (judgement.state !== "red") return { recorded: judgement };
  const { episode } = judgement;
  const sha = episode.breakingSha;
  const due = !episode.remindedAt && isReminderDue(episode, now, config);
  if (!announce && !due) return { recorded: judgement };

  const comments = await listCommitComments(octokit, repo, sha);
  const broken = await ensureCommitComment(
    octokit,
    repo,
    sha,
    MARKERS.broken(sha),
    brokenComment(episode, ctx),
    { comments },
  );
  if (!due) {
    const dueInMs =
      config.remindAfterHours * 3_600_000 - (now.getTime() - Date.parse(episode.since));
    return { recorded: judgement, ...(dueInMs > 0 ? { recheckInMs: dueInMs + 60_000 } : {}) };
  }
  // Posted just now, late (main was red before Andon saw it): it already says how long,
  // so a reminder right under it would only be noise.
  if (broken.action !== "created") {
    await ensureCommitComment(
      octokit,
      repo,
      sha,
      MARKERS.reminder(sha),
      reminderComment(episode, now, ctx),
      { comments, alsoMarkers: [LEGACY_MARKERS.reminder(sha)] },
    );
  }
  return { recorded: { ...judgement, episode: { ...episode, remindedAt: now.toISOString() } } };
}
