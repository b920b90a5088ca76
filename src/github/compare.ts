import { type Octokit, repoParams, type RepoRef } from "./types.js";

interface GitActor {
  name?: string;
  email?: string;
  date?: string;
}

/** A compared commit: its git identities and, when GitHub knows it, the author's login. */
export interface ComparedCommitFacts {
  sha: string;
  commit: { author: GitActor | null; committer: GitActor | null };
  author: { login: string } | null;
}

/** `base...head`: the counts, and every commit reachable from head and not from base. */
export interface ComparisonFacts {
  ahead_by: number;
  behind_by: number;
  total_commits: number;
  /** Oldest first, every page concatenated. */
  commits: ComparedCommitFacts[];
}

/**
 * GitHub caps `per_page` at 100 here. Asking for a page at all matters: without paging
 * parameters GitHub returns the *newest* 250 commits, and the branch's oldest commit
 * (the one that dates it) would be missing from long branches.
 */
const PER_PAGE = 100;

/**
 * Compares `base...head` (a branch name or sha each), reading further pages only while
 * GitHub says there are more commits than read so far: one request for almost every
 * branch, all of them for a long one. Paged by hand rather than with
 * `octokit.paginate`, which types this endpoint as a list and would unwrap a response
 * that lacks `url` into its first key.
 */
export async function compareCommits(
  octokit: Octokit,
  repo: RepoRef,
  base: string,
  head: string,
): Promise<ComparisonFacts> {
  const basehead = `${base}...${head}`;
  const read = (page: number) =>
    octokit.rest.repos.compareCommitsWithBasehead({
      ...repoParams(repo),
      basehead,
      per_page: PER_PAGE,
      page,
    });
  const { data } = await read(1);
  const { ahead_by, behind_by, total_commits } = data;
  const result = { ahead_by, behind_by, total_commits, commits: data.commits.map(toCommitFacts) };
  for (let page = 2; result.commits.length < total_commits; page++) {
    const next = (await read(page)).data.commits;
    if (next.length === 0) break;
    result.commits.push(...next.map(toCommitFacts));
  }
  return result;
}

function toCommitFacts(c: {
  sha: string;
  commit: { author: GitActor | null; committer: GitActor | null };
  author: unknown;
}): ComparedCommitFacts {
  const login = (c.author as { login?: string } | null)?.login;
  return {
    sha: c.sha,
    commit: { author: c.commit.author, committer: c.commit.committer },
    author: login ? { login } : null,
  };
}
