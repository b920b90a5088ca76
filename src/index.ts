import type { ApplicationFunction } from "probot";
import { andonCommandJob } from "./commands/andon-command.js";
import { createPermissionCache } from "./commands/permission-cache.js";
import { boardApi } from "./board/api.js";
import { boardPage } from "./board/board-page.js";
import type { Board } from "./board/board-routes.js";
import type { BoardView } from "./board/render-board.js";
import { createAccess, installationTokensFrom } from "./board/access.js";
import { createConfigStore } from "./config/config-store.js";
import { withDryRun } from "./github/dry-run.js";
import { createInstallationPauses } from "./github/installation-pause.js";
import { listInstallations } from "./github/installations.js";
import { githubHosts } from "./github/user-access.js";
import { onConfigPush } from "./handlers/config-push.js";
import { onInstallationCreated, onRepositoriesAdded } from "./handlers/installation.js";
import { onIssueComment } from "./handlers/issue-comment.js";
import { onPullRequestMerged } from "./handlers/merged-pull-request.js";
import { MAINLINE_EVENTS, onMainlineEvent, onMergeGroup } from "./handlers/mainline-events.js";
import { onPullRequest, PULL_REQUEST_EVENTS } from "./handlers/pull-request.js";
import { onRecheck } from "./handlers/recheck.js";
import { sweepEndpoint } from "./handlers/sweep-endpoint.js";
import { onMainlinePush } from "./handlers/tests-push.js";
import { integrationCheck } from "./integration/integration-check.js";
import { evaluateMainlineJob } from "./mainline/evaluate-mainline.js";
import { judgeMergeGroupJob } from "./mainline/judge-merge-group.js";
import { mainlineCheck } from "./mainline/mainline-check.js";
import {
  transitionJobs,
  type MainlineTransition,
  type TransitionConsumer,
} from "./mainline/transition.js";
import { parseHooks } from "./notify/hooks.js";
import { notifyConsumer, sendNotificationJob } from "./notify/send-notification.js";
import { reconcileMainline } from "./mainline/reconcile-mainline.js";
import { judgePullRequestJob } from "./pull-requests/judge-pull-request.js";
import type { PullRequestCheck } from "./pull-requests/pull-request-check.js";
import { databaseProbe } from "./store/database-probe.js";
import { lazyStore, type StoreAccess } from "./store/lazy-store.js";
import { recordConfirmingJob } from "./store/record-confirming.js";
import { recordAddedJob } from "./store/record-added.js";
import { recordMergeJob } from "./store/record-merge.js";
import { recordSnapshotJob, recordSnapshotTask } from "./store/record-snapshot.js";
import { recordTransitionConsumer } from "./store/record-transition.js";
import { openStore } from "./store/store.js";
import { readInstallationRepositories, readRecentlyAdded } from "./store/read-repositories.js";
import type { RepoTask } from "./sweep/repo-task.js";
import { startSweepScheduler, type Scheduler } from "./sweep/scheduler.js";
import { sweepSettingsFrom } from "./sweep/settings.js";
import { scheduledSweepJob, startSweeps } from "./sweep/start-sweeps.js";
import { APP_ITSELF, planSweepsJob } from "./sweep/plan-sweeps.js";
import { sweepInstallationJob } from "./sweep/sweep-installation.js";
import type { SweepSummary } from "./sweep/summary.js";
import { auditTestSuite } from "./suite/audit-test-suite.js";
import { judgeMainlineTestsJob } from "./suite/judge-mainline-tests.js";
import { createSuiteJudge } from "./suite/suite-judge.js";
import { testsCheck } from "./suite/tests-check.js";
import { withRequestMetrics } from "./github/request-metrics.js";
import { createMetrics, type AndonMetrics } from "./ops/metrics.js";
import { createReadiness, type Readiness } from "./ops/readiness.js";
import { opsRoutes } from "./ops/routes.js";
import { createInProcessRunner } from "./work/in-process-runner.js";
import type { Job, RunnableJob, WorkQueue } from "./work/job.js";
import { createRedisQueue, type RedisQueueOptions } from "./work/redis-queue.js";
import type { RetryPolicy } from "./work/retry-policy.js";
import type { RunOutcome } from "./work/run-job.js";
import type { Timers } from "./work/timers.js";

