import type { ComparedCommit } from "./branch-age.js";
import type { BranchHead } from "./stale-comment.js";

/** A compared commit, with the author's GitHub account when GitHub matched one. */
export interface ComparedCommitWithAuthor extends ComparedCommit {
  author: { login: string } | null;
}

/**
 * The branch's head commit as the nag needs it, read off the comparison that dated the
 * branch: when a branch is ahead of the mainline its head is one of the compared
 * commits, so no request is spent on it. `undefined` when it is not among them.
 */
export function headFromComparison(
  commits: readonly ComparedCommitWithAuthor[],
  sha: string,
): BranchHead | undefined {
  const head = commits.find((c) => c.sha === sha);
  if (!head) return undefined;
  const { author, committer } = head.commit;
  return {
    sha,
    committedAt: committer?.date ?? author?.date ?? "",
    ...(head.author ? { authorLogin: head.author.login } : {}),
    authorName: author?.name ?? committer?.name ?? "",
  };
}
