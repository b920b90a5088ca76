import { type Octokit, repoParams, type RepoRef } from "./types.js";

export interface CommitComment {
  id: number;
  body: string;
  createdAt: string;
  user: string | undefined;
}

export type EnsureResult = { action: "created"; id: number } | { action: "unchanged"; id: number };

export interface EnsureCommentOptions {
  /**
   * Older markers of the same comment (an earlier Andon wrote them): a comment carrying
   * one counts as posted, so an upgrade never posts a second copy.
   */
  alsoMarkers?: readonly string[];
  /** The commit's comments when the caller already listed them (saves the read). */
  comments?: readonly CommitComment[];
}

/** The first comment carrying any of the markers. */
export function findMarked(
  comments: readonly CommitComment[],
  markers: readonly string[],
): CommitComment | undefined {
  return comments.find((c) => markers.some((m) => c.body.includes(m)));
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
 * Andon never edits a comment: it needs only read access to contents.
 */
export async function ensureCommitComment(
  octokit: Octokit,
  repo: RepoRef,
  sha: string,
  marker: string,
  body: string,
  options: EnsureCommentOptions = {},
): Promise<EnsureResult> {
  const comments = options.comments ?? (await listCommitComments(octokit, repo, sha));
  const existing = findMarked(comments, [marker, ...(options.alsoMarkers ?? [])]);
  if (existing) return { action: "unchanged", id: existing.id };
  const id = await createCommitComment(octokit, repo, sha, withMarker(marker, body));
  return { action: "created", id };
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

function withMarker(marker: string, body: string): string {
  return body.includes(marker) ? body : `${marker}\n${body}`;
}
