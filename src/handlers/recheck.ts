import type { Context } from "probot";
import { CHECK_NAMES, OWN_CHECK_PREFIX, RECHECK_ACTION } from "../constants.js";
import { evaluateMainlineJob } from "../mainline/evaluate-mainline.js";
import { judgeMainlineTestsJob } from "../suite/judge-mainline-tests.js";
import { judgePullRequestJob } from "../pull-requests/judge-pull-request.js";
import type { WorkQueue } from "../work/job.js";
import { installationId, repositoryOf } from "./payload.js";

/**
 * The `Re-check` button and GitHub's "Re-run" on an Andon check: judge the PRs of
 * that commit again, or the mainline when the run is on a mainline commit. Other
 * apps' check runs are none of this handler's business.
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
    const repo = repositoryOf(context);
    if (!repo) return;
    for (const pr of run.pull_requests) {
      await queue.enqueue(
        judgePullRequestJob.of({ ...repo, number: pr.number }, installation, context.id),
      );
    }
    if (run.pull_requests.length > 0) return;
    // A run with no PR is Andon's own on a mainline commit: judge the mainline again.
    const data = { ...repo, defaultBranch: repository.default_branch };
    if (run.name === CHECK_NAMES.mainline) {
      await queue.enqueue(evaluateMainlineJob.of(data, installation, context.id));
    } else if (run.name === CHECK_NAMES.tests) {
      await queue.enqueue(
        judgeMainlineTestsJob.of({ ...data, sha: run.head_sha }, installation, context.id),
      );
    }
  };
}
