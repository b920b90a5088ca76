import type { ConfigStore } from "../config/config-store.js";
import { CHECK_NAMES } from "../constants.js";
import { writeCheckRun } from "../github/checks.js";
import { reactToIssueComment } from "../github/reactions.js";
import type { RepoRef } from "../github/types.js";
import type { Closure, EpisodeRecord } from "../mainline/episode-record.js";
import type { MainlineJudgement } from "../mainline/mainline-state.js";
import { readMainline } from "../mainline/read-mainline.js";
import { recordVerdict } from "../mainline/record-verdict.js";
import type { MainlineTransition } from "../mainline/transition.js";
import { judgementFromRecord, updateGates } from "../mainline/update-gates.js";
import { defineJob, mainlineLock, type Job, type JobHandler } from "../work/job.js";
import type { AndonCommand } from "./parse-command.js";
import { canCommand, type PermissionCache } from "./permission-cache.js";

export const ANDON_COMMAND = "andon-command";

export interface AndonCommandData extends RepoRef {
  defaultBranch: string;
  command: AndonCommand;
  commentId: number;
  /** The login of the comment's author. */
  author: string;
  /** The comment's `created_at`: when the mainline was closed or opened. */
  at: string;
  /** The comment's page, for the notification. */
  url: string;
}

/**
 * One job per command comment, under the repository's mainline lock: a close never
 * interleaves with a flip or a PR gate, so no gate is written from a state it replaces.
 */
export const andonCommandJob = defineJob({
  kind: ANDON_COMMAND,
  key: (data: AndonCommandData) => `command:${data.owner}/${data.repo}#${data.commentId}`,
  lock: mainlineLock,
  handler: andonCommand,
});

export interface AndonCommandDeps {
  clock: () => Date;
  configs: ConfigStore;
  permissions: PermissionCache;
  /** The jobs that hand a transition to its consumers (notifications, history). */
  transitionJobs: (transition: MainlineTransition) => Job[];
}

/**
 * `/andon close <reason>` and `/andon open`. The closure is written into Andon's record
 * on the mainline head (where a restart or another replica reads main's state), every
 * open PR gate is rewritten, consumers get a `closed`/`opened` transition, and the
 * comment gets `+1`. Anyone without write access, or a malformed command, gets `-1`
 * and changes nothing. The build state in the record is carried over as it was, so a
 * flip that the mainline job has not announced yet is still announced.
 */
export function andonCommand(deps: AndonCommandDeps): JobHandler<AndonCommandData> {
  return async ({ data, installationId }, { octokit, log, enqueue }) => {
    const repo = { owner: data.owner, repo: data.repo };
    const react = (content: "+1" | "-1") =>
      reactToIssueComment(octokit, repo, data.commentId, content);
    const { command } = data;
    if (command.kind === "invalid") {
      log.info({ author: data.author, why: command.why }, "/andon command refused");
      return react("-1");
    }
    const permission = await deps.permissions.get(octokit, repo, data.author);
    if (!canCommand(permission)) {
      log.info({ author: data.author, role: permission.roleName }, "/andon refused: no write");
      return react("-1");
    }
    const { config } = await deps.configs.load(octokit, repo);
    if (!config.mainline.enabled) {
      log.info({ author: data.author }, "/andon refused: mainline.enabled is false");
      return react("-1");
    }
    const now = deps.clock();
    const branch = data.defaultBranch;
    const { judgement, previous, headRecord } = await readMainline(
      octokit,
      repo,
      branch,
      config.mainline,
    );
    const headSha = judgement.headSha;
    if (!headSha) {
      log.warn("/andon refused: the mainline has no commit to record on");
      return react("-1");
    }
    const lastId = previous?.lastCommandId ?? 0;
    if (data.commentId < lastId) {
      // A newer command already decided the state; an older one arriving late changes nothing.
      log.info({ commentId: data.commentId, lastId }, "/andon command superseded");
      return;
    }
    if (data.commentId === lastId) return react("+1"); // Applied before (a redelivery).

    const closed: Closure | undefined =
      command.kind === "close"
        ? { by: data.author, at: data.at, reason: command.reason }
        : undefined;
    const recorded = recordedState(previous, judgement, headSha);
    // Gates and consumers first, the record last: a crash part-way leaves the old record,
    // and the retry redoes the (idempotent) gate writes instead of taking them as done.
    const changed = command.kind === "close" || previous?.closed !== undefined;
    const gates = changed
      ? await updateGates({
          octokit,
          repo,
          branch,
          config: config.mainline,
          now,
          judgement: recorded,
          ...(previous ? { previous } : {}),
          ...(closed ? { closed } : {}),
        })
      : 0;
    if (changed) {
      const transition = commandTransition(data, installationId, headSha);
      for (const job of deps.transitionJobs(transition)) await enqueue(job);
    }
    const verdict = recordVerdict({
      mainline: recorded,
      defaultBranch: branch,
      now,
      extras: {
        ...(closed ? { closed } : {}),
        lastCommandId: data.commentId,
        // A confirmation by re-run goes on under a closure: it is carried, never dropped.
        ...(previous?.confirm ? { confirm: previous.confirm } : {}),
      },
      confirming: Boolean(previous?.confirm && !previous.confirm.outcome),
    });
    await writeCheckRun(octokit, repo, CHECK_NAMES.mainline, headSha, verdict, {
      current: headRecord ?? null,
    });
    log.info(
      { repo: `${repo.owner}/${repo.repo}`, command: command.kind, by: data.author, gates },
      command.kind === "close" ? "mainline closed by hand" : "mainline opened",
    );
    await react("+1");
  };
}

/**
 * The build state to record beside the closure: what Andon last recorded (the state the
 * gates show), never a fresher judgement, so the mainline job still sees its flip.
 */
function recordedState(
  previous: EpisodeRecord | undefined,
  judgement: MainlineJudgement,
  headSha: string,
): MainlineJudgement {
  if (previous)
    return judgementFromRecord(previous, { ...judgement, headSha } as MainlineJudgement);
  return { state: "none", headSha };
}

function commandTransition(
  data: AndonCommandData,
  installationId: number,
  headSha: string,
): MainlineTransition {
  return {
    event: data.command.kind === "close" ? "closed" : "opened",
    installationId,
    repository: `${data.owner}/${data.repo}`,
    sha: headSha,
    breakingSha: null,
    fixingSha: null,
    author: data.author,
    failingChecks: [],
    reason: data.command.kind === "close" ? data.command.reason : null,
    url: data.url,
    at: data.at,
    commandId: data.commentId,
  };
}
