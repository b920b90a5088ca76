import { code, shortSha } from "../checks/format.js";

/** A file as a change leaves it: its blob sha, or `null` when the change deletes it. */
export interface FileState {
  path: string;
  blob: string | null;
}

/** A commit that landed on the mainline since the last green commit, and what it changed. */
export interface EpisodeCommit {
  sha: string;
  changes: FileState[];
}

export interface RevertInput {
  /** Each path's blob in the last green commit (absent: the file did not exist). */
  lastGreen: ReadonlyMap<string, string>;
  /** The commits since the last green commit, oldest first. */
  commits: readonly EpisodeCommit[];
  /** What the PR changes, each path as the PR leaves it. */
  pr: readonly FileState[];
}

export type RevertFinding =
  { revert: true; commits: string[] } | { revert: false; differences: string[] };

/**
 * Whether a PR is a true revert: its changes exactly undo one or more commits that landed
 * on the mainline since the last green commit. Every file it touches must end with the
 * blob it had before the earliest undone commit that touched it (so every later change to
 * that file is undone too), every file an undone commit touched must be restored that
 * way, and nothing else may be touched. Blob shas decide, so no file content is read.
 *
 * Why so strict: a revert passes a red gate without review of its effect on the build,
 * so a partial revert, or a revert that smuggles in another change, must not.
 */
export function judgeRevert({ lastGreen, commits, pr }: RevertInput): RevertFinding {
  if (pr.length === 0) return { revert: false, differences: ["it changes no file"] };
  // Each file's blob before each commit that touched it, oldest first.
  const state = new Map<string, string | null>();
  const before = new Map<string, Array<{ sha: string; blob: string | null }>>();
  for (const commit of commits) {
    for (const { path, blob } of commit.changes) {
      const previous = state.has(path) ? state.get(path)! : (lastGreen.get(path) ?? null);
      const list = before.get(path) ?? [];
      list.push({ sha: commit.sha, blob: previous });
      before.set(path, list);
      state.set(path, blob);
    }
  }
  const differences: string[] = [];
  /** For each touched file, the commits its end state undoes. */
  const undone = new Map<string, Set<string>>();
  for (const { path, blob } of pr) {
    const history = before.get(path);
    if (!history) {
      differences.push(
        `it changes ${code(path)}, which no commit since the last green one changed`,
      );
      continue;
    }
    // The latest restore point that matches: the fewest commits undone.
    const at = history.findLastIndex((h) => h.blob === blob);
    if (at === -1) {
      differences.push(
        `${code(path)} does not end as it was before any commit since the last green one`,
      );
      continue;
    }
    undone.set(path, new Set(history.slice(at).map((h) => h.sha)));
  }
  const reverted = new Set([...undone.values()].flatMap((s) => [...s]));
  for (const commit of commits) {
    if (!reverted.has(commit.sha)) continue;
    for (const { path } of commit.changes) {
      if (!undone.get(path)?.has(commit.sha)) {
        differences.push(
          `it undoes ${shortSha(commit.sha)} only in part: ${code(path)} keeps that commit's change`,
        );
      }
    }
  }
  if (differences.length > 0) return { revert: false, differences };
  return { revert: true, commits: commits.filter((c) => reverted.has(c.sha)).map((c) => c.sha) };
}

/** The paths a set of changes touches: a cheap first test before any blob is read. */
export function touchesOnly(paths: readonly string[], allowed: ReadonlySet<string>): boolean {
  return paths.length > 0 && paths.every((p) => allowed.has(p));
}
