import type { Job, WorkQueue } from "./job.js";
import { createJobRunner, type JobRunnerOptions } from "./run-job.js";
import { createSeenDeliveries } from "./seen-deliveries.js";
import { NODE_TIMERS, type Timers } from "./timers.js";

export interface InProcessRunnerOptions extends JobRunnerOptions {
  /** Keys worked on at once; jobs of one key never overlap. */
  concurrency?: number;
  /** What every delay waits on (a retry, a reminder); tests pass timers that fire when asked. */
  timers?: Timers;
}

interface Entry {
  job: Job;
  attempt: number;
}

/**
 * The default work queue, in this process's memory: per-key serialisation, lock groups,
 * coalescing of bursts (a key queued twice runs once, with the newest job), delivery
 * dedupe, and one way to wait: a delayed job and a retry are both an enqueue after a
 * timer. Jobs re-judge current state from GitHub, so the newest job for a key always
 * covers the older ones.
 */
export function createInProcessRunner(options: InProcessRunnerOptions): WorkQueue {
  const concurrency = options.concurrency ?? 4;
  const timers = options.timers ?? NODE_TIMERS;
  const runJob = createJobRunner(options);
  const seen = createSeenDeliveries();
  const pending = new Map<string, Entry>();
  const ready: string[] = [];
  const running = new Set<string>();
  const locks = new Set<string>();
  /** Keys waiting out a retry's delay: newer jobs for them wait too. */
  const held = new Set<string>();
  /** Installations paused by a rate limit, until when (app clock, ms). */
  const pausedUntil = new Map<number, number>();
  const paused = (key: string) =>
    (pausedUntil.get(pending.get(key)!.job.installationId) ?? 0) > options.clock().getTime();
  // What drain() reports if the grace period ends first.
  const active = new Map<string, Job>();
  const scheduled = new Set<Job>();
  const lockOf = (key: string) => pending.get(key)?.job.lock ?? key;
  let idleWaiters: Array<() => void> = [];
  let closed = false;

  const enqueue = async (job: Job, delayMs = 0) => schedule(job, delayMs, 1);

  /**
   * The one way to wait. Delayed work is not pending: `idle()` does not wait hours for
   * a reminder. A retry holds its key meanwhile, so a newer job for it waits out the
   * delay too: a `retry-after` is a promise to GitHub, not a suggestion.
   */
  function schedule(job: Job, delayMs: number, attempt: number): void {
    if (delayMs <= 0) return admit(job, attempt);
    const retry = attempt > 1;
    if (retry) held.add(job.key);
    scheduled.add(job);
    timers.setTimeout(() => {
      scheduled.delete(job);
      if (retry) held.delete(job.key);
      admit(job, attempt);
    }, delayMs);
  }

  function admit(job: Job, attempt: number): void {
    if (attempt === 1 && job.deliveryId && !seen.firstTime(`${job.deliveryId}:${job.key}`)) {
      options.log.debug({ job: job.key, deliveryId: job.deliveryId }, "delivery already seen");
      return;
    }
    const queued = pending.get(job.key);
    // A newer job queued meanwhile covers a retry: keep its data, count the attempt.
    const newest = queued && attempt > 1 ? queued.job : job;
    pending.set(job.key, { job: newest, attempt: Math.max(attempt, queued?.attempt ?? 1) });
    if (held.has(job.key)) return;
    if (!ready.includes(job.key) && !running.has(job.key)) ready.push(job.key);
    pump();
  }

  function pump(): void {
    while (!closed && running.size < concurrency) {
      const index = ready.findIndex((key) => !locks.has(lockOf(key)) && !paused(key));
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
        if (pending.has(key) && !held.has(key)) ready.push(key);
        pump();
        settle();
      });
    }
    settle();
  }

  async function execute({ job, attempt }: Entry): Promise<void> {
    const result = await runJob(job, attempt, enqueue);
    if (result.outcome === "retry") {
      if (result.pause) pause(job.installationId, result.delayMs);
      schedule(job, result.delayMs, attempt + 1);
    }
    // Redelivering the webhook from GitHub's settings is how someone retries by hand.
    if (result.outcome === "failed" && job.deliveryId) seen.forget(`${job.deliveryId}:${job.key}`);
  }

  /** A rate limit: the installation's other jobs wait too, then the queue moves on. */
  function pause(installationId: number, ms: number): void {
    const until = options.clock().getTime() + ms;
    pausedUntil.set(installationId, Math.max(until, pausedUntil.get(installationId) ?? 0));
    timers.setTimeout(pump, ms);
  }

  function settle(): void {
    const queued = [...pending.keys()].some((key) => !held.has(key) && !paused(key));
    if ((queued && !closed) || running.size) return;
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
    depth: async () => pending.size + scheduled.size,
    async drain(graceMs) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([idle(), deadline]);
      clearTimeout(timer);
      // Queued work is not started: it is reported with the rest, for redelivery.
      closed = true;
      const queued = [...pending.values()].map((e) => e.job);
      return [...new Set([...active.values(), ...queued, ...scheduled])];
    },
  };
}
