import type { Context } from "probot";
import { OWN_CHECK_PREFIX, RECHECK_ACTION } from "../constants.js";
import { pullRequestJob } from "../pull-requests/judge-pull-request.js";
import type { WorkQueue } from "../work/job.js";
import { installationId } from "./installation-id.js";

/**
 * The `Re-check` button and GitHub's "Re-run" on an Andon check: judge the PRs of
 * that commit again. Other apps' check runs are none of this handler's business.
 */
export function onRecheck(queue: WorkQueue) {
  return async (context: Context<"check_run.rerequested" | "check_run.requested_action">) => {
    const { check_run: run, repository } = context.payload;
    const installation = installationId(context);
    if (!installation || !run.name.startsWith(OWN_CHECK_PREFIX)) return;
    if (
      context.payload.action === "requested_action" &&
      context.payload.requested_action?.identifier !== RECHECK_ACTION.identifier
    ) {
      return;
    }
    for (const pr of run.pull_requests) {
      const data = { owner: repository.owner.login, repo: repository.name, number: pr.number };
      queue.enqueue(pullRequestJob(data, installation, context.id));
    }
  };
}
