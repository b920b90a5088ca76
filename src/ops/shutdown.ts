import type { Logger } from "probot";
import type { Job } from "../work/job.js";

export const DEFAULT_GRACE_SECONDS = 25;

/**
 * `ANDON_SHUTDOWN_GRACE_SECONDS`: how long running work may take to finish after SIGTERM.
 * Kubernetes kills the pod `terminationGracePeriodSeconds` (30 by default) after SIGTERM,
 * so the default leaves a few seconds to log what did not finish and exit.
 */
export function graceSecondsFrom(env: NodeJS.ProcessEnv): number {
  const raw = env.ANDON_SHUTDOWN_GRACE_SECONDS?.trim();
  if (!raw) return DEFAULT_GRACE_SECONDS;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new Error(
      `ANDON_SHUTDOWN_GRACE_SECONDS must be a number of seconds (0 or more), not "${raw}"`,
    );
  }
  return seconds;
}

/** What to redeliver by hand for one job that did not finish before the process ended. */
export interface UnfinishedWork {
  deliveryId: string | null;
  /** The webhook event that caused it, when this process saw that delivery. */
  event: string | null;
  repository: string | null;
  kind: string;
  key: string;
  installationId: number;
}

export function describeUnfinished(
  job: Job,
  eventOf: (deliveryId: string) => string | undefined,
): UnfinishedWork {
  const data = (job.data ?? {}) as { owner?: unknown; repo?: unknown };
  const repository =
    typeof data.owner === "string" && typeof data.repo === "string"
      ? `${data.owner}/${data.repo}`
      : null;
  return {
    deliveryId: job.deliveryId ?? null,
    event: (job.deliveryId && eventOf(job.deliveryId)) || null,
    repository,
    kind: job.kind,
    key: job.key,
    installationId: job.installationId,
  };
}

export interface ShutdownOptions {
  graceMs: number;
  /** Refuse new webhooks (503) and turn /readyz red. */
  stopAccepting(): void;
  /** Let running work finish within the grace period; resolves with what did not. */
  drain(graceMs: number): Promise<Job[]>;
  /** Close the HTTP server and connections; called once work is done or given up on. */
  close(): Promise<void>;
  eventOf(deliveryId: string): string | undefined;
  log: Logger;
  exit(code: number): void;
}

/**
 * The shutdown sequence for SIGTERM and SIGINT: stop taking webhooks, let running work
 * finish for up to the grace period, log each job that did not finish with what is needed
 * to redeliver it, close, exit 0. A second signal while draining changes nothing: the
 * orchestrator's SIGKILL after its own grace period is the hard stop.
 */
export function shutdownOn(
  signals: NodeJS.Signals[],
  options: ShutdownOptions,
  on: (signal: NodeJS.Signals, listener: () => void) => void = (s, l) => process.on(s, l),
): { done: Promise<void> } {
  let started: Promise<void> | undefined;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  for (const signal of signals) {
    on(signal, () => {
      if (started) {
        options.log.warn({ signal }, "already shutting down");
        return;
      }
      started = shutDown(signal, options).then(finished);
    });
  }
  return { done };
}

async function shutDown(signal: NodeJS.Signals, options: ShutdownOptions): Promise<void> {
  const { log } = options;
  log.info({ signal, graceMs: options.graceMs }, "shutting down: refusing new webhooks");
  options.stopAccepting();
  let code = 0;
  try {
    const unfinished = await options.drain(options.graceMs);
    for (const job of unfinished) {
      log.warn(
        describeUnfinished(job, options.eventOf),
        "not finished before shutdown: redeliver this webhook from the app's advanced settings" +
          " (the daily sweep also repairs what it left)",
      );
    }
    log.info({ unfinished: unfinished.length }, "work drained");
    await options.close();
  } catch (error) {
    log.error({ err: error }, "shutdown did not complete cleanly");
    code = 1;
  }
  options.exit(code);
}
