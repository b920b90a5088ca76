import type { Logger } from "probot";
import { createConfigCache } from "../config/load-config.js";
import type { ConfigStore } from "../config/config-store.js";
import type { Octokit, RepoRef } from "../github/types.js";
import type { Job, JobHandler, WorkQueue } from "./job.js";
import { decideRetry, DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy.js";
import { createSeenDeliveries } from "./seen-deliveries.js";
import { NODE_TIMERS, type Timers } from "./timers.js";

export interface InProcessRunnerOptions {
  handlers: Record<string, JobHandler<never>>;
  auth: (installationId: number) => Promise<Octokit>;
  log: Logger;
  /** Keys worked on at once; jobs of one key never overlap. */
  concurrency?: number;
  retryPolicy?: RetryPolicy;
  /** How a retry waits; tests pass one that records the delay and resolves at once. */
  sleep?: (ms: number) => Promise<void>;
  /** Config shared by all jobs; without it each job reads config afresh. */
  configs?: ConfigStore;
  /** Where jobs enqueued for later wait; tests pass timers that fire only when asked. */
  timers?: Timers;
  /** Told each time a failed attempt is scheduled to run again (metrics). */
  onRetry?: (job: Job) => void;
}

interface Entry {
  job: Job;
  attempt: number;
}

/**
 * The default work runner: per-key serialisation, coalescing of bursts (a key
 * queued twice runs once, with the newest job), delivery dedupe, retry with
 * backoff. Jobs re-judge current state from GitHub, so the newest job for a key
 * always covers the older ones.
 */
export function createInProcessRunner(options: InProcessRunnerOptions): WorkQueue {
  const concurrency = options.concurrency ?? 4;
  const policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const sleep = options.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms).unref()));
  const timers = options.timers ?? NODE_TIMERS;
  const seen = createSeenDeliveries();
  const pending = new Map<string, Entry>();
  const ready: string[] = [];
  const running = new Set<string>();
  const locks = new Set<string>();
  const lockOf = (key: string) => pending.get(key)?.job.lock ?? key;
  const waiting = new Set<string>();
  // What drain() reports if the grace period ends first.
  const active = new Map<string, Job>();
  const scheduled = new Set<Job>();
  let idleWaiters: Array<() => void> = [];

  function enqueue(job: Job, delayMs = 0): void {
    if (delayMs > 0) {
      // Scheduled, not pending: `idle()` does not wait hours for a reminder.
      scheduled.add(job);
      timers.setTimeout(() => {
        scheduled.delete(job);
        enqueue(job);
      }, delayMs);
      return;
    }
    if (job.deliveryId && !seen.firstTime(`${job.deliveryId}:${job.key}`)) {
      options.log.debug({ job: job.key, deliveryId: job.deliveryId }, "delivery already seen");
      return;
    }
    const queued = pending.get(job.key);
    pending.set(job.key, { job, attempt: queued?.attempt ?? 1 });
    if (!queued && !running.has(job.key) && !waiting.has(job.key)) ready.push(job.key);
    pump();
  }

  function pump(): void {
    while (running.size < concurrency) {
      const index = ready.findIndex((key) => !locks.has(lockOf(key)));
      if (index < 0) break;
      const [key] = ready.splice(index, 1) as [string];
      const entry = pending.get(key)!;
      const lock = lockOf(key);
      pending.delete(key);
      running.add(key);
      active.set(key, entry.job);
      locks.add(lock);
      void execute(entry).finally(() => {
        running.delete(key);
        active.delete(key);
        locks.delete(lock);
        if (pending.has(key) && !waiting.has(key)) ready.push(key);
        pump();
        settle();
      });
    }
    settle();
  }

  async function execute({ job, attempt }: Entry): Promise<void> {
    const log = options.log.child({
      job: job.key,
      kind: job.kind,
      deliveryId: job.deliveryId,
      installationId: job.installationId,
    });
    const handler = options.handlers[job.kind] as JobHandler | undefined;
    if (!handler) return log.error("no handler for this kind of job");
    try {
      const octokit = await options.auth(job.installationId);
      const config = options.configs
        ? (repo: RepoRef, ref?: string) => options.configs!.load(octokit, repo, ref)
        : createConfigCache(octokit);
      await handler(job, { octokit, log, enqueue, config });
    } catch (error) {
      const decision = decideRetry(error, attempt, policy);
      if (!decision.retry) {
        log.error({ err: error, attempt }, `job failed, not retried: ${decision.reason}`);
        // Redelivering the webhook from GitHub's settings is how someone retries by hand.
        if (job.deliveryId) seen.forget(`${job.deliveryId}:${job.key}`);
        return;
      }
      log.warn(
        { err: error, attempt, delayMs: decision.delayMs },
        `job will retry: ${decision.reason}`,
      );
      options.onRetry?.(job);
      retryLater(job, attempt + 1, decision.delayMs);
    }
  }

  function retryLater(job: Job, attempt: number, delayMs: number): void {
    // A newer job queued meanwhile already covers this one; keep its data.
    const newer = pending.get(job.key);
    pending.set(job.key, newer ? { job: newer.job, attempt } : { job, attempt });
    const index = ready.indexOf(job.key);
    if (index >= 0) ready.splice(index, 1);
    waiting.add(job.key);
    void sleep(delayMs).then(() => {
      waiting.delete(job.key);
      if (!running.has(job.key)) ready.push(job.key);
      pump();
    });
  }

  function settle(): void {
    if (pending.size || running.size || waiting.size) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  const idle = () =>
    new Promise<void>((resolve) => {
      idleWaiters.push(resolve);
      settle();
    });

  return {
    enqueue,
    idle,
    async drain(graceMs) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([idle(), deadline]);
      clearTimeout(timer);
      return [...active.values(), ...[...pending.values()].map((e) => e.job), ...scheduled];
    },
  };
}
