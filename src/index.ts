import type { ApplicationFunction } from "probot";
import { ANDON_COMMAND, andonCommand } from "./commands/andon-command.js";
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
import { EVALUATE_MAINLINE, evaluateMainline } from "./mainline/evaluate-mainline.js";
import { JUDGE_MERGE_GROUP, judgeMergeGroup } from "./mainline/judge-merge-group.js";
import { mainlineCheck } from "./mainline/mainline-check.js";
import {
  transitionJobs,
  type MainlineTransition,
  type TransitionConsumer,
} from "./mainline/transition.js";
import { parseHooks } from "./notify/hooks.js";
import { notifyConsumer, SEND_NOTIFICATION, sendNotification } from "./notify/send-notification.js";
import { reconcileMainline } from "./mainline/reconcile-mainline.js";
import { JUDGE_PR, judgePullRequest } from "./pull-requests/judge-pull-request.js";
import type { PullRequestCheck } from "./pull-requests/pull-request-check.js";
import { databaseProbe } from "./store/database-probe.js";
import { lazyStore, type StoreAccess } from "./store/lazy-store.js";
import {
  RECORD_CONFIRMING,
  recordConfirmingHandler,
  recordConfirmingJob,
} from "./store/record-confirming.js";
import { RECORD_MERGE, recordMergeHandler } from "./store/record-merge.js";
import {
  RECORD_SNAPSHOT,
  recordSnapshotHandler,
  recordSnapshotTask,
} from "./store/record-snapshot.js";
import { RECORD_TRANSITION, recordTransitionHandler } from "./store/record-transition.js";
import { openStore } from "./store/store.js";
import { readInstallationRepositories } from "./store/read-repositories.js";
import type { RepoTask } from "./sweep/repo-task.js";
import { startSweepScheduler, type Scheduler } from "./sweep/scheduler.js";
import { sweepSettingsFrom } from "./sweep/settings.js";
import { scheduledSweepJob, startSweeps } from "./sweep/start-sweeps.js";
import { sweepInstallation } from "./sweep/sweep-installation.js";
import { SWEEP_INSTALLATION } from "./sweep/sweep-job.js";
import type { SweepSummary } from "./sweep/summary.js";
import { auditTestSuite } from "./suite/audit-test-suite.js";
import { JUDGE_MAINLINE_TESTS, judgeMainlineTests } from "./suite/judge-mainline-tests.js";
import { createSuiteJudge } from "./suite/suite-judge.js";
import { testsCheck } from "./suite/tests-check.js";
import { withRequestMetrics } from "./github/request-metrics.js";
import { countJobs, createMetrics, type AndonMetrics } from "./ops/metrics.js";
import { createReadiness, type Readiness } from "./ops/readiness.js";
import { opsRoutes } from "./ops/routes.js";
import { createInProcessRunner } from "./work/in-process-runner.js";
import type { Job, WorkQueue } from "./work/job.js";
import type { RetryPolicy } from "./work/retry-policy.js";
import type { Timers } from "./work/timers.js";

export interface AndonOptions {
  /** The time Andon judges at; tests move it. */
  clock?: () => Date;
  /** How retries wait; tests record the delay instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
  retryPolicy?: RetryPolicy;
  env?: NodeJS.ProcessEnv;
  /** The sweep scheduler's timers; tests pass manual ones that fire only when asked. */
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
      ...(history ? [{ kind: RECORD_TRANSITION, handle: recordTransitionHandler(history) }] : []),
      ...(options.transitionConsumers ?? []),
    ];
    toJobs = (t: MainlineTransition): Job[] => {
      // The red/closed mainline gauges follow every transition as it is produced.
      metrics.observeTransition(t);
      return transitionJobs(consumers, t);
    };
    // Shared by every client of an installation: a rate limit pauses all its jobs.
    const pauses = createInstallationPauses({ clock, sleep });
    queue = createInProcessRunner({
      handlers: countJobs(metrics, {
        [JUDGE_PR]: judgePullRequest(checks, clock),
        [EVALUATE_MAINLINE]: evaluateMainline({
          clock,
          transitionJobs: toJobs,
          ...(history ? { confirmingJobs: (c) => [recordConfirmingJob(c)] } : {}),
        }),
        [JUDGE_MERGE_GROUP]: judgeMergeGroup(clock),
        [JUDGE_MAINLINE_TESTS]: judgeMainlineTests(judgeSuite),
        [ANDON_COMMAND]: andonCommand({
          clock,
          configs,
          permissions: createPermissionCache({ clock }),
          transitionJobs: toJobs,
        }),
        ...Object.fromEntries(consumers.map((c) => [c.kind, c.handle])),
        [SEND_NOTIFICATION]: sendNotification({
          hooks: notify.hooks,
          configs,
          ...(options.notifyTimeoutMs ? { timeoutMs: options.notifyTimeoutMs } : {}),
        }),
        [SWEEP_INSTALLATION]: sweepInstallation({
          clock,
          settings: sweep,
          repoTasks,
          ...(options.onSweepSummary ? { onSummary: options.onSweepSummary } : {}),
        }),
        ...(history
          ? {
              [RECORD_MERGE]: recordMergeHandler(history),
              [RECORD_SNAPSHOT]: recordSnapshotHandler(history),
              [RECORD_CONFIRMING]: recordConfirmingHandler(history),
            }
          : {}),
      }),
      auth: async (installationId) => {
        const octokit = withRequestMetrics(
          pauses.attach(await probot.auth(installationId), installationId),
          metrics,
        );
        return sweep.dryRun ? withDryRun(octokit, log) : octokit;
      },
      onRetry: (job) => metrics.jobRetried(job.kind),
      log,
      configs,
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
      ...(options.timers ? { timers: options.timers } : {}),
    });
    // First: a push that changes andon.yml must be seen before any job reads it.
    probot.on("push", onConfigPush(configs));
    probot.on([...PULL_REQUEST_EVENTS], onPullRequest(queue));
    probot.on(["check_run.rerequested", "check_run.requested_action"], onRecheck(queue));
    probot.on(MAINLINE_EVENTS, onMainlineEvent(queue));
    probot.on("push", onMainlinePush(queue));
    probot.on("merge_group.checks_requested", onMergeGroup(queue));
    probot.on("issue_comment.created", onIssueComment(queue));
    probot.on("installation.created", onInstallationCreated(queue));
    probot.on("installation_repositories.added", onRepositoriesAdded(queue));
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
    // Every `ANDON_SWEEP_INTERVAL`, in process, unless it is 0.
    scheduler =
      sweep.intervalMs > 0
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
    drain: (graceMs) => queue?.drain(graceMs) ?? Promise.resolve([]),
    metrics,
    readiness,
    onTransition: (transition) => {
      for (const job of toJobs(transition)) queue?.enqueue(job);
    },
  };
}

export default createAndon().app;