export interface AndonOptions {
  /** The time Andon judges at; tests move it. */
  clock?: () => Date;
  /** How a request waits out a rate limit's pause; tests record the wait instead. */
  sleep?: (ms: number) => Promise<void>;
  retryPolicy?: RetryPolicy;
  /** Told every retry the queue schedules (tests). */
  onRetry?: (job: Job, delayMs: number) => void;
  env?: NodeJS.ProcessEnv;
  /** What in-process delayed work and the sweep scheduler wait on; tests pass manual timers. */
  timers?: Timers;
  /** The sweep's per-repo tasks (default: mainline reconcile and test-suite audit). */
  repoTasks?: RepoTask[];
  /** Told the summary of every sweep run (tests, benchmarks, metrics). */
  onSweepSummary?: (summary: SweepSummary) => void;
  /** Who receives each mainline red/green transition, as jobs of their own. */
  transitionConsumers?: TransitionConsumer[];
  /** How long a notification hook may take to answer before it is retried (10 s). */
  notifyTimeoutMs?: number;
  /** Served on `GET /metrics`; the production server passes its own to count webhooks. */
  metrics?: AndonMetrics;
  /** Asked by `GET /readyz`; whatever Andon needs to work adds a probe to it. */
  readiness?: Readiness;
  /** Tuning of the Redis queue (`REDIS_URL`): tests shorten its locks and real waits. */
  redisQueue?: Partial<
    Pick<RedisQueueOptions, "name" | "lockMs" | "maxRealDelayMs" | "busyDelayMs" | "concurrency">
  >;
  /**
   * The history store (default: `DATABASE_URL`, else PGlite in `ANDON_DATA_DIR`, opened
   * on first use); `false` records nothing and serves no figures.
   */
  history?: StoreAccess | false;
  /** Set by the demo: every board page says DEMO, and offers registering the real app. */
  demo?: BoardView["demo"];
}

export interface Andon {
  app: ApplicationFunction;
  /** Resolves when every queued job has run (tests and graceful shutdown). */
  idle(): Promise<void>;
  /** Stops the sweep scheduler (graceful shutdown). */
  stop(): void;
  /** The replica dies with no goodbye, as on SIGKILL (tests of a crash; Redis queue only). */
  kill(): void;
  /** Lets running work finish for up to `graceMs`; resolves with what did not (shutdown). */
  drain(graceMs: number): Promise<Job[]>;
  metrics: AndonMetrics;
  readiness: Readiness;
  /** Hands a mainline transition to its consumers, each as a job of its own. */
  onTransition(transition: MainlineTransition): void;
}

