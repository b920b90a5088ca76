import type { Logger } from "probot";
import type { CheckKey } from "../constants.js";
import type { AndonConfig } from "../config/schema.js";
import type { CheckVerdict } from "../checks/verdict.js";
import type { PullRequestFacts } from "../github/pulls.js";
import type { Octokit, RepoRef } from "../github/types.js";

/** Everything a check needs to judge one pull request, read once per job. */
export interface PullRequestContext {
  octokit: Octokit;
  log: Logger;
  repo: RepoRef;
  pr: PullRequestFacts;
  config: AndonConfig;
  now: Date;
  /** The paths the PR changes; fetched once, on first use. */
  files: () => Promise<string[]>;
}

/**
 * One of Andon's three checks, as seen from a pull request. Features implement it;
 * `judgePullRequest` loads what they share and writes what they decide.
 */
export interface PullRequestCheck {
  key: CheckKey;
  judge(context: PullRequestContext): Promise<CheckVerdict>;
}
