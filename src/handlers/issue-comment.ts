import type { Context } from "probot";
import { andonCommandJob } from "../commands/andon-command.js";
import { parseCommand } from "../commands/parse-command.js";
import type { WorkQueue } from "../work/job.js";
import { installationId, repositoryOf } from "./payload.js";

/**
 * `/andon close <reason>` and `/andon open` in a new issue or PR comment. Only new
 * comments count (editing an old comment into a command would rewrite history), and
 * never a bot's: an app quoting a command must not close anyone's mainline.
 */
export function onIssueComment(queue: WorkQueue) {
  return async (context: Context<"issue_comment.created">): Promise<void> => {
    const { comment, repository } = context.payload;
    const installation = installationId(context);
    if (!installation || !comment.user || comment.user.type === "Bot") return;
    if (comment.performed_via_github_app) return;
    const command = parseCommand(comment.body);
    if (!command) return;
    const repo = repositoryOf(context);
    if (!repo) return;
    const data = {
      ...repo,
      defaultBranch: repository.default_branch,
      command,
      commentId: comment.id,
      author: comment.user.login,
      at: comment.created_at,
      url: comment.html_url,
    };
    await queue.enqueue(andonCommandJob.of(data, installation, context.id));
  };
}
