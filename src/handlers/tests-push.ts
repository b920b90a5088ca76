import type { Context } from "probot";
import { judgeMainlineTestsJob } from "../suite/judge-mainline-tests.js";
import type { WorkQueue } from "../work/job.js";
import { installationId, repositoryOf } from "./payload.js";

/**
 * The mainline moved: judge the test suite of its new head. The push names the head's
 * tree, which spares a request to learn it.
 */
export function onMainlinePush(queue: WorkQueue) {
  return async (context: Context<"push">): Promise<void> => {
    const installation = installationId(context);
    const { repository, ref, after, deleted, head_commit: head } = context.payload;
    if (!installation || deleted) return;
    if (ref !== `refs/heads/${repository.default_branch}`) return;
    const repo = repositoryOf(context);
    if (!repo) return;
    const data = {
      ...repo,
      defaultBranch: repository.default_branch,
      sha: after,
      ...(head?.id === after && head.tree_id ? { treeSha: head.tree_id } : {}),
    };
    await queue.enqueue(judgeMainlineTestsJob.of(data, installation, context.id));
  };
}
