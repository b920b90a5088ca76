import type { ProbotOctokit } from "probot";

/** The authenticated client every `src/github/` function takes: one per installation. */
export type Octokit = InstanceType<typeof ProbotOctokit>;

/**
 * A repository as a request names it. Callers often hold more (`RepoFacts`, a job's
 * data); pass it through `repoParams` before it reaches a request, since octokit sends
 * every key it does not place in the URL as a query parameter or body key.
 */
export interface RepoRef {
  owner: string;
  repo: string;
}

/**
 * Exactly `{ owner, repo }` of anything that names a repository: what every request in
 * `src/github/` spreads, so the rest of a repository object (`defaultBranch`,
 * `archived`…) never becomes a parameter GitHub does not define.
 */
export function repoParams({ owner, repo }: RepoRef): RepoRef {
  return { owner, repo };
}

export const repoName = ({ owner, repo }: RepoRef): string => `${owner}/${repo}`;

/** `owner/name` into its parts; `undefined` unless both parts are there and not blank. */
export function parseRepoName(fullName: string): RepoRef | undefined {
  const [owner = "", repo = "", ...rest] = fullName.split("/");
  return owner.trim() && repo.trim() && rest.length === 0 ? { owner, repo } : undefined;
}
