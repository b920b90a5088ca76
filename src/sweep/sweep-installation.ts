import type { Logger } from "probot";
import { getRepository, type RepoFacts } from "../github/repos.js";
import { listInstallationRepositories } from "../github/installations.js";
import { parseRepoName, repoName, type RepoRef } from "../github/types.js";
import type { ConfigStore } from "../config/config-store.js";
import { nagStaleBranches } from "../integration/nag-stale-branches.js";
import type { StaleBranch } from "../integration/stale-branch.js";
import { defineJob, type JobHandler } from "../work/job.js";
import { decideRetry, DEFAULT_RETRY_POLICY } from "../work/retry-policy.js";
import { countRequests } from "./count-requests.js";
import { forEachBounded } from "../work/for-each-bounded.js";
import type { RepoTask } from "./repo-task.js";
import type { SweepSettings } from "./settings.js";
import {
  addCounts,
  describeSummary,
  emptySummary,
  repoFailure,
  type RepoSkipReason,
  type SweepSummary,
} from "./summary.js";
import { FIRST_DAY_MS, sweepKey, type SweepJobData } from "./sweep-job.js";
import { sweepRepository } from "./sweep-repository.js";

/**
 * The sweep of one installation (or of some of its repositories). Every sweep of an
 * installation shares one lock group: a stale-branch nag reads a branch's comments and
 * then posts, so two sweeps reaching one branch at once (a daily sweep and the sweep of
 * an added repository, or two replicas) would post it twice.
 */
export const sweepInstallationJob = defineJob({
  kind: "sweep-installation",
  key: sweepKey,
  lock: (_data: SweepJobData, installationId: number) => `sweep:${installationId}`,
  handler: sweepInstallation,
});

export interface SweepDependencies {
  clock: () => Date;
  configs: ConfigStore;
  settings: Pick<SweepSettings, "dryRun" | "commentBudget">;
  /** Per-repository work beyond the stale-branch scan (see `RepoTask`). */
  repoTasks: readonly RepoTask[];
  /** Repositories swept at once, and branches compared at once within each. */
  concurrency?: { repos: number; branches: number };
  /** Told every run's summary (tests, benchmarks, metrics). */
  onSummary?: (summary: SweepSummary) => void;
  /**
   * The installation's repositories added to it after `since` (the history
   * store's record of `installation_repositories`): their first day passes without a
   * stale-branch comment. Without a history store nothing says when a repository came.
   */
  recentlyAdded?: (installationId: number, since: Date) => Promise<Set<string>>;
}

/**
 * 2 × 4 requests in flight at most: enough to sweep an organisation in minutes, few
 * enough not to trip GitHub's secondary rate limits.
 */
export const DEFAULT_SWEEP_CONCURRENCY = { repos: 2, branches: 4 };

/**
 * The sweep of one installation, as a job run with that installation's token: walk its
 * repositories (skipping archived, disabled and forked ones), compute every stale-branch
 * nag, then post the oldest within the budget, which is shared across the installation.
 *
 * A repository that fails is recorded and left behind, never the end of the run. A
 * transient failure (5xx, rate limit) gets a retry job of its own, with what is left of
 * the budget, so the runner's backoff delays that repository's nags instead of dropping
 * them until tomorrow; a permanent one (404, 403) waits for the next run.
 */
