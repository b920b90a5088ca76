import { type Octokit, repoParams, type RepoRef } from "./types.js";

export interface BranchFacts {
  name: string;
  /** The branch's head commit. */
  sha: string;
}

/** Every branch of a repository, 100 a page: the names and head commits, nothing more. */
export async function* listBranches(octokit: Octokit, repo: RepoRef): AsyncGenerator<BranchFacts> {
  const pages = octokit.paginate.iterator(octokit.rest.repos.listBranches, {
    ...repoParams(repo),
    per_page: 100,
  });
  for await (const { data } of pages) {
    for (const branch of data) yield { name: branch.name, sha: branch.commit.sha };
  }
}
