import { type Octokit, repoParams, type RepoRef } from "./types.js";

export interface RepoFacts extends RepoRef {
  defaultBranch: string;
  archived: boolean;
  disabled: boolean;
  fork: boolean;
}

interface ApiRepo {
  name: string;
  owner: { login: string };
  default_branch?: string;
  archived?: boolean;
  disabled?: boolean;
  fork: boolean;
}

export function toRepoFacts(repo: ApiRepo): RepoFacts {
  return {
    owner: repo.owner.login,
    repo: repo.name,
    defaultBranch: repo.default_branch ?? "main",
    archived: repo.archived ?? false,
    disabled: repo.disabled ?? false,
    fork: repo.fork,
  };
}

export async function getRepository(octokit: Octokit, repo: RepoRef): Promise<RepoFacts> {
  const { data } = await octokit.rest.repos.get({ ...repoParams(repo) });
  return toRepoFacts(data);
}
