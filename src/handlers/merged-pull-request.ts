import type { Context } from "probot";
import { recordMergeJob } from "../store/record-merge.js";
import type { WorkQueue } from "../work/job.js";
import { installationId, repositoryOf } from "./payload.js";

/** A PR merged into the mainline: the history records the merge (closed unmerged: nothing). */
export function onPullRequestMerged(queue: WorkQueue) {
  return async (context: Context<"pull_request.closed">): Promise<void> => {
    const { pull_request: pr, repository } = context.payload;
    const installation = installationId(context);
    if (!installation || !pr.merged || !pr.merged_at) return;
    if (pr.base.ref !== repository.default_branch) return;
    const repo = repositoryOf(context);
    if (!repo) return;
    const data = {
      ...repo,
      number: pr.number,
      title: pr.title,
      labels: pr.labels.map((l) => l.name),
      author: pr.user?.login ?? null,
      mergedAt: pr.merged_at,
      mergeSha: pr.merge_commit_sha ?? null,
      baseSha: pr.base.sha,
      headSha: pr.head.sha,
    };
    await queue.enqueue(recordMergeJob.of(data, installation, context.id));
  };
}
