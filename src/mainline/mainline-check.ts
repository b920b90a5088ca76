import type { PullRequestCheck } from "../pull-requests/pull-request-check.js";
import { judgeGate } from "./gate.js";
import { readMainline } from "./read-mainline.js";

/**
 * `andon/mainline` for one PR: judged at once when a PR is opened, pushed to or
 * relabelled, from main's state as GitHub shows it now. Non-mainline PRs pass
 * without reading anything.
 */
export const mainlineCheck: PullRequestCheck = {
  key: "mainline",
  async judge({ octokit, repo, pr, config, now }) {
    const defaultBranch = pr.defaultBranch;
    if (pr.baseRef !== defaultBranch) {
      const mainline = { state: "none" } as const;
      return judgeGate({ pr, defaultBranch, mainline, config: config.mainline, now });
    }
    const { judgement, previous } = await readMainline(
      octokit,
      repo,
      defaultBranch,
      config.mainline,
    );
    // The closure lives in Andon's newest record on main, beside the episode.
    const closed = previous?.closed;
    return judgeGate({
      pr,
      defaultBranch,
      mainline: judgement,
      config: config.mainline,
      now,
      ...(closed ? { closed } : {}),
    });
  },
};
