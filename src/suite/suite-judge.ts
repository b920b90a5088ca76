import type { TestsConfig } from "../config/schema.js";
import { getCommitTreeSha } from "../github/trees.js";
import type { Octokit, RepoRef } from "../github/types.js";
import { judgeTestSuite, type SuiteJudgement } from "./judge-suite.js";
import { Lru } from "./lru.js";
import { readSnapshot } from "./read-snapshot.js";

export interface CommitRef {
  sha: string;
  /** The commit's root tree, when the caller already knows it (a push's `head_commit.tree_id`). */
  treeSha?: string;
}

/** `judgeTestSuite` for a commit on GitHub: reads what it needs, remembers what it judged. */
export type SuiteJudge = (
  octokit: Octokit,
  repo: RepoRef,
  commit: CommitRef,
  config: TestsConfig,
) => Promise<SuiteJudgement>;

export interface SuiteCacheLimits {
  /** Judgements by tree sha and `tests` config. */
  judgements: number;
  /** Commit sha → root tree sha. */
  commits: number;
  /** File texts by blob sha. */
  blobs: number;
}

export const DEFAULT_SUITE_CACHE_LIMITS: SuiteCacheLimits = {
  judgements: 500,
  commits: 5_000,
  blobs: 1_000,
};

/**
 * One per app. A verdict depends only on the tree and the `tests` config, and git objects
 * never change, so everything is cached by sha: the same tree is read and judged once
 * however many commits, PRs and sweeps show it (a squash merge of an up-to-date PR lands
 * its very tree on main; an empty commit or a re-run keeps it). Why not by repository:
 * shas name contents, and a caller can only name a tree it was able to read.
 *
 * The PR path learns a commit's tree from `GET /git/commits/{sha}` (the commit object
 * alone, without the file list `GET /commits/{sha}` carries); a push brings it in its
 * payload and the sweep reads it with the branch, so those pay no extra request.
 */
export function createSuiteJudge(
  limits: SuiteCacheLimits = DEFAULT_SUITE_CACHE_LIMITS,
): SuiteJudge {
  const trees = new Lru<string, string>(limits.commits);
  const judgements = new Lru<string, Promise<SuiteJudgement>>(limits.judgements);
  const blobs = new Lru<string, string>(limits.blobs);
  return async (octokit, repo, commit, config) => {
    const treeSha =
      commit.treeSha ??
      trees.get(commit.sha) ??
      (await getCommitTreeSha(octokit, repo, commit.sha));
    trees.set(commit.sha, treeSha);
    const key = `${treeSha} ${JSON.stringify(config)}`;
    const known = judgements.get(key);
    if (known) return known;
    const judgement = readSnapshot(octokit, repo, treeSha, config, blobs).then(judgeTestSuite);
    judgements.set(key, judgement);
    // A failed read is retried by the work runner: it must not be remembered.
    judgement.catch(() => {
      if (judgements.peek(key) === judgement) judgements.delete(key);
    });
    return judgement;
  };
}
