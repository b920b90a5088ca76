import { CHECK_NAMES } from "../constants.js";
import { writeCheckRun } from "../github/checks.js";
import { getPullRequest } from "../github/pulls.js";
import type { RepoRef } from "../github/types.js";
import type { ConfigStore } from "../config/config-store.js";
import { defineJob, mainlineLock, type JobHandler } from "../work/job.js";
import { judgeGate, type GatePullRequest } from "./gate.js";
import { readMainline } from "./read-mainline.js";

export interface MergeGroupData extends RepoRef {
  headSha: string;
  /** `gh-readonly-queue/main/pr-12-<sha>`: names the PR at the front of the group. */
  headRef: string;
  /** `refs/heads/main` */
  baseRef: string;
  defaultBranch: string;
}

/** One job per group commit, in the repository's lock group: a flip never races it. */
export const judgeMergeGroupJob = defineJob({
  kind: "judge-merge-group",
  key: (data: MergeGroupData) => `merge-group:${data.owner}/${data.repo}@${data.headSha}`,
  lock: mainlineLock,
  handler: judgeMergeGroup,
});

/**
 * The merge queue asks for `andon/mainline` on the group's commit and waits: answer
 * with the same verdict the PR would get. The PR is found from the queue's branch
 * name, so a fix labelled `fix-build` passes through the queue too.
 */
export function judgeMergeGroup({
  clock,
  configs,
}: {
  clock: () => Date;
  configs: ConfigStore;
}): JobHandler<MergeGroupData> {
  return async ({ data }, { octokit }) => {
    const repo = { owner: data.owner, repo: data.repo };
    const base = data.baseRef.replace(/^refs\/heads\//, "");
    const { config } = await configs.load(octokit, repo);
    const number = Number(/\/pr-(\d+)-[0-9a-f]+$/.exec(data.headRef)?.[1]);
    const pr: GatePullRequest = Number.isInteger(number)
      ? await getPullRequest(octokit, repo, number)
      : { number: 0, title: "", labels: [], baseRef: base, headSha: data.headSha };
    const reading =
      base === data.defaultBranch
        ? await readMainline(octokit, repo, data.defaultBranch, config.mainline)
        : undefined;
    const closed = reading?.previous?.closed;
    const verdict = judgeGate({
      pr: { ...pr, baseRef: base, headSha: data.headSha },
      defaultBranch: data.defaultBranch,
      mainline: reading?.judgement ?? { state: "none" },
      config: config.mainline,
      now: clock(),
      ...(closed ? { closed } : {}),
    });
    await writeCheckRun(octokit, repo, CHECK_NAMES.mainline, data.headSha, verdict);
  };
}
