import { compareCommits } from "../github/compare.js";
import type { PullRequestCheck } from "../pull-requests/pull-request-check.js";
import { branchAge } from "./branch-age.js";
import { matchIgnoredBranch } from "./ignored-branch.js";
import { judgeIntegration } from "./judge-integration.js";

/**
 * `andon/integration` on a pull request: how long its head has lived off the mainline.
 *
 * Why the mainline and not the PR's base: question 1 asks whether work reaches the
 * mainline daily, and a PR stacked on another branch is no closer to it for having a
 * nearer base. Why the head sha rather than the branch name: the verdict belongs to the
 * commit the check run is posted on, even if the branch moved since. Ignored branches
 * are judged without a compare: their age is never shown.
 */
export const integrationCheck: PullRequestCheck = {
  key: "integration",
  async judge({ octokit, repo, pr, config, now }) {
    const mainline = pr.defaultBranch;
    const ignored = matchIgnoredBranch(pr.headRef, config.integration.ignoreBranches);
    const age =
      ignored === undefined
        ? branchAge(await compareCommits(octokit, repo, mainline, pr.headSha), now)
        : undefined;
    return judgeIntegration({ age, config: config.integration, branch: pr.headRef, mainline });
  },
};
