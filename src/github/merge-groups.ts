import { type Octokit, repoParams, type RepoRef } from "./types.js";

/** A queued PR's merge group: its number and the group's head commit. */
export interface MergeGroupRef {
  number: number;
  sha: string;
}

/**
 * How GitHub names a merge group's branch: `gh-readonly-queue/<base>/pr-<number>-<sha>`,
 * one per queued PR, where `<sha>` is the base commit the group was built on.
 * https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/configuring-pull-request-merges/managing-a-merge-queue
 */
const GROUP_REF = /\/pr-(\d+)-[0-9a-f]+$/;

/** The PR number a merge group's head ref names, or `undefined` for another shape. */
export function pullNumberOfGroupRef(ref: string): number | undefined {
  const number = Number(GROUP_REF.exec(ref)?.[1]);
  return Number.isSafeInteger(number) && number > 0 ? number : undefined;
}

/** Every merge group branch of the queue into `base`, in one request. */
export async function listMergeGroupRefs(
  octokit: Octokit,
  repo: RepoRef,
  base: string,
): Promise<MergeGroupRef[]> {
  const { data } = await octokit.rest.git.listMatchingRefs({
    ...repoParams(repo),
    ref: `heads/gh-readonly-queue/${base}/`,
  });
  return data.flatMap((r) => {
    const number = pullNumberOfGroupRef(r.ref);
    return number === undefined ? [] : [{ number, sha: r.object.sha }];
  });
}
