import type { ApplicationFunction } from "probot";
import { createConfigStore } from "./config/config-store.js";
import { withDryRun } from "./github/dry-run.js";
import { createInstallationPauses } from "./github/installation-pause.js";
import { onConfigPush } from "./handlers/config-push.js";
import { onInstallationCreated, onRepositoriesAdded } from "./handlers/installation.js";
import { MAINLINE_EVENTS, onMainlineEvent, onMergeGroup } from "./handlers/mainline-events.js";
import { onPullRequest, PULL_REQUEST_EVENTS } from "./handlers/pull-request.js";
import { onRecheck } from "./handlers/recheck.js";
import { onMainlinePush } from "./handlers/tests-push.js";
import { integrationCheck } from "./integration/integration-check.js";
import { EVALUATE_MAINLINE, evaluateMainline } from "./mainline/evaluate-mainline.js";
import { JUDGE_MERGE_GROUP, judgeMergeGroup } from "./mainline/judge-merge-group.js";
import { mainlineCheck } from "./mainline/mainline-check.js";
import { reconcileMainline } from "./mainline/reconcile-mainline.js";
import type { TransitionConsumer } from "./mainline/transition-jobs.js";
import { JUDGE_PR, judgePullRequest } from "./pull-requests/judge-pull-request.js";
import type { PullRequestCheck } from "./pull-requests/pull-request-check.js";
import type { RepoTask } from "./sweep/repo-task.js";
import type { Scheduler, Timers } from "./sweep/scheduler.js";
import { sweepSettingsFrom } from "./sweep/settings.js";
import { sweepInstallation } from "./sweep/sweep-installation.js";
import { SWEEP_INSTALLATION } from "./sweep/sweep-job.js";
import { startSweepTriggers } from "./sweep/sweep-triggers.js";
import type { SweepSummary } from "./sweep/summary.js";
import { auditTestSuite } from "./suite/audit-test-suite.js";
import { JUDGE_MAINLINE_TESTS, judgeMainlineTests } from "./suite/judge-mainline-tests.js";
import { createSuiteJudge } from "./suite/suite-judge.js";
import { testsCheck } from "./suite/tests-check.js";
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
  /** The sweep scheduler's timers; tests pass manual ones that fire only when asked. */
  timers?: Timers;
  /** The sweep's per-repo tasks (default: mainline reconcile and test-suite audit). */
  repoTasks?: RepoTask[];
  /** Told the summary of every sweep run (tests, benchmarks, metrics). */
  onSweepSummary?: (summary: SweepSummary) => void;
  /** Who receives each mainline red/green transition, as jobs of their own. */
  transitionConsumers?: TransitionConsumer[];
}

export interface Andon {
  app: ApplicationFunction;
  /** Resolves when every queued job has run (tests and graceful shutdown). */
  idle(): Promise<void>;
  /** Stops the sweep scheduler (graceful shutdown). */
  stop(): void;
}

/** Builds the Andon app: wires webhook events to thin handlers and handlers to the work queue. */
export function createAndon(options: AndonOptions = {}): Andon {
  const clock = options.clock ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let queue: WorkQueue | undefined;
  // Test-suite judgements are cached by tree for the life of the app.
  const judgeSuite = createSuiteJudge();
  const checks: PullRequestCheck[] = [mainlineCheck, testsCheck(judgeSuite), integrationCheck];
  // Per-repository work of the daily sweep, after the stale-branch scan.
  const repoTasks: RepoTask[] = options.repoTasks ?? [reconcileMainline, auditTestSuite];
  let scheduler: Scheduler | undefined;

  const app: ApplicationFunction = (probot, { addHandler }) => {
    const sweep = sweepSettingsFrom(options.env ?? process.env);
    const log = probot.log.child({ name: "andon" });
    const configs = createConfigStore({ clock });
    const consumers = options.transitionConsumers ?? [];
    // Shared by every client of an installation: a rate limit pauses all its jobs.
    const pauses = createInstallationPauses({ clock, sleep });
    queue = createInProcessRunner({
      handlers: {
        [JUDGE_PR]: judgePullRequest(checks, clock),
        [EVALUATE_MAINLINE]: evaluateMainline({ clock, consumers }),
        ...Object.fromEntries(consumers.map((c) => [c.kind, c.handle])),
        [JUDGE_MERGE_GROUP]: judgeMergeGroup(clock),
        [JUDGE_MAINLINE_TESTS]: judgeMainlineTests(judgeSuite),
        [SWEEP_INSTALLATION]: sweepInstallation({
          clock,
          settings: sweep,
          repoTasks,
          ...(options.onSweepSummary ? { onSummary: options.onSweepSummary } : {}),
        }),
      },
      auth: async (installationId) => {
        const octokit = pauses.attach(await probot.auth(installationId), installationId);
        return sweep.dryRun ? withDryRun(octokit, log) : octokit;
      },
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
    probot.on("installation.created", onInstallationCreated(queue));
    probot.on("installation_repositories.added", onRepositoriesAdded(queue));
    scheduler?.stop();
    scheduler = startSweepTriggers({
      probot,
      addHandler,
      queue,
      settings: sweep,
      clock,
      ...(options.timers ? { timers: options.timers } : {}),
      log,
    });
  };

  return {
    app,
    idle: () => queue?.idle() ?? Promise.resolve(),
    stop: () => scheduler?.stop(),
  };
}

export default createAndon().app;