export function sweepInstallation(deps: SweepDependencies): JobHandler<SweepJobData> {
  const concurrency = deps.concurrency ?? DEFAULT_SWEEP_CONCURRENCY;
  return async (job, { octokit, log, enqueue }) => {
    const config = (repo: RepoRef, ref?: string) => deps.configs.load(octokit, repo, ref);
    const requests = countRequests(octokit);
    const now = deps.clock();
    const { dryRun } = deps.settings;
    const budget = job.data.budget ?? deps.settings.commentBudget;
    const summary = emptySummary(job.installationId, job.key, dryRun);
    const stale: StaleBranch[] = [];
    const transient: string[] = [];
    // Names come from a webhook or a retry job; one that names no repository is dropped
    // (the handler already refuses them), never sent as `/repos/acme//…`.
    const targets: AsyncIterable<RepoFacts | RepoRef> | RepoRef[] = job.data.repositories
      ? job.data.repositories.flatMap((name) => parseRepoName(name) ?? [])
      : listInstallationRepositories(octokit);

    await forEachBounded(targets, concurrency.repos, async (target) => {
      const name = repoName(target);
      try {
        const repo = isRepoFacts(target) ? target : await getRepository(octokit, target);
        const skip = skipReason(repo);
        if (skip) return addCounts(summary.skipped.repos, { [skip]: 1 });
        const result = await sweepRepository({
          octokit,
          log,
          installationId: job.installationId,
          repo,
          now,
          enqueue,
          config,
          repoTasks: deps.repoTasks,
          branchConcurrency: concurrency.branches,
        });
        summary.repos++;
        summary.branches += result.branches;
        summary.pullRequests += result.pullRequests;
        addCounts(summary.skipped.branches, result.skipped);
        if (!result.integrationEnabled)
          addCounts(summary.skipped.repos, { "integration-disabled": 1 });
        if (result.configInvalid) summary.invalidConfig.push(name);
        summary.failed.push(...result.failed);
        stale.push(...result.stale);
      } catch (error) {
        const retry = decideRetry(error, 1, DEFAULT_RETRY_POLICY, now.getTime()).retry;
        if (retry && job.data.retry) throw error;
        log.warn({ err: error, repo: name, retry }, "repository not swept");
        summary.failed.push(repoFailure(name, "sweep", error, retry));
        if (retry) transient.push(name);
      }
    });

    // The store is asked only when there is a branch to nag.
    const quiet =
      job.data.nag === false
        ? "all"
        : stale.length === 0
          ? new Set<string>()
          : await firstDayRepos(deps, job.installationId, now, log);
    const firstDay = (branch: StaleBranch) => quiet === "all" || quiet.has(repoName(branch.repo));
    const posted = await nagStaleBranches(
      octokit,
      stale.filter((b) => !firstDay(b)),
      budget,
      { now, log },
    );
    const held = stale.filter(firstDay).length;
    if (held > 0) addCounts(summary.skipped.branches, { "first-day": held });
    summary.deferred = posted.deferred;
    summary.nagged = posted.posted;
    addCounts(summary.skipped.branches, posted.skipped);
    for (const { stale: branch, error } of posted.failed) {
      summary.failed.push(repoFailure(repoName(branch.repo), `nag ${branch.branch}`, error, false));
    }

    const left = Math.max(0, budget - posted.posted);
    for (const name of transient) {
      const share = Math.floor(left / transient.length);
      const retry = { repositories: [name], budget: share, retry: true };
      await enqueue(sweepInstallationJob.of(retry, job.installationId));
    }
    summary.requests = requests();
    log.info({ summary }, describeSummary(summary));
    deps.onSummary?.(summary);
  };
}

/**
 * The repositories in their first day with the installation. When the store cannot say,
 * none is nagged this run: a missed day of comments is better than a new repository's
 * burst of them, and tomorrow's sweep asks again.
 */
async function firstDayRepos(
  deps: SweepDependencies,
  installationId: number,
  now: Date,
  log: Logger,
): Promise<Set<string> | "all"> {
  if (!deps.recentlyAdded) return new Set();
  try {
    return await deps.recentlyAdded(installationId, new Date(now.getTime() - FIRST_DAY_MS));
  } catch (error) {
    log.warn(
      { err: error, installationId },
      "could not read when repositories were added: no stale-branch comment this run",
    );
    return "all";
  }
}

/**
 * Archived and disabled repos cannot change. A fork integrates into its upstream, not
 * into its own default branch, so ages measured against that would mean nothing.
 */
function skipReason(repo: RepoFacts): RepoSkipReason | undefined {
  if (repo.archived) return "archived";
  if (repo.disabled) return "disabled";
  return repo.fork ? "fork" : undefined;
}

function isRepoFacts(target: RepoFacts | RepoRef): target is RepoFacts {
  return "defaultBranch" in target;
}
