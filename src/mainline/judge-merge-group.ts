import { CHECK_NAMES } from "../constants.js";
import { writeCheckRun } from "../github/checks.js";
import { getPullRequest } from "../github/pulls.js";
import type { RepoRef } from "../github/types.js";
import type { JobHandler } from "../work/job.js";
import { judgeGate, type GatePullRequest } from "./gate.js";
import { readMainline } from "./read-mainline.js";

export const JUDGE_MERGE_GROUP = "judge-merge-group";

export interface MergeGroupData extends RepoRef {
  headSha: string;
  /** `gh-readonly-queue/main/pr-12-<sha>`: names the PR at the front of the group. */
  headRef: string;
  /** `refs/heads/main` */
  baseRef: string;
  defaultBranch: string;
}

/**
 * The merge queue asks for `andon/mainline` on the group's commit and waits: answer
 * with the same verdict the PR would get. The PR is found from the queue's branch
 * name, so a fix labelled `fix-build` passes through the queue too.
 */
export function judgeMergeGroup(clock: () => Date): JobHandler<MergeGroupData> {
  return async ({ data }, { octokit, config: configFor }) => {
    const repo = { owner: data.owner, repo: data.repo };
    const base = data.baseRef.replace(/^refs\/heads\//, "");
    const { config } = await configFor(repo);
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
