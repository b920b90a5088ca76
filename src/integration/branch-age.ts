/**
 * How long a branch has lived off the mainline, from GitHub's compare API
 * (`GET /repos/{owner}/{repo}/compare/{mainline}...{branch}`). The types below are the
 * subset Andon reads, so a compare response from octokit can be passed as it is.
 */

/** A git identity with its timestamp, as GitHub returns it (every field may be absent). */
export interface GitActor {
  name?: string;
  email?: string;
  date?: string;
}

/** One commit of the comparison: reachable from the branch, not from the mainline. */
export interface ComparedCommit {
  sha: string;
  commit: { author: GitActor | null; committer: GitActor | null };
}

/**
 * A comparison of the mainline (base) with a branch (head). `commits` lists the
 * branch's commits that are not on the mainline, oldest first; the API returns at most
 * 250 per page, so pass the commits of every page concatenated.
 */
export interface Comparison {
  ahead_by: number;
  behind_by: number;
  total_commits: number;
  commits: readonly ComparedCommit[];
}

export interface BranchAge {
  /** now − `oldestAt`, never negative. */
  ageMs: number;
  /** The commit that started the branch's life off the mainline. */
  oldestSha: string;
  /** Its committer date, as an ISO-8601 UTC timestamp. */
  oldestAt: string;
  /** Commits on the branch that are not on the mainline. */
  ahead: number;
  /** Commits on the mainline that are not on the branch. */
  behind: number;
  /**
   * `false` when fewer commits were given than the comparison holds (pages missing):
   * the oldest commit may be among them, so `ageMs` is only a lower bound.
   */
  complete: boolean;
}

/**
 * The age of a branch: now − the committer date of its oldest commit that is not on the
 * mainline; `undefined` when the branch has nothing that is not on the mainline.
 *
 * Why this reads naturally off the compare API: merging main *into* the branch adds one
 * merge commit, and the main commits it brings in are on main, so they are not listed —
 * the branch's own old commits stay, and the age is not reset. Only reaching main is.
 *
 * Why the committer date, not the author date: git keeps the author date through
 * rebase, cherry-pick, `commit --amend` and `git am`, so a patch written weeks ago and
 * committed on this branch today would look weeks old. The committer date is when the
 * commit was made as it exists on this branch. A rebase therefore restarts the clock:
 * the rebased commits are new commits, sitting on today's mainline.
 *
 * Why the minimum and not the first commit: the list is in topological order, and clock
 * skew between machines (or a rebase that reorders commits) means the first listed
 * commit need not have the earliest date.
 */
export function branchAge(comparison: Comparison, now: Date): BranchAge | undefined {
  if (comparison.ahead_by === 0) return undefined;
  let oldest: { sha: string; at: number } | undefined;
  for (const { sha, commit } of comparison.commits) {
    const at = Date.parse(commit.committer?.date ?? commit.author?.date ?? "");
    if (Number.isNaN(at)) continue;
    if (oldest === undefined || at < oldest.at) oldest = { sha, at };
  }
  if (oldest === undefined) {
    // Not a stale verdict to guess at: the caller passed no commit (or no dated one).
    throw new RangeError(
      `the comparison is ${comparison.ahead_by} commits ahead but lists no dated commit`,
    );
  }
  return {
    ageMs: Math.max(0, now.getTime() - oldest.at),
    oldestSha: oldest.sha,
    oldestAt: new Date(oldest.at).toISOString(),
    ahead: comparison.ahead_by,
    behind: comparison.behind_by,
    complete: comparison.commits.length >= comparison.total_commits,
  };
}
