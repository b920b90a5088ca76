import type { Logger } from "probot";
import type { Octokit, RepoRef } from "../github/types.js";

/**
 * A unit of work, keyed by what it judges (`mainline:acme/shop`, `pr:acme/shop#12`).
 * Plain data only, so a Redis-backed queue can carry it between replicas. Built by a
 * job definition's `of()`, never by hand, so its key and lock always agree with its kind.
 */
export interface Job<Data = unknown> {
  kind: string;
  key: string;
  installationId: number;
  data: Data;
  /**
   * Jobs sharing a lock never run at once, even with different keys: a PR's gate
   * and a mainline flip of one repo must not interleave their reads and writes.
   * Defaults to the key.
   */
  lock?: string;
  /** `X-GitHub-Delivery` of the webhook that asked for it, for logs and dedupe. */
  deliveryId?: string;
}

export interface JobTools {
  octokit: Octokit;
  log: Logger;
  /** Enqueue follow-up work (a flip re-judging every PR), now or after `delayMs`. */
  enqueue: (job: Job, delayMs?: number) => Promise<void>;
}

export type JobHandler<Data> = (job: Job<Data>, tools: JobTools) => Promise<void>;

/** A kind of job as a queue runs it: its handler bound to the app's dependencies. */
export interface RunnableJob {
  kind: string;
  run(job: Job, tools: JobTools): Promise<void>;
}

export interface JobDefinition<Data, Deps> {
  kind: string;
  /** What the job judges: one key never runs twice at once, and a burst of it runs once. */
  key: (data: Data, installationId: number) => string;
  /** The lock group it shares with other keys (a repository's mainline); the key when absent. */
  lock?: (data: Data, installationId: number) => string;
  /** Builds the handler from what the app gives it (clock, config store, checks…). */
  handler: (deps: Deps) => JobHandler<Data>;
}

export interface JobType<Data, Deps> {
  readonly kind: string;
  /** The job for `data`, keyed and locked as its definition says. */
  of(data: Data, installationId: number, deliveryId?: string): Job<Data>;
  /** The handler with the app's dependencies, for the queue. */
  with(deps: Deps): RunnableJob;
}

/**
 * Defines a kind of job once: its key, its lock group and its typed handler. Callers
 * build jobs with `of()` (so no one writes a key or lock string by hand) and the app
 * hands `with(deps)` to the queue (so no handler map needs a cast).
 */
export function defineJob<Data, Deps>(definition: JobDefinition<Data, Deps>): JobType<Data, Deps> {
  const { kind, key, lock } = definition;
  return {
    kind,
    of: (data, installationId, deliveryId) => ({
      kind,
      key: key(data, installationId),
      ...(lock ? { lock: lock(data, installationId) } : {}),
      installationId,
      data,
      ...(deliveryId ? { deliveryId } : {}),
    }),
    with: (deps) => {
      const handle = definition.handler(deps);
      // The queue found this runnable by `job.kind`, and only `of()` builds jobs of it.
      return { kind, run: (job, tools) => handle(job as Job<Data>, tools) };
    },
  };
}

/**
 * The lock group of a repository's mainline: its evaluation, its merge-group answers
 * and every PR gate of the repository, so no gate is written from a mainline state that
 * a flip is replacing.
 */
export const mainlineLock = ({ owner, repo }: RepoRef): string => `mainline:${owner}/${repo}`;

/**
 * What webhooks and sweeps hand their work to: the in-process runner by default, or
 * BullMQ on Redis shared by every replica (`REDIS_URL`). Same behaviour behind both.
 */
export interface WorkQueue {
  /**
   * Queue a job, now or after `delayMs` (a reminder due in four hours). Resolves once
   * the job is stored, so a webhook is answered only after its work is safe.
   */
  enqueue(job: Job, delayMs?: number): Promise<void>;
  /** Resolves when nothing is queued or running (work delayed to later is not waited for). */
  idle(): Promise<void>;
  /**
   * Shutdown: stops taking new work, lets running work finish for up to `graceMs`, then
   * resolves with the jobs that are lost when the process exits (running, queued, waiting
   * to retry or scheduled for later), so the caller can say what to redeliver. In process
   * that is all unfinished work; on Redis nothing: it stays queued for the other replicas.
   */
  drain(graceMs: number): Promise<Job[]>;
  /** Jobs queued or delayed (for the queue-depth metric). */
  depth(): Promise<number>;
}
