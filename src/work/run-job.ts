import type { Logger } from "probot";
import type { Octokit } from "../github/types.js";
import type { Job, JobTools, RunnableJob } from "./job.js";
import {
  decideRetry,
  DEFAULT_RETRY_POLICY,
  isRateLimited,
  type RetryPolicy,
} from "./retry-policy.js";

/** What both queues need to run a job: the same for the in-process runner and BullMQ. */
export interface JobRunnerOptions {
  jobs: readonly RunnableJob[];
  auth: (installationId: number) => Promise<Octokit>;
  log: Logger;
  /** The app's clock: a rate limit's reset time is read against it. */
  clock: () => Date;
  retryPolicy?: RetryPolicy;
  /** Told every retry (metrics, tests). */
  onRetry?: (job: Job, delayMs: number) => void;
  /** Told every run that ended, with its duration on the app clock (metrics). */
  onRun?: (job: Job, outcome: RunOutcome["outcome"], ms: number) => void;
}

export type RunOutcome =
  | { outcome: "done" }
  /** `pause`: a rate limit; no job of the installation may run before the delay ends. */
  | { outcome: "retry"; delayMs: number; pause: boolean }
  | { outcome: "failed" };

/**
 * Runs one attempt of a job and says what comes next. A failure worth retrying (5xx,
 * rate limit, network) comes back as a delay for the queue to enqueue the job again
 * with; nothing is retried in place, so a retry survives a restart wherever the queue
 * keeps its delayed jobs.
 */
export function createJobRunner(options: JobRunnerOptions) {
  const kinds = new Map(options.jobs.map((j) => [j.kind, j]));
  const policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  return async function runJob(
    job: Job,
    attempt: number,
    enqueue: JobTools["enqueue"],
  ): Promise<RunOutcome> {
    const log = options.log.child({
      job: job.key,
      kind: job.kind,
      deliveryId: job.deliveryId,
      installationId: job.installationId,
    });
    const runnable = kinds.get(job.kind);
    if (!runnable) {
      log.error("no handler for this kind of job");
      return { outcome: "failed" };
    }
    const started = options.clock().getTime();
    const outcome = await attemptJob();
    options.onRun?.(job, outcome.outcome, options.clock().getTime() - started);
    return outcome;

    async function attemptJob(): Promise<RunOutcome> {
      try {
        const octokit = await options.auth(job.installationId);
        await runnable!.run(job, { octokit, log, enqueue });
        return { outcome: "done" };
      } catch (error) {
        const decision = decideRetry(error, attempt, policy, options.clock().getTime());
        if (!decision.retry) {
          log.error({ err: error, attempt }, `job failed, not retried: ${decision.reason}`);
          return { outcome: "failed" };
        }
        log.warn(
          { err: error, attempt, delayMs: decision.delayMs },
          `job will retry: ${decision.reason}`,
        );
        options.onRetry?.(job, decision.delayMs);
        return { outcome: "retry", delayMs: decision.delayMs, pause: isRateLimited(error) };
      }
    }
  };
}
