import type { Octokit, RepoRef } from "./types.js";

export interface BranchFacts {
  name: string;
  /** The branch's head commit. */
  sha: string;
}

/** Every branch of a repository, 100 a page: the names and head commits, nothing more. */
export async function* listBranches(octokit: Octokit, repo: RepoRef): AsyncGenerator<BranchFacts> {
  const pages = octokit.paginate.iterator(octokit.rest.repos.listBranches, {
    ...repo,
    per_page: 100,
  });
  for await (const { data } of pages) {
    for (const branch of data) yield { name: branch.name, sha: branch.commit.sha };
  }
}

export interface HeadCommitFacts {
  sha: string;
  /** Committer date, ISO-8601. */
  committedAt: string;
  /** The author's GitHub login, when GitHub matched the commit's email to an account. */
  authorLogin?: string;
  authorName: string;
}

/** One commit's dates and author. */
export async function getHeadCommit(
  octokit: Octokit,
  repo: RepoRef,
  sha: string,
): Promise<HeadCommitFacts> {
  const { data } = await octokit.rest.repos.getCommit({ ...repo, ref: sha });
  const login = (data.author as { login?: string } | null)?.login;
  return {
    sha: data.sha,
    committedAt: data.commit.committer?.date ?? data.commit.author?.date ?? "",
    ...(login ? { authorLogin: login } : {}),
    authorName: data.commit.author?.name ?? "",
  };
}
