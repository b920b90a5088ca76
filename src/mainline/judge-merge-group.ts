import { withConfigErrors } from "../config/config-errors.js";
import type { CheckVerdict } from "../checks/verdict.js";
import { CHECK_NAMES } from "../constants.js";
import { compareChanges } from "../github/changes.js";
import { writeCheckRun } from "../github/checks.js";
import { listMergeGroupRefs, pullNumberOfGroupRef } from "../github/merge-groups.js";
import { getPullRequest, listPullRequestFiles } from "../github/pulls.js";
import type { RepoRef } from "../github/types.js";
import type { ConfigStore } from "../config/config-store.js";
import { defineJob, type JobHandler } from "../work/job.js";
import { judgeGate, needsRevertCheck } from "./gate.js";
import type { MainlineJudgement } from "./mainline-state.js";
import { gateJudgement } from "./confirm-red.js";
import { readMainline } from "./read-mainline.js";
import { createRevertJudge } from "./read-revert.js";
import { judgeMergeGroupVerdicts, type GroupMember } from "./merge-group-verdict.js";

export interface MergeGroupData extends RepoRef {
  headSha: string;
  /** `refs/heads/gh-readonly-queue/main/pr-12-<sha>`: names the PR at the back of the group. */
  headRef: string;
  /** `refs/heads/main` */
  baseRef: string;
  /** The base commit the group was built on. */
  baseSha?: string;
  defaultBranch: string;
}

/**
 * One job per group commit, with no repository lock: the merge queue waits for this
 * answer, so it must not queue behind a flip's paced gate writes. It is never stale for
 * it: it reads main's state from GitHub itself, and writes only the group's own commit.
 */
export const judgeMergeGroupJob = defineJob({
  kind: "judge-merge-group",
  key: (data: MergeGroupData) => `merge-group:${data.owner}/${data.repo}@${data.headSha}`,
  handler: judgeMergeGroup,
});

/**
 * How GitHub composes a merge group (see `src/github/merge-groups.ts` for the doc): the
 * group's commit holds the latest base branch, the changes of every PR ahead in the queue,
 * and this PR's changes; when the group's required checks pass, GitHub merges all of them.
 * So while main is red (or closed by hand) the group passes only if every PR it holds is a
 * fix (labelled, or a true revert): a fix travelling in the same group must never carry
 * another PR through.
 * The PRs it holds are the queue's group branches whose head lies in `base...head`.
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
    const { config, errors } = await configs.load(octokit, repo);
    const now = clock();
    const number = pullNumberOfGroupRef(data.headRef);
    const stub = {
      number: number ?? 0,
      title: "",
      labels: [],
      baseRef: base,
      headSha: data.headSha,
    };
    const onMainline = base === data.defaultBranch && config.mainline.enabled;
    // Read the queue beside main's state: the merge queue waits for this answer, and a red
    // main needs both. (A green main wastes these two reads.)
    const members = onMainline ? readMembers(data, number) : Promise.resolve(undefined);
    members.catch(() => undefined);
    const reading = onMainline
      ? await readMainline(octokit, repo, data.defaultBranch, config.mainline)
      : undefined;
    // While a red is confirmed by a re-run, the group is judged as the gates are.
    const mainline: MainlineJudgement = reading
      ? gateJudgement(reading, config.mainline, now)
      : { state: "none" };
    // The closure (`/andon close`) lives in Andon's newest record on main.
    const closed = reading?.previous?.closed;
    const judge = (pr: GroupMember["pr"], m: MainlineJudgement) =>
      judgeGate({
        pr,
        defaultBranch: data.defaultBranch,
        mainline: m,
        config: config.mainline,
        now,
        ...(closed ? { closed } : {}),
      });
    let verdict: CheckVerdict;
    if (mainline.state !== "red" && !closed) {
      verdict = judge(stub, mainline);
    } else {
      const numbers = await members;
      const revertOf =
        mainline.state === "red"
          ? createRevertJudge(octokit, repo, mainline.episode, mainline.headSha)
          : undefined;
      const judged = await Promise.all(
        (numbers ?? []).map(async (n): Promise<GroupMember> => {
          const pr = await getPullRequest(octokit, repo, n);
          const revert =
            revertOf && needsRevertCheck(pr, mainline, config.mainline)
              ? await revertOf({
                  headSha: pr.headSha,
                  files: await listPullRequestFiles(octokit, repo, n),
                })
              : undefined;
          const withRevert = { ...pr, ...(revert ? { revert } : {}) };
          return { pr: withRevert, verdict: judge(withRevert, mainline) };
        }),
      );
      verdict = judgeMergeGroupVerdicts(numbers ? judged : undefined, judge(stub, mainline), base);
    }
    await writeCheckRun(
      octokit,
      repo,
      CHECK_NAMES.mainline,
      data.headSha,
      withConfigErrors(verdict, errors, repo),
    );

    async function readMembers(group: MergeGroupData, last: number | undefined) {
      if (last === undefined || !group.baseSha) return undefined;
      const [refs, range] = await Promise.all([
        listMergeGroupRefs(octokit, repo, base),
        compareChanges(octokit, repo, group.baseSha, group.headSha),
      ]);
      const inGroup = new Set(range.commits);
      const ahead = refs
        .filter((r) => r.number !== last && inGroup.has(r.sha))
        .map((r) => r.number);
      return [...new Set(ahead)].sort((a, b) => a - b).concat(last);
    }
  };
}
