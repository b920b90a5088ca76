import { type Octokit, repoParams, type RepoRef } from "./types.js";

/** A file a commit or a comparison changes, as it ends: its blob, or `null` when deleted. */
export interface ChangedFile {
  path: string;
  blob: string | null;
}

/**
 * GitHub lists at most 300 files on a commit and on a comparison (and no more pages on a
 * comparison): a change that big is reported as `complete: false`, never guessed at.
 * https://docs.github.com/en/rest/commits/commits#get-a-commit
 * https://docs.github.com/en/rest/commits/commits#compare-two-commits
 */
const MAX_LISTED_FILES = 300;

export interface CommitChanges {
  sha: string;
  parents: string[];
  files: ChangedFile[];
  complete: boolean;
}

export interface ComparedChanges {
  /** The commits of `base...head`, oldest first. */
  commits: string[];
  files: ChangedFile[];
  complete: boolean;
}

interface ApiFile {
  filename: string;
  status?: string;
  sha?: string | null;
  previous_filename?: string;
}

/**
 * The files as the change leaves them. A rename deletes the old path; the blob sha of a
 * listed file is the one it ends with, so no file content is needed to compare states.
 */
function toChanged(files: readonly ApiFile[] | undefined): ChangedFile[] {
  return (files ?? []).flatMap((f) => {
    const after = { path: f.filename, blob: f.status === "removed" ? null : (f.sha ?? null) };
    return f.status === "renamed" && f.previous_filename
      ? [{ path: f.previous_filename, blob: null }, after]
      : [after];
  });
}

/** One commit's parents and changed files (against its first parent), in one request. */
export async function getCommitChanges(
  octokit: Octokit,
  repo: RepoRef,
  sha: string,
): Promise<CommitChanges> {
  const { data } = await octokit.rest.repos.getCommit({ ...repoParams(repo), ref: sha });
  const files = data.files ?? [];
  return {
    sha: data.sha,
    parents: data.parents.map((p) => p.sha),
    files: toChanged(files),
    complete: files.length < MAX_LISTED_FILES,
  };
}

/** What `base...head` changes (from their merge base) and its commits, in one request. */
export async function compareChanges(
  octokit: Octokit,
  repo: RepoRef,
  base: string,
  head: string,
): Promise<ComparedChanges> {
  const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
    ...repoParams(repo),
    basehead: `${base}...${head}`,
    per_page: 100,
  });
  const files = data.files ?? [];
  return {
    commits: data.commits.map((c) => c.sha),
    files: toChanged(files),
    complete: files.length < MAX_LISTED_FILES && data.commits.length >= data.total_commits,
  };
}
