import { type Octokit, repoParams, type RepoRef } from "./types.js";

/** What Andon needs to know of a pull request, whatever event or list it came from. */
export interface PullRequestFacts {
  number: number;
  title: string;
  state: string;
  labels: string[];
  baseRef: string;
  headRef: string;
  headSha: string;
  /** The repository's default branch, as the PR's base repo reports it. */
  defaultBranch: string;
}

interface ApiPull {
  number: number;
  title: string;
  state: string;
  labels: Array<{ name?: string } | string>;
  base: { ref: string; repo?: { default_branch?: string } | null };
  head: { ref: string; sha: string };
}

function toPullFacts(pull: ApiPull): PullRequestFacts {
  return {
    number: pull.number,
    title: pull.title,
    state: pull.state,
    labels: pull.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))),
    baseRef: pull.base.ref,
    headRef: pull.head.ref,
    headSha: pull.head.sha,
    defaultBranch: pull.base.repo?.default_branch ?? "main",
  };
}

/** The PR as it is now: a webhook payload may be older than the newest event. */
export async function getPullRequest(
  octokit: Octokit,
  repo: RepoRef,
  number: number,
): Promise<PullRequestFacts> {
  const { data } = await octokit.rest.pulls.get({ ...repoParams(repo), pull_number: number });
  return toPullFacts(data);
}

/** Every open PR, page by page (100 a page). */
export async function* listOpenPullRequests(
  octokit: Octokit,
  repo: RepoRef,
): AsyncGenerator<PullRequestFacts> {
  const pages = octokit.paginate.iterator(octokit.rest.pulls.list, {
    ...repoParams(repo),
    state: "open",
    per_page: 100,
  });
  for await (const { data } of pages) for (const pull of data) yield toPullFacts(pull);
}

/** The paths a PR changes (GitHub lists at most 3,000). */
export async function listPullRequestFiles(
  octokit: Octokit,
  repo: RepoRef,
  number: number,
): Promise<string[]> {
  const files: string[] = [];
  const pages = octokit.paginate.iterator(octokit.rest.pulls.listFiles, {
    ...repoParams(repo),
    pull_number: number,
    per_page: 100,
  });
  for await (const { data } of pages) for (const f of data) files.push(f.filename);
  return files;
}
