import { type Octokit, repoParams, type RepoRef } from "./types.js";

export interface TreeEntry {
  /** Relative to the tree that was listed. */
  path: string;
  /** `commit` is a submodule: its files live in another repository. */
  type: "blob" | "tree" | "commit";
  sha: string;
  /** Bytes, for blobs. */
  size?: number;
}

export interface TreeListing {
  entries: TreeEntry[];
  /** GitHub cut a recursive listing off (over 100,000 entries or 7 MB): `entries` is partial. */
  truncated: boolean;
}

/** One git tree: its direct entries, or with `recursive` every entry below it. */
export async function getTree(
  octokit: Octokit,
  repo: RepoRef,
  treeSha: string,
  recursive: boolean,
): Promise<TreeListing> {
  const { data } = await octokit.rest.git.getTree({
    ...repoParams(repo),
    tree_sha: treeSha,
    ...(recursive ? { recursive: "1" } : {}),
  });
  return {
    entries: data.tree.flatMap((e) =>
      e.path && e.sha && (e.type === "blob" || e.type === "tree" || e.type === "commit")
        ? [
            {
              path: e.path,
              type: e.type,
              sha: e.sha,
              ...(e.size === undefined ? {} : { size: e.size }),
            },
          ]
        : [],
    ),
    truncated: data.truncated,
  };
}

/**
 * The root tree of a commit. Why the git-database endpoint: `GET /git/commits/{sha}` is
 * the commit object alone, where `GET /commits/{sha}` also lists (and diffs) its files.
 */
export async function getCommitTreeSha(
  octokit: Octokit,
  repo: RepoRef,
  sha: string,
): Promise<string> {
  const { data } = await octokit.rest.git.getCommit({ ...repoParams(repo), commit_sha: sha });
  return data.tree.sha;
}

export interface BranchHead {
  sha: string;
  treeSha: string;
}

/** A branch's head commit and its root tree, in one request. */
export async function getBranchHead(
  octokit: Octokit,
  repo: RepoRef,
  branch: string,
): Promise<BranchHead> {
  const { data } = await octokit.rest.repos.getBranch({ ...repoParams(repo), branch });
  return { sha: data.commit.sha, treeSha: data.commit.commit.tree.sha };
}
