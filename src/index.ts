import type { ApplicationFunction } from "probot";
import { onPullRequest, PULL_REQUEST_EVENTS } from "./handlers/pull-request.js";
import { onRecheck } from "./handlers/recheck.js";
import { JUDGE_PR, judgePullRequest } from "./pull-requests/judge-pull-request.js";
import type { PullRequestCheck } from "./pull-requests/pull-request-check.js";
import { createInProcessRunner } from "./work/in-process-runner.js";
import type { WorkQueue } from "./work/job.js";
import type { RetryPolicy } from "./work/retry-policy.js";

export interface AndonOptions {
  /** The time Andon judges at; tests move it. */
  clock?: () => Date;
  /** How retries wait; tests record the delay instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
  retryPolicy?: RetryPolicy;
  env?: NodeJS.ProcessEnv;
}

export interface Andon {
  app: ApplicationFunction;
  /** Resolves when every queued job has run (tests and graceful shutdown). */
  idle(): Promise<void>;
}

/** Builds the Andon app: wires webhook events to thin handlers and handlers to the work queue. */
export function createAndon(options: AndonOptions = {}): Andon {
  const clock = options.clock ?? (() => new Date());
  let queue: WorkQueue | undefined;
  const checks: PullRequestCheck[] = [];

  const app: ApplicationFunction = (probot) => {
    queue = createInProcessRunner({
      handlers: { [JUDGE_PR]: judgePullRequest(checks, clock) },
      auth: (installationId) => probot.auth(installationId),
      log: probot.log.child({ name: "andon" }),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
    });
    probot.on([...PULL_REQUEST_EVENTS], onPullRequest(queue));
    probot.on(["check_run.rerequested", "check_run.requested_action"], onRecheck(queue));
  };

  return { app, idle: () => queue?.idle() ?? Promise.resolve() };
}

export default createAndon().app;
