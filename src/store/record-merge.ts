import { compareCommits } from "../github/compare.js";
import type { RepoRef } from "../github/types.js";
import { branchAge } from "../integration/branch-age.js";
import { fixReason } from "../mainline/gate.js";
import type { ConfigStore } from "../config/config-store.js";
import { defineJob, type JobHandler } from "../work/job.js";
import { withStore, type StoreAccess } from "./lazy-store.js";

export const RECORD_MERGE = "record-merge";

/** A PR merged into the mainline, as its `pull_request.closed` payload tells it. */
export interface MergeData extends RepoRef {
  number: number;
  title: string;
  labels: string[];
  author: string | null;
  mergedAt: string;
  mergeSha: string | null;
  /** The PR's base commit and head commit: the branch is what head has and base lacks. */
  baseSha: string;
  headSha: string;
}

export const recordMergeJob = defineJob({
  kind: RECORD_MERGE,
  key: (data: MergeData) => `record:merge:${data.owner}/${data.repo}#${data.number}`,
  handler: recordMergeHandler,
});

const HOUR = 3_600_000;

/**
 * Records a merge with the age of the merged branch: merged_at − the committer date of
 * its oldest commit not on the base (`branchAge`, the same measure the stale-branch nag
 * uses), and why a merge into a red mainline would be let through (the fix label, a
 * revert). GitHub failures throw for the runner to retry; a compare GitHub cannot answer
 * any more (the commits are gone) records the merge without an age.
 */
export function recordMergeHandler({
  store,
  configs,
}: {
  store: StoreAccess;
  configs: ConfigStore;
}): JobHandler<MergeData> {
  return async ({ data, installationId }, { octokit }) => {
    const repo = { owner: data.owner, repo: data.repo };
    const { config: settings } = await configs.load(octokit, repo);
    let branchAgeHours: number | null = null;
    try {
      const comparison = await compareCommits(octokit, repo, data.baseSha, data.headSha);
      const age = branchAge(comparison, new Date(data.mergedAt));
      branchAgeHours = age ? Number((age.ageMs / HOUR).toFixed(2)) : null;
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status !== 404 && status !== 422) throw error;
    }
    const pr = {
      number: data.number,
      title: data.title,
      labels: data.labels,
      baseRef: "",
      headSha: data.headSha,
    };
    await withStore(store, (s) =>
      s.recordMerge({
        repo: `${data.owner}/${data.repo}`,
        installationId,
        number: data.number,
        mergeSha: data.mergeSha,
        mergedAt: data.mergedAt,
        author: data.author,
        branchAgeHours,
        letThrough: fixReason(pr, settings.mainline) ?? null,
      }),
    );
  };
}
