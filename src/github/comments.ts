import { type Octokit, repoParams, type RepoRef } from "./types.js";

export interface CommitComment {
  id: number;
  body: string;
  createdAt: string;
  user: string | undefined;
}

export type EnsureResult =
  | { action: "created"; id: number }
  | { action: "unchanged"; id: number }
  | { action: "updated"; id: number };

export interface EnsureCommentOptions {
  /**
   * Rewrite an existing comment that carries the marker. Given the existing body,
   * return the new one (or the same to leave it alone). Without it, an existing
   * comment is never touched.
   */
  edit?: (existing: CommitComment) => string;
}

/** Every comment on a commit, oldest first. */
export async function listCommitComments(
  octokit: Octokit,
  repo: RepoRef,
  sha: string,
): Promise<CommitComment[]> {
  const comments: CommitComment[] = [];
  const pages = octokit.paginate.iterator(octokit.rest.repos.listCommentsForCommit, {
    ...repoParams(repo),
    commit_sha: sha,
    per_page: 100,
  });
  for await (const { data } of pages) {
    for (const c of data) {
      comments.push({ id: c.id, body: c.body, createdAt: c.created_at, user: c.user?.login });
    }
  }
  return comments;
}

/**
 * Posts `body` on commit `sha` unless a comment there already carries `marker`:
 * the marker, not memory, is what makes a nag happen once, whatever the
 * redeliveries and restarts. Callers serialise per commit through the work runner.
 */
export async function ensureCommitComment(
  octokit: Octokit,
  repo: RepoRef,
  sha: string,
  marker: string,
  body: string,
  options: EnsureCommentOptions = {},
): Promise<EnsureResult> {
  const existing = (await listCommitComments(octokit, repo, sha)).find((c) =>
    c.body.includes(marker),
  );
  if (!existing) {
    const id = await createCommitComment(octokit, repo, sha, withMarker(marker, body));
    return { action: "created", id };
  }
  const next = options.edit ? withMarker(marker, options.edit(existing)) : existing.body;
  if (next === existing.body) return { action: "unchanged", id: existing.id };
  await updateCommitComment(octokit, repo, existing.id, next);
  return { action: "updated", id: existing.id };
}

export async function createCommitComment(
  octokit: Octokit,
  repo: RepoRef,
  sha: string,
  body: string,
): Promise<number> {
  const { data } = await octokit.rest.repos.createCommitComment({
    ...repoParams(repo),
    commit_sha: sha,
    body,
  });
  return data.id;
}

export async function updateCommitComment(
  octokit: Octokit,
  repo: RepoRef,
  commentId: number,
  body: string,
): Promise<void> {
  await octokit.rest.repos.updateCommitComment({
    ...repoParams(repo),
    comment_id: commentId,
    body,
  });
}

function withMarker(marker: string, body: string): string {
  return body.includes(marker) ? body : `${marker}\n${body}`;
}
