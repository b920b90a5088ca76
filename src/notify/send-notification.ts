import type { ConfigStore } from "../config/config-store.js";
import {
  defineConsumer,
  transitionId,
  type MainlineTransition,
  type TransitionConsumer,
} from "../mainline/transition.js";
import { defineJob, type Job, type JobHandler } from "../work/job.js";
import type { NotifyHook } from "./hooks.js";
import { jsonEvent, slackMessage, teamsCard } from "./messages.js";

export const SEND_NOTIFICATION = "send-notification";

export interface NotificationData {
  transition: MainlineTransition;
  /** The hook's index in `ANDON_NOTIFY_URLS`; the URL itself never travels in a job. */
  hook: number;
}

/**
 * One job per (transition, hook), keyed and deduplicated by both: a redelivered webhook,
 * a second evaluation or another replica offering the same transition again adds nothing,
 * and a hook that fails is retried on its own without re-sending to the others. The job
 * is not under the mainline lock, so a slow hook never holds up a gate.
 */
export function notificationJobs(
  transition: MainlineTransition,
  hooks: readonly NotifyHook[],
): Job<NotificationData>[] {
  return hooks.map((hook) => {
    const data = { transition, hook: hook.index };
    return sendNotificationJob.of(data, transition.installationId, notificationKey(data));
  });
}

const notificationKey = ({ transition, hook }: NotificationData) =>
  `notify:${transitionId(transition)}#${hook}`;

export const sendNotificationJob = defineJob({
  kind: SEND_NOTIFICATION,
  key: notificationKey,
  handler: sendNotification,
});

export function messageFor(hook: NotifyHook, transition: MainlineTransition): unknown {
  switch (hook.format) {
    case "slack":
      return slackMessage(transition);
    case "teams":
      return teamsCard(transition);
    case "json":
      return jsonEvent(transition);
  }
}

/**
 * A failure worth retrying, shaped for the work runner's retry policy (`status`, a
 * `retry-after` header, or a network error). Its message names the hook only in its
 * redacted form: the error is logged, and the URL is a secret.
 */
export class HookError extends Error {
  readonly status: number | undefined;
  readonly response?: { headers: Record<string, string> };
  readonly code: string | undefined;

  constructor(message: string, options: { status?: number; retryAfter?: string; code?: string }) {
    super(message);
    this.name = "HookError";
    this.status = options.status;
    this.code = options.code;
    if (options.retryAfter !== undefined) {
      this.response = { headers: { "retry-after": options.retryAfter } };
    }
  }
}

export interface SendOptions {
  hooks: readonly NotifyHook[];
  configs: ConfigStore;
  /** A hook that does not answer in this time is retried later; the default is 10 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Posts one transition to one hook. 2xx is done; 5xx, 429 and network failures throw a
 * `HookError` for the runner to retry with backoff; any other 4xx is final (the hook was
 * deleted or refuses the format): logged, never retried. Repositories that set
 * `notify.enabled: false` send nothing.
 */
export function sendNotification(options: SendOptions): JobHandler<NotificationData> {
  const post = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return async ({ data }, { octokit, log }) => {
    const hook = options.hooks.find((h) => h.index === data.hook);
    const { transition } = data;
    if (!hook) {
      log.warn({ hook: data.hook }, "notification dropped: no hook at that index any more");
      return;
    }
    const [owner = "", repo = ""] = transition.repository.split("/");
    const { config } = await options.configs.load(octokit, { owner, repo });
    if (!config.notify.enabled) return;
    let response: Response;
    try {
      response = await post(hook.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(messageFor(hook, transition)),
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Drain the body so the connection is released; its content does not matter.
      await response.arrayBuffer().catch(() => undefined);
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code ?? "ETIMEDOUT";
      throw new HookError(`${hook.redacted}: network error (${code})`, { code });
    }
    const what = { hook: hook.redacted, event: transition.event, status: response.status };
    if (response.ok) {
      log.info(what, "notification sent");
      return;
    }
    if (response.status === 429) {
      // No `retry-after`: wait the runner's backoff ("0" means no longer than that).
      const retryAfter = response.headers.get("retry-after") ?? "0";
      throw new HookError(`${hook.redacted} is rate limiting (429)`, { status: 429, retryAfter });
    }
    if (response.status >= 500) {
      throw new HookError(`${hook.redacted} answered ${response.status}`, {
        status: response.status,
      });
    }
    log.error(what, "notification refused by the hook, not retried");
  };
}

export const NOTIFY_TRANSITION = "notify-transition";

/**
 * The notifications' consumer of mainline transitions: it fans a transition out into one
 * job per hook, so each hook is retried and deduplicated on its own.
 */
export function notifyConsumer(hooks: readonly NotifyHook[]): TransitionConsumer {
  return defineConsumer(NOTIFY_TRANSITION, async ({ data }, { enqueue }) => {
    for (const job of notificationJobs(data, hooks)) await enqueue(job);
  });
}
