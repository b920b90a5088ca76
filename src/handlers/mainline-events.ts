import type { Context } from "probot";
import { OWN_CHECK_PREFIX } from "../constants.js";
import { evaluateMainlineJob } from "../mainline/evaluate-mainline.js";
import { judgeMergeGroupJob } from "../mainline/judge-merge-group.js";
import type { WorkQueue } from "../work/job.js";
import { installationId, repositoryOf } from "./payload.js";

type MainlineEvent =
  "check_run.completed" | "check_suite.completed" | "status" | "workflow_run.completed" | "push";

export const MAINLINE_EVENTS: MainlineEvent[] = [
  "check_run.completed",
  "check_suite.completed",
  "status",
  "workflow_run.completed",
  "push",
];

/**
 * CI finished something on the mainline, or the mainline moved: judge it. A burst of
 * events for one commit coalesces into one evaluation in the work queue; the
 * evaluation reads main's state itself, so a spurious trigger costs reads, not errors.
 */
export function onMainlineEvent(queue: WorkQueue) {
  return async (context: Context<MainlineEvent>): Promise<void> => {
    const installation = installationId(context);
    const { repository } = context.payload;
    if (!installation || !touchesMainline(context, repository.default_branch)) return;
    const repo = repositoryOf(context);
    if (!repo) return;
    const data = { ...repo, defaultBranch: repository.default_branch };
    await queue.enqueue(evaluateMainlineJob.of(data, installation, context.id));
  };
}

function touchesMainline(context: Context<MainlineEvent>, mainline: string): boolean {
  const payload = context.payload as Record<string, unknown> & {
    check_run?: { name: string; check_suite: { head_branch: string | null } };
    check_suite?: { head_branch: string | null; app: { slug?: string } | null };
    workflow_run?: { head_branch: string | null };
    branches?: Array<{ name: string }>;
    ref?: string;
    deleted?: boolean;
  };
  switch (context.name) {
    case "check_run":
      return (
        !payload.check_run!.name.startsWith(OWN_CHECK_PREFIX) &&
        payload.check_run!.check_suite.head_branch === mainline
      );
    case "check_suite":
      return (
        payload.check_suite!.app?.slug !== "andon" && payload.check_suite!.head_branch === mainline
      );
    case "workflow_run":
      return payload.workflow_run!.head_branch === mainline;
    case "status":
      return (payload.branches ?? []).some((b) => b.name === mainline);
    case "push":
      return payload.ref === `refs/heads/${mainline}` && !payload.deleted;
    default:
      return false;
  }
}

/** The merge queue waits for `andon/mainline` on the group's commit: answer at once. */
export function onMergeGroup(queue: WorkQueue) {
  return async (context: Context<"merge_group.checks_requested">): Promise<void> => {
    const installation = installationId(context);
    const { merge_group: group, repository } = context.payload;
    const repo = repositoryOf(context);
    if (!installation || !repository || !repo) return;
    const data = {
      ...repo,
      headSha: group.head_sha,
      headRef: group.head_ref,
      baseRef: group.base_ref,
      baseSha: group.base_sha,
      defaultBranch: repository.default_branch,
    };
    await queue.enqueue(judgeMergeGroupJob.of(data, installation, context.id));
  };
}
