import type { Period } from "../store/figures.js";
import type { History } from "../store/rows.js";
import { summarize } from "../store/summary.js";
import type { BoardSummary, RepoSummary } from "./board-data.js";

function byRepo<T extends { repo: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.repo);
    if (list) list.push(row);
    else map.set(row.repo, [row]);
  }
  return map;
}

/**
 * The board's figures: exactly the summary the API serves (`summarize`), plus what only
 * the board draws from the same rows — each repository's episodes for its timeline, who
 * closed a closed mainline and why, and its oldest stale branch (name, age, author).
 */
export function boardSummary(
  history: History,
  days: number,
  period: Period,
  canRead: (repo: string) => boolean,
): BoardSummary {
  const summary = summarize(history, days, period, canRead);
  const episodes = byRepo(history.episodes);
  const closures = byRepo(history.closures);
  const snapshots = new Map(history.snapshots.map((s) => [s.repo, s]));
  const to = period.to.getTime();
  const repos = summary.repos.map((entry): RepoSummary => {
    const closure =
      entry.state === "closed"
        ? (closures.get(entry.repo) ?? []).findLast(
            (c) => Date.parse(c.at) <= to && (c.openedAt === null || Date.parse(c.openedAt) > to),
          )
        : undefined;
    const snapshot = snapshots.get(entry.repo);
    return {
      ...entry,
      episodeList: (episodes.get(entry.repo) ?? []).map((e) => ({
        start: e.start,
        end: e.end,
        flaky: e.flaky,
      })),
      ...(closure
        ? { closedBy: closure.by, closedReason: closure.reason, closedAt: closure.at }
        : {}),
      ...(snapshot
        ? {
            staleBranches: {
              count: snapshot.staleBranches,
              oldestHours: snapshot.oldestBranchAgeHours,
              oldestBranch: snapshot.oldestBranch,
              author: snapshot.oldestBranchAuthor,
            },
          }
        : {}),
    };
  });
  return { ...summary, repos };
}
