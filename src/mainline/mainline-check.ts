import type { PullRequestCheck } from "../pull-requests/pull-request-check.js";
import { judgeGate, needsRevertCheck } from "./gate.js";
import { readMainline } from "./read-mainline.js";
import { createRevertJudge } from "./read-revert.js";

/**
 * `andon/mainline` for one PR: judged at once when a PR is opened, pushed to or
 * relabelled, from main's state as GitHub shows it now. Non-mainline PRs pass
 * without reading anything; a PR's changes are read only while main is red, to tell a
 * true revert from a PR that only looks like one.
 */
export const mainlineCheck: PullRequestCheck = {
  key: "mainline",
  async judge({ octokit, repo, pr, config, now, files }) {
    const defaultBranch = pr.defaultBranch;
    const mainline =
      pr.baseRef === defaultBranch
        ? (await readMainline(octokit, repo, defaultBranch, config.mainline, { record: false }))
            .judgement
        : ({ state: "none" } as const);
    const revert =
      mainline.state === "red" && needsRevertCheck(pr, mainline, config.mainline)
        ? await createRevertJudge(
            octokit,
            repo,
            mainline.episode,
            mainline.headSha,
          )({
            headSha: pr.headSha,
            files: await files(),
          })
        : undefined;
    return judgeGate({
      pr: { ...pr, ...(revert ? { revert } : {}) },
      defaultBranch,
      mainline,
      config: config.mainline,
      now,
    });
  },
};
