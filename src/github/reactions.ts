import { repoParams, type Octokit, type RepoRef } from "./types.js";

/** The reactions Andon answers a command with: accepted or refused. */
export type CommandReaction = "+1" | "-1";

/**
 * Reacts to an issue or PR comment (POST /repos/{owner}/{repo}/issues/comments/
 * {comment_id}/reactions). GitHub answers 200 with the existing reaction when the app
 * already gave this one, so a retried or redelivered command never adds a second.
 */
export async function reactToIssueComment(
  octokit: Octokit,
  repo: RepoRef,
  commentId: number,
  content: CommandReaction,
): Promise<void> {
  await octokit.rest.reactions.createForIssueComment({
    ...repoParams(repo),
    comment_id: commentId,
    content,
  });
}
