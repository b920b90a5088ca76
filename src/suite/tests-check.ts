import type { PullRequestCheck } from "../pull-requests/pull-request-check.js";
import { combineVerdicts, judgePullRequestChanges } from "./judge-changes.js";
import { asPullRequestSuite } from "./render-suite.js";
import type { SuiteJudge } from "./suite-judge.js";

/**
 * `andon/tests` on a pull request: the suite at the PR's head (does it hold tests that CI
 * runs?), then the PR's own changes (source without tests warns, or fails with
 * `tests.requireTestsInPRs`). The changed files are the list the PR job already fetched.
 */
export function testsCheck(judgeSuite: SuiteJudge): PullRequestCheck {
  return {
    key: "tests",
    async judge({ octokit, repo, pr, config, files }) {
      const suite = await judgeSuite(octokit, repo, { sha: pr.headSha }, config.tests);
      const changes = judgePullRequestChanges({
        changedFiles: await files(),
        labels: pr.labels,
        config: config.tests,
      });
      const verdict = { ...suite.verdict, ...asPullRequestSuite(suite.verdict) };
      return combineVerdicts(verdict, changes, config.tests);
    },
  };
}
