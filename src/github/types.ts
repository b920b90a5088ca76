import type { ProbotOctokit } from "probot";

/** The authenticated client every `src/github/` function takes: one per installation. */
export type Octokit = InstanceType<typeof ProbotOctokit>;

export interface RepoRef {
  owner: string;
  repo: string;
}

export const repoName = ({ owner, repo }: RepoRef): string => `${owner}/${repo}`;
