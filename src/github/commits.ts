import { toSummary, type CheckRunSummary } from "./checks.js";
import { type Octokit, repoParams, type RepoRef } from "./types.js";

export interface CommitFacts {
  sha: string;
  /** Committer date, ISO 8601: when the commit landed on this branch. */
  committedAt: string;
  author: { login?: string; name: string };
}

/** A check run with what judging a build needs beside Andon's own summary of it. */
export interface CheckRunFacts extends CheckRunSummary {
  html_url: string | null;
  started_at: string | null;
  completed_at: string | null;
  /** The slug of the app that ran it (`github-actions`). */
  app: string | null;
  check_suite_id: number | null;
}

export interface StatusFacts {
  context: string;
  state: string;
  target_url: string | null;
  updated_at: string;
}

/** One page of a branch's history, newest first. */
export async function listCommits(
  octokit: Octokit,
  repo: RepoRef,
  branch: string,
  page: number,
  perPage: number,
): Promise<CommitFacts[]> {
  const { data } = await octokit.rest.repos.listCommits({
    ...repoParams(repo),
    sha: branch,
    per_page: perPage,
    page,
  });
  return data.map((c) => ({
    sha: c.sha,
    committedAt: c.commit.committer?.date ?? c.commit.author?.date ?? new Date(0).toISOString(),
    author: {
      ...(c.author?.login ? { login: c.author.login } : {}),
      name: c.commit.author?.name ?? c.author?.login ?? "unknown",
    },
  }));
}

/** The latest check run of every name on a commit (all apps, Andon's included). */
export async function listCheckRuns(
  octokit: Octokit,
  repo: RepoRef,
  sha: string,
): Promise<CheckRunFacts[]> {
  const runs: CheckRunFacts[] = [];
  const pages = octokit.paginate.iterator(octokit.rest.checks.listForRef, {
    ...repoParams(repo),
    ref: sha,
    filter: "latest",
    per_page: 100,
  });
  for await (const { data } of pages) {
    for (const r of data) {
      runs.push({
        ...toSummary(r),
        html_url: r.html_url,
        started_at: r.started_at,
        completed_at: r.completed_at,
        app: r.app?.slug ?? null,
        check_suite_id: r.check_suite?.id ?? null,
      });
    }
  }
  return runs;
}

/** The latest status per context on a commit (the combined status). */
export async function listLatestStatuses(
  octokit: Octokit,
  repo: RepoRef,
  sha: string,
): Promise<StatusFacts[]> {
  const { data } = await octokit.rest.repos.getCombinedStatusForRef({
    ...repoParams(repo),
    ref: sha,
    per_page: 100,
  });
  return data.statuses.map((s) => ({
    context: s.context,
    state: s.state,
    target_url: s.target_url ?? null,
    updated_at: s.updated_at,
  }));
}
