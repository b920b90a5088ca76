import type { ApplicationFunction } from "probot";
import { createConfigStore } from "./config/config-store.js";
import { withDryRun } from "./github/dry-run.js";
import { onConfigPush } from "./handlers/config-push.js";
import { onInstallationCreated, onRepositoriesAdded } from "./handlers/installation.js";
import { MAINLINE_EVENTS, onMainlineEvent, onMergeGroup } from "./handlers/mainline-events.js";
import { onPullRequest, PULL_REQUEST_EVENTS } from "./handlers/pull-request.js";
import { onRecheck } from "./handlers/recheck.js";
import { onMainlinePush } from "./handlers/tests-push.js";
import { integrationCheck } from "./integration/integration-check.js";
import { evaluateMainlineJob } from "./mainline/evaluate-mainline.js";
import { judgeMergeGroupJob } from "./mainline/judge-merge-group.js";
import { mainlineCheck } from "./mainline/mainline-check.js";
import { reconcileMainline } from "./mainline/reconcile-mainline.js";
import { judgePullRequestJob } from "./pull-requests/judge-pull-request.js";
import type { PullRequestCheck } from "./pull-requests/pull-request-check.js";
import type { RepoTask } from "./sweep/repo-task.js";
import type { Scheduler, Timers } from "./sweep/scheduler.js";
import { sweepSettingsFrom } from "./sweep/settings.js";
import { APP_ITSELF, planSweepsJob } from "./sweep/plan-sweeps.js";
import { sweepInstallationJob } from "./sweep/sweep-installation.js";
import { startSweepTriggers } from "./sweep/sweep-triggers.js";
import type { SweepSummary } from "./sweep/summary.js";
import { auditTestSuite } from "./suite/audit-test-suite.js";
import { judgeMainlineTestsJob } from "./suite/judge-mainline-tests.js";
import { createSuiteJudge } from "./suite/suite-judge.js";
import { testsCheck } from "./suite/tests-check.js";
import { createInProcessRunner } from "./work/in-process-runner.js";
import type { Job, WorkQueue } from "./work/job.js";
import { createRedisQueue, type RedisQueueOptions } from "./work/redis-queue.js";
import type { RetryPolicy } from "./work/retry-policy.js";

export interface AndonOptions {
  /** The time Andon judges at; tests move it. */
  clock?: () => Date;
  retryPolicy?: RetryPolicy;
  /** Told every retry the queue schedules (tests, metrics). */
  onRetry?: (job: Job, delayMs: number) => void;
  env?: NodeJS.ProcessEnv;
  /** What delayed work and the sweep scheduler wait on; tests pass manual timers. */
  timers?: Timers;
  /** The sweep's per-repo tasks (default: mainline reconcile and test-suite audit). */
  repoTasks?: RepoTask[];
  /** Told the summary of every sweep run (tests, benchmarks, metrics). */
  onSweepSummary?: (summary: SweepSummary) => void;
  /** Tuning of the Redis queue (`REDIS_URL`): tests shorten its locks and real waits. */
  redisQueue?: Partial<
    Pick<RedisQueueOptions, "name" | "lockMs" | "maxRealDelayMs" | "busyDelayMs" | "concurrency">
  >;
}

export interface Andon {
  app: ApplicationFunction;
  /** Resolves when every queued job has run (tests and graceful shutdown). */
  idle(): Promise<void>;
  /** Stops the sweep scheduler and the queue: running jobs finish, queued ones stay in Redis. */
  stop(): Promise<void>;
  /** The replica dies with no goodbye, as on SIGKILL (tests of a crash; Redis queue only). */
  kill(): void;
}

/** Builds the Andon app: wires webhook events to thin handlers and handlers to the work queue. */
export function createAndon(options: AndonOptions = {}): Andon {
  const clock = options.clock ?? (() => new Date());
  let queue: WorkQueue | undefined;
  // Test-suite judgements are cached by tree for the life of the app.
  const judgeSuite = createSuiteJudge();
  const checks: PullRequestCheck[] = [mainlineCheck, testsCheck(judgeSuite), integrationCheck];
  // Per-repository work of the daily sweep, after the stale-branch scan.
  const repoTasks: RepoTask[] = options.repoTasks ?? [reconcileMainline, auditTestSuite];
  let scheduler: Scheduler | undefined;
  let killQueue: (() => void) | undefined;

  const app: ApplicationFunction = (probot, { addHandler }) => {
    const env = options.env ?? process.env;
    const sweep = sweepSettingsFrom(env);
    const log = probot.log.child({ name: "andon" });
    const configs = createConfigStore({ clock });
    const runner = {
      jobs: [
        judgePullRequestJob.with({ checks, clock, configs }),
        evaluateMainlineJob.with({ clock, configs }),
        judgeMergeGroupJob.with({ clock, configs }),
        judgeMainlineTestsJob.with({ judgeSuite, configs }),
        sweepInstallationJob.with({
          clock,
          configs,
          settings: sweep,
          repoTasks,
          ...(options.onSweepSummary ? { onSummary: options.onSweepSummary } : {}),
        }),
        planSweepsJob.with({ clock }),
      ],
      auth: async (installationId: number) => {
        const octokit =
          installationId === APP_ITSELF ? await probot.auth() : await probot.auth(installationId);
        return sweep.dryRun ? withDryRun(octokit, log) : octokit;
      },
      log,
      clock,
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
      ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
    };
    const shared = env.REDIS_URL
      ? createRedisQueue({ ...runner, url: env.REDIS_URL, ...options.redisQueue })
      : undefined;
    queue =
      shared ??
      createInProcessRunner({ ...runner, ...(options.timers ? { timers: options.timers } : {}) });
    killQueue = shared ? () => shared.kill() : undefined;
    // First: a push that changes andon.yml must be seen before any job reads it.
    probot.on("push", onConfigPush(configs));
    probot.on([...PULL_REQUEST_EVENTS], onPullRequest(queue));
    probot.on(["check_run.rerequested", "check_run.requested_action"], onRecheck(queue));
    probot.on(MAINLINE_EVENTS, onMainlineEvent(queue));
    probot.on("push", onMainlinePush(queue));
    probot.on("merge_group.checks_requested", onMergeGroup(queue));
    probot.on("installation.created", onInstallationCreated(queue));
    probot.on("installation_repositories.added", onRepositoriesAdded(queue));
    scheduler?.stop();
    if (shared && sweep.intervalMs > 0) {
      // One schedule for the deployment, not one per replica.
      const plan = planSweepsJob.of({ intervalMs: sweep.intervalMs }, APP_ITSELF);
      void shared.repeat("plan-sweeps", plan, sweep.intervalMs).catch((err: unknown) => {
        log.error({ err }, "could not schedule the daily sweep");
      });
    }
    scheduler = startSweepTriggers({
      probot,
      addHandler,
      queue,
      settings: shared ? { ...sweep, intervalMs: 0 } : sweep,
      clock,
      ...(options.timers ? { timers: options.timers } : {}),
      log,
    });
  };

  return {
    app,
    idle: () => queue?.idle() ?? Promise.resolve(),
    async stop() {
      scheduler?.stop();
      await queue?.close();
    },
    kill: () => {
      scheduler?.stop();
      killQueue?.();
    },
  };
}

export default createAndon().app;