/** Builds the Andon app: wires webhook events to thin handlers and handlers to the work queue. */
export function createAndon(options: AndonOptions = {}): Andon {
  const clock = options.clock ?? (() => new Date());
  const env = options.env ?? process.env;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let queue: WorkQueue | undefined;
  const history =
    options.history === false ? undefined : (options.history ?? lazyStore(() => openStore(env)));
  // Test-suite judgements are cached by tree for the life of the app.
  const judgeSuite = createSuiteJudge();
  const checks: PullRequestCheck[] = [mainlineCheck, testsCheck(judgeSuite), integrationCheck];
  // Per-repository work of the daily sweep, after the stale-branch scan.
  // The snapshot goes before the audit, which then finds the suite judged and cached.
  const repoTasks: RepoTask[] = options.repoTasks ?? [
    reconcileMainline,
    ...(history ? [recordSnapshotTask(judgeSuite)] : []),
    auditTestSuite,
  ];
  let scheduler: Scheduler | undefined;
  let killQueue: (() => void) | undefined;
  let board: Board | undefined;
  // Each consumer of a mainline transition (notifications, history) gets it as a job of its own.
  let toJobs: (t: MainlineTransition) => Job[] = () => [];
  const metrics = options.metrics ?? createMetrics();
  const readiness = options.readiness ?? createReadiness();
  if (history) readiness.add("database", databaseProbe(history));

  const app: ApplicationFunction = (probot, { addHandler }) => {
    const sweep = sweepSettingsFrom(env);
    const log = probot.log.child({ name: "andon" });
    const configs = createConfigStore({ clock });
    const notify = parseHooks(env.ANDON_NOTIFY_URLS);
    if (notify.rejected.length) log.warn({ rejected: notify.rejected }, "ANDON_NOTIFY_URLS");
    const consumers: TransitionConsumer[] = [
      notifyConsumer(notify.hooks),
      ...(history ? [recordTransitionConsumer(history)] : []),
      ...(options.transitionConsumers ?? []),
    ];
    toJobs = (t: MainlineTransition): Job[] => {
      // The red/closed mainline gauges follow every transition as it is produced.
      metrics.observeTransition(t);
      return transitionJobs(consumers, t);
    };
    const jobs: RunnableJob[] = [
      judgePullRequestJob.with({ checks, clock, configs }),
      evaluateMainlineJob.with({
        clock,
        configs,
        transitionJobs: toJobs,
        ...(history
          ? { confirmingJobs: (c) => [recordConfirmingJob.of(c, c.installationId)] }
          : {}),
      }),
      judgeMergeGroupJob.with({ clock, configs }),
      judgeMainlineTestsJob.with({ judgeSuite, configs }),
      andonCommandJob.with({
        clock,
        configs,
        permissions: createPermissionCache({ clock }),
        transitionJobs: toJobs,
      }),
      ...consumers.map((consumer) => consumer.with()),
      sendNotificationJob.with({
        hooks: notify.hooks,
        configs,
        ...(options.notifyTimeoutMs ? { timeoutMs: options.notifyTimeoutMs } : {}),
      }),
      sweepInstallationJob.with({
        clock,
        configs,
        settings: sweep,
        repoTasks,
        ...(options.onSweepSummary ? { onSummary: options.onSweepSummary } : {}),
        ...(history
          ? {
              recentlyAdded: async (id: number, since: Date) =>
                readRecentlyAdded((await history()).db.query, id, since),
            }
          : {}),
      }),
      planSweepsJob.with({ clock }),
      ...(history
        ? [
            recordMergeJob.with({ store: history, configs }),
            recordSnapshotJob.with({ store: history }),
            recordConfirmingJob.with({ store: history }),
            recordAddedJob.with({ store: history }),
          ]
        : []),
    ];
    const runner = {
      jobs,
      auth: async (installationId: number) => {
        const app = installationId === APP_ITSELF;
        const octokit = withRequestMetrics(
          app
            ? await probot.auth()
            : pauses.attach(await probot.auth(installationId), installationId),
          metrics,
        );
        return sweep.dryRun ? withDryRun(octokit, log) : octokit;
      },
      onRetry: (job: Job, delayMs: number) => {
        metrics.jobRetried(job.kind);
        options.onRetry?.(job, delayMs);
      },
      onRun: (job: Job, outcome: RunOutcome["outcome"], ms: number) =>
        metrics.jobFinished(job.kind, outcome === "done" ? "succeeded" : "failed", ms),
      log,
      clock,
      ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
    };
    const shared = env.REDIS_URL
      ? createRedisQueue({ ...runner, url: env.REDIS_URL, ...options.redisQueue })
      : undefined;
    queue =
      shared ??
      createInProcessRunner({ ...runner, ...(options.timers ? { timers: options.timers } : {}) });
    killQueue = shared ? () => shared.kill() : undefined;
    // Shared by every client of an installation (every replica's, on Redis): a rate limit
    // pauses all its requests.
    const pauses = createInstallationPauses({
      clock,
      sleep,
      ...(shared ? { board: shared.pauses } : {}),
    });
    metrics.watchQueue(queue);
    // First: a push that changes andon.yml must be seen before any job reads it.
    probot.on("push", onConfigPush(configs));
    probot.on([...PULL_REQUEST_EVENTS], onPullRequest(queue));
    probot.on(["check_run.rerequested", "check_run.requested_action"], onRecheck(queue));
    probot.on(MAINLINE_EVENTS, onMainlineEvent(queue));
    probot.on("push", onMainlinePush(queue));
    probot.on("merge_group.checks_requested", onMergeGroup(queue));
    probot.on("issue_comment.created", onIssueComment(queue));
    probot.on("installation.created", onInstallationCreated(queue));
    probot.on(
      "installation_repositories.added",
      onRepositoriesAdded(queue, (repositories, id, deliveryId) =>
        history
          ? [recordAddedJob.of({ repositories, at: clock().toISOString() }, id, deliveryId)]
          : [],
      ),
    );
    addHandler(opsRoutes({ metrics, readiness }));

    // A scheduled sweep starts two ways. Both list the installations with the app's own
    // credentials (`probot.auth()` with no id), the only ones allowed to; each sweep then
    // runs with its installation's token.
    const enqueue = queue.enqueue.bind(queue);
    if (sweep.token) {
      // HTTP `POST /andon/sweep`, for one external cron when several replicas run.
      const start = async () => startSweeps(await probot.auth(), enqueue, clock());
      addHandler(sweepEndpoint({ token: sweep.token, startSweeps: start, log }));
    }
    if (history) {
      probot.on("pull_request.closed", onPullRequestMerged(queue));
      const access = createAccess({
        ...(env.ANDON_BOARD_TOKEN ? { boardToken: env.ANDON_BOARD_TOKEN } : {}),
        installationTokens: installationTokensFrom(env.ANDON_BOARD_TOKENS),
        repositoriesOf: async (id) => readInstallationRepositories((await history()).db.query, id),
        ...(env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET
          ? { oauth: { clientId: env.GITHUB_CLIENT_ID, clientSecret: env.GITHUB_CLIENT_SECRET } }
          : {}),
        hosts: githubHosts(env),
        clock,
        log,
      });
      addHandler(access.routes);
      addHandler(boardApi({ access, store: history, clock, log }));
      board?.close();
      board = boardPage({ access, store: history, env, clock, log, demo: options.demo });
      addHandler(board.handle);
    }
    scheduler?.stop();
    if (shared && sweep.intervalMs > 0) {
      // With replicas, one BullMQ job scheduler for the deployment, not one per replica.
      const plan = planSweepsJob.of({ intervalMs: sweep.intervalMs }, APP_ITSELF);
      void shared.repeat("plan-sweeps", plan, sweep.intervalMs).catch((err: unknown) => {
        log.error({ err }, "could not schedule the daily sweep");
      });
    }
    // Every `ANDON_SWEEP_INTERVAL`, in process, unless it is 0 (or the queue is shared).
    scheduler =
      sweep.intervalMs > 0 && !shared
        ? startSweepScheduler({
            intervalMs: sweep.intervalMs,
            now: clock,
            ...(options.timers ? { timers: options.timers } : {}),
            installations: async function* () {
              yield* listInstallations(await probot.auth());
            },
            sweep: (installation) => enqueue(scheduledSweepJob(installation, clock())),
            log,
          })
        : undefined;
  };

  return {
    app,
    idle: () => queue?.idle() ?? Promise.resolve(),
    stop: () => {
      scheduler?.stop();
      // Live boards hold their connections open: end them, or the server never closes.
      board?.close();
    },
    kill: () => {
      scheduler?.stop();
      board?.close();
      killQueue?.();
    },
    drain: (graceMs) => queue?.drain(graceMs) ?? Promise.resolve([]),
    metrics,
    readiness,
    onTransition: (transition) => {
      for (const job of toJobs(transition)) queue?.enqueue(job);
    },
  };
}

export default createAndon().app;
