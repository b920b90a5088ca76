import type { Logger } from "probot";
import { listOpenPullRequests } from "../github/pulls.js";
import type { RepoFacts } from "../github/repos.js";
import type { Octokit, RepoRef } from "../github/types.js";
import { repoName } from "../github/types.js";
import type { ConfigResult } from "../config/validate-config.js";
import { scanStaleBranches, type StaleScan } from "../integration/nag-stale-branches.js";
import { judgePullRequestJob } from "../pull-requests/judge-pull-request.js";
import type { JobTools } from "../work/job.js";
import type { RepoTask } from "./repo-task.js";
import { repoFailure, type RepoFailure } from "./summary.js";

export interface RepoSweepInput {
  octokit: Octokit;
  log: Logger;
  installationId: number;
  repo: RepoFacts;
  now: Date;
  enqueue: JobTools["enqueue"];
  config: (repo: RepoRef, ref?: string) => Promise<ConfigResult>;
  repoTasks: readonly RepoTask[];
  branchConcurrency: number;
}

export interface RepoSweep extends StaleScan {
  integrationEnabled: boolean;
  configInvalid: boolean;
  pullRequests: number;
  /** Repo tasks that failed; the scan's stale branches still stand. */
  failed: RepoFailure[];
}

/**
 * One repository's share of the sweep: its config, its stale branches (not nagged
 * yet), a fresh `andon/integration` for its open PRs, then the repo tasks. GitHub
 * failures reading the config, branches or PRs throw, for the caller to record against
 * this repository alone.
 */
export async function sweepRepository(input: RepoSweepInput): Promise<RepoSweep> {
  const { octokit, repo, now, installationId, enqueue } = input;
  const log = input.log.child({ repo: repoName(repo) });
  const { config, errors } = await input.config(repo);
  if (errors.length) log.warn({ errors }, "andon.yml is invalid: sweeping with the defaults");
  const integration = config.integration;
  const scan: StaleScan = integration.enabled
    ? await scanStaleBranches({
        octokit,
        log,
        repo,
        mainline: repo.defaultBranch,
        config: integration,
        now,
        concurrency: input.branchConcurrency,
      })
    : { branches: 0, stale: [], skipped: {} };
  const pullRequests = integration.enabled ? await refreshPullRequests(input) : 0;
  const failed: RepoFailure[] = [];
  for (const [index, task] of input.repoTasks.entries()) {
    try {
      await task({
        octokit,
        log,
        installationId,
        repo,
        config,
        configErrors: errors,
        now,
        enqueue,
        staleScan: scan,
      });
    } catch (error) {
      log.error({ err: error, task: index }, "repo task failed");
      failed.push(repoFailure(repoName(repo), `repo task ${task.name || index}`, error, false));
    }
  }
  return {
    ...scan,
    integrationEnabled: integration.enabled,
    configInvalid: errors.length > 0,
    pullRequests,
    failed,
  };
}

/**
 * A PR's age grows with no event to say so: the sweep hands every open PR to `judge-pr`,
 * which writes only when a verdict changed. Every open PR, not only those into the
 * mainline, since `andon/integration` judges all of them against it.
 */
async function refreshPullRequests(input: RepoSweepInput): Promise<number> {
  let count = 0;
  for await (const pr of listOpenPullRequests(input.octokit, input.repo)) {
    count++;
    const data = { owner: input.repo.owner, repo: input.repo.repo, number: pr.number };
    await input.enqueue(judgePullRequestJob.of(data, input.installationId));
  }
  return count;
}
