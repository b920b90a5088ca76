import { CHECK_NAMES, MARKERS } from "../constants.js";
import { writeCheckRun } from "../github/checks.js";
import { ensureCommitComment } from "../github/comments.js";
import { getRepository } from "../github/repos.js";
import type { RepoRef } from "../github/types.js";
import type { Job, JobHandler } from "../work/job.js";
import { brokenComment, fixedComment, isReminderDue, reminderComment } from "./broken-comment.js";
import { recordExtras, type EpisodeRecord } from "./episode-record.js";
import type { MainlineJudgement } from "./mainline-state.js";
import { readMainline } from "./read-mainline.js";
import { recordVerdict } from "./record-verdict.js";
import { updateGates, type MainlineScene } from "./update-gates.js";

export const EVALUATE_MAINLINE = "evaluate-mainline";

export interface EvaluateMainlineData extends RepoRef {
  /** From the webhook payload; read from the repository when absent. */
  defaultBranch?: string;
  /** Repair every gate from what PRs actually show (sweep, repo added). */
  reconcile?: boolean;
}

/** One key per repository: mainline judgements and PR gates of a repo never interleave. */
export const mainlineKey = ({ owner, repo }: RepoRef) => `mainline:${owner}/${repo}`;

export function mainlineJob(
  data: EvaluateMainlineData,
  installationId: number,
  deliveryId?: string,
): Job<EvaluateMainlineData> {
  return {
    kind: EVALUATE_MAINLINE,
    key: mainlineKey(data),
    installationId,
    data,
    ...(deliveryId ? { deliveryId } : {}),
  };
}

/**
 * Judges the mainline and acts on what changed: the broken-build comment (and its
 * edit when green, and one reminder), every PR gate on a flip, and the record on the
 * head commit. The record is written last, so a crash part-way leaves the old record
 * and the next event redoes the (idempotent) work.
 */
export function evaluateMainline(clock: () => Date): JobHandler<EvaluateMainlineData> {
  return async (job, { octokit, log, enqueue, config: configFor }) => {
    const { data } = job;
    const repo = { owner: data.owner, repo: data.repo };
    const branch = data.defaultBranch ?? (await getRepository(octokit, repo)).defaultBranch;
    const { config } = await configFor(repo);
    if (!config.mainline.enabled) return;
    const now = clock();
    const { judgement, previous, headRecord } = await readMainline(
      octokit,
      repo,
      branch,
      config.mainline,
    );
    if (judgement.state === "pending" || !judgement.headSha) return;
    const flipped = hasFlipped(previous, judgement);
    // A closure (`/andon close`) outlives every flip until `/andon open`.
    const extras = recordExtras(previous);
    const scene = {
      octokit,
      repo,
      branch,
      config: config.mainline,
      now,
      judgement,
      ...(extras.closed ? { closed: extras.closed } : {}),
    };
    const { recorded, recheckInMs } = await nag({
      ...scene,
      flipped: flipped || Boolean(data.reconcile),
    });
    // Webhooks may stay quiet while main is red: look again when the reminder is due.
    if (recheckInMs !== undefined && flipped) {
      enqueue({ ...job, data: { ...data, reconcile: false }, deliveryId: undefined }, recheckInMs);
    }
    const gates =
      flipped || data.reconcile
        ? await updateGates({ ...scene, ...(data.reconcile ? {} : { previous }) })
        : 0;
    const record = recordVerdict({ mainline: recorded, defaultBranch: branch, now, extras });
    await writeCheckRun(octokit, repo, CHECK_NAMES.mainline, judgement.headSha, record, {
      current: headRecord ?? null,
    });
    log.info(
      { repo: `${repo.owner}/${repo.repo}`, state: judgement.state, flipped, gates },
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

interface NagInput extends MainlineScene {
  flipped: boolean;
}

/**
 * The broken-build comment on a flip to red, its edit on the fix, and the one reminder.
 * Returns the judgement to record (with the reminder's time, so it is never sent twice).
 */
async function nag(
  input: NagInput,
): Promise<{ recorded: MainlineJudgement; recheckInMs?: number }> {
  const { octokit, repo, branch, config, now, judgement, flipped } = input;
  const ctx = { branch, config };
  if (judgement.state === "green" && judgement.fixed) {
    const { episode, fixedBy } = judgement.fixed;
    const body = fixedComment(episode, fixedBy, ctx);
    await ensureCommitComment(
      octokit,
      repo,
      episode.breakingSha,
      MARKERS.broken(episode.breakingSha),
      body,
      { edit: () => body },
    );
  }
  if (judgement.state !== "red") return { recorded: judgement };
  const { episode } = judgement;
  if (flipped) {
    await ensureCommitComment(
      octokit,
      repo,
      episode.breakingSha,
      MARKERS.broken(episode.breakingSha),
      brokenComment(episode, ctx),
    );
    const dueInMs =
      config.remindAfterHours * 3_600_000 - (now.getTime() - Date.parse(episode.since));
    return { recorded: judgement, ...(dueInMs > 0 ? { recheckInMs: dueInMs + 60_000 } : {}) };
  }
  // Only an episode announced by an earlier evaluation gets a reminder: never both at once.
  if (
    judgement.episodeSource !== "record" ||
    episode.remindedAt ||
    !isReminderDue(episode, now, config)
  ) {
    return { recorded: judgement };
  }
  const marker = MARKERS.reminder(episode.breakingSha);
  await ensureCommitComment(
    octokit,
    repo,
    episode.breakingSha,
    marker,
    reminderComment(episode, now, ctx),
  );
  return { recorded: { ...judgement, episode: { ...episode, remindedAt: now.toISOString() } } };
}
