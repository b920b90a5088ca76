import type { Logger } from "probot";
import type { AndonConfig } from "../config/schema.js";
import type { ConfigError } from "../config/validate-config.js";
import type { RepoFacts } from "../github/repos.js";
import type { Octokit } from "../github/types.js";
import type { StaleScan } from "../integration/nag-stale-branches.js";
import type { JobTools } from "../work/job.js";

/** What the sweep knows of one repository when it hands it to a repo task. */
export interface RepoTaskContext {
  octokit: Octokit;
  log: Logger;
  installationId: number;
  repo: RepoFacts;
  /** The repository's config (the defaults when `configErrors` is not empty). */
  config: AndonConfig;
  configErrors: ConfigError[];
  /** The time of this sweep run. */
  now: Date;
  /** This run's stale-branch scan of the repository (empty when integration is off). */
  staleScan: StaleScan;
  /** Hand follow-up work to the queue (retried with backoff, coalesced by key). */
  enqueue: JobTools["enqueue"];
}

/**
 * Extra work the daily sweep does on every repository it visits, after the stale-branch
 * scan: the seam where features that reconcile state GitHub may have missed a webhook
 * for (the `andon/mainline` gates, the test-suite audit) plug in, without the sweep
 * knowing them. A task's failure is logged with its repository and recorded in the run
 * summary; it never stops the other tasks or repositories.
 */
export type RepoTask = (context: RepoTaskContext) => Promise<void>;
