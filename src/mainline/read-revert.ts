import { code } from "../checks/format.js";
import { compareChanges, getCommitChanges, type CommitChanges } from "../github/changes.js";
import { getTree } from "../github/trees.js";
import type { Octokit, RepoRef } from "../github/types.js";
import type { Episode } from "./episode-record.js";
import { judgeRevert, touchesOnly, type EpisodeCommit, type RevertFinding } from "./true-revert.js";

export interface RevertCandidate {
  headSha: string;
  /** The paths the PR changes, when already known (the PR job's list, the GraphQL page). */
  files?: readonly string[] | null;
}

export interface RevertJudge {
  (pr: RevertCandidate): Promise<RevertFinding>;
  /** Starts reading what every PR shares, so it runs beside other reads (a flip's PR list). */
  prepare(): void;
}

const cannotVerify = (why: string): RevertFinding => ({
  revert: false,
  differences: [`Andon cannot verify it: ${why}`],
});

/**
 * Judges PRs as true reverts of the current red episode, reading what every PR shares
 * once and only when a PR needs it: the commits since the last green commit and the
 * paths they touch (2 requests), then, for a PR touching only those paths, each such
 * commit's changes and the last green tree (blob shas only, no file content).
 */
export function createRevertJudge(
  octokit: Octokit,
  repo: RepoRef,
  episode: Episode,
  mainHead: string,
): RevertJudge {
  let breaking: Promise<CommitChanges> | undefined;
  let episodeRange:
    | Promise<{ lastGreen: string; commits: string[]; paths: Set<string>; complete: boolean }>
    | undefined;
  let detail:
    Promise<{ lastGreen: Map<string, string>; commits: EpisodeCommit[] } | undefined> | undefined;

  const range = () =>
    (episodeRange ??= (async () => {
      const commit = await (breaking ??= getCommitChanges(octokit, repo, episode.breakingSha));
      const lastGreen = commit.parents[0] ?? "";
      // Main's head is the breaking commit itself (the usual flip): its own files are the
      // episode's, no comparison needed.
      if (!lastGreen || commit.sha === mainHead) {
        return {
          lastGreen,
          commits: [commit.sha],
          paths: new Set(commit.files.map((f) => f.path)),
          complete: commit.complete,
        };
      }
      const compared = await compareChanges(octokit, repo, lastGreen, mainHead);
      return {
        lastGreen,
        commits: compared.commits,
        paths: new Set(compared.files.map((f) => f.path)),
        complete: compared.complete,
      };
    })());

  const details = () =>
    (detail ??= (async () => {
      const { lastGreen, commits } = await range();
      const changes = await Promise.all(
        commits.map((sha) =>
          sha === episode.breakingSha
            ? (breaking ??= getCommitChanges(octokit, repo, sha))
            : getCommitChanges(octokit, repo, sha),
        ),
      );
      if (changes.some((c) => !c.complete)) return undefined;
      const tree = lastGreen ? await getTree(octokit, repo, lastGreen, true) : undefined;
      if (tree?.truncated) return undefined;
      const blobs = new Map(
        (tree?.entries ?? []).filter((e) => e.type === "blob").map((e) => [e.path, e.sha]),
      );
      return {
        lastGreen: blobs,
        commits: changes.map((c) => ({ sha: c.sha, changes: c.files })),
      };
    })());

  const judge = async (pr: RevertCandidate): Promise<RevertFinding> => {
    const { paths, complete } = await range();
    if (!complete) return cannotVerify("too many changes landed since the last green commit");
    if (pr.files && !touchesOnly(pr.files, paths)) {
      const outside = pr.files.filter((p) => !paths.has(p));
      return {
        revert: false,
        differences: outside.length
          ? outside
              .slice(0, 10)
              .map((p) => `it changes ${code(p)}, which no commit since the last green one changed`)
          : ["it changes no file"],
      };
    }
    const known = await details();
    if (!known) return cannotVerify("the commits or the tree are too large to list");
    const proposed = await compareChanges(octokit, repo, mainHead, pr.headSha);
    if (!proposed.complete) return cannotVerify("this PR changes too many files");
    return judgeRevert({ ...known, pr: proposed.files });
  };
  return Object.assign(judge, {
    // An early failure is seen (and retried) by the first PR that awaits it.
    prepare: () => void range().catch(() => undefined),
  });
}
