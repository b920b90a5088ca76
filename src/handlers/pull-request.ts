import type { Context } from "probot";
import { judgePullRequestJob } from "../pull-requests/judge-pull-request.js";
import type { WorkQueue } from "../work/job.js";
import { installationId, repositoryOf } from "./payload.js";

export const PULL_REQUEST_EVENTS = [
  "pull_request.opened",
  "pull_request.reopened",
  "pull_request.synchronize",
  "pull_request.labeled",
  "pull_request.unlabeled",
  "pull_request.edited",
  "pull_request.ready_for_review",
] as const;

/** A PR changed in a way that can change a verdict: judge it now. */
export function onPullRequest(queue: WorkQueue) {
  return async (context: Context<"pull_request">): Promise<void> => {
    const { pull_request: pr } = context.payload;
    const installation = installationId(context);
    if (!installation || pr.state !== "open") return;
    const repo = repositoryOf(context);
    if (!repo) return;
    const data = { ...repo, number: pr.number };
    await queue.enqueue(judgePullRequestJob.of(data, installation, context.id));
  };
}
