import type { PullRequestCheck } from "../pull-requests/pull-request-check.js";
import { judgeGate, needsRevertCheck } from "./gate.js";
import { gateJudgement } from "./confirm-red.js";
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
    if (pr.baseRef !== defaultBranch) {
      const mainline = { state: "none" } as const;
      return judgeGate({ pr, defaultBranch, mainline, config: config.mainline, now });
    }
    const reading = await readMainline(octokit, repo, defaultBranch, config.mainline);
    const { previous } = reading;
    // A red being confirmed by a re-run keeps the gate's verdict until it is declared.
    const judgement = gateJudgement(reading, config.mainline, now);
    const revert =
      judgement.state === "red" && needsRevertCheck(pr, judgement, config.mainline)
        ? await createRevertJudge(
            octokit,
            repo,
            judgement.episode,
            judgement.headSha,
          )({ headSha: pr.headSha, files: await files() })
        : undefined;
    // The closure lives in Andon's newest record on main, beside the episode.
    const closed = previous?.closed;
    return judgeGate({
      pr: { ...pr, ...(revert ? { revert } : {}) },
      defaultBranch,
      mainline: judgement,
      config: config.mainline,
      now,
      ...(closed ? { closed } : {}),
    });
  },
};
