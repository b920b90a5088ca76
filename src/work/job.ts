import type { Logger } from "probot";
import type { ConfigResult } from "../config/validate-config.js";
import type { Octokit, RepoRef } from "../github/types.js";

/**
 * A unit of work, keyed by what it judges (`mainline:acme/shop`, `pr:acme/shop#12`).
 * Plain data only, so a Redis-backed queue can carry it between replicas.
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
  /** The repo's Andon config (at `ref`), shared by every job of the app. */
  config: (repo: RepoRef, ref?: string) => Promise<ConfigResult>;
  /** Enqueue follow-up work (e.g. a mainline flip re-judging every PR). */
  enqueue: (job: Job, delayMs?: number) => void;
}

export type JobHandler<Data = unknown> = (job: Job<Data>, tools: JobTools) => Promise<void>;

/**
 * What webhooks and sweeps hand their work to. The in-process runner is the default;
 * a queue shared by replicas (BullMQ on `REDIS_URL`) implements the same interface.
 */
export interface WorkQueue {
  /** Queue a job, now or after `delayMs` (a reminder due in four hours). */
  enqueue(job: Job, delayMs?: number): void;
  /** Resolves when nothing is queued, running or waiting to retry. */
  idle(): Promise<void>;
  /**
   * Shutdown: lets queued and running work finish for up to `graceMs`, then resolves with
   * the jobs that did not (running, queued, waiting to retry or scheduled for later), so
   * the caller can say what to redeliver. Nothing is stopped: the process exits next.
   */
  drain(graceMs: number): Promise<Job[]>;
}
