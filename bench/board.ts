import { parseBoardQuery } from "../src/board/filters.js";
import { renderBoardPage } from "../src/board/render-board.js";
import type { BoardSummary, RepoSummary } from "../src/board/board-data.js";
import type { BenchTable } from "./table.js";

const DAY = 86_400_000;
const TARGET_MS = 300;
const NOW = new Date("2026-11-25T12:00:00Z");

/**
 * An organisation of `n` repositories over 90 days: one in ten red now, one in eight
 * without a test suite CI runs, stale branches here and there, and a red episode every
 * few days each — the timelines are the bulk of the page.
 */
export function bigSummary(n: number, days = 90): BoardSummary {
  const from = NOW.getTime() - days * DAY;
  const repos: RepoSummary[] = Array.from({ length: n }, (_, i) => {
    const episodes = Array.from({ length: 5 + (i % 20) }, (_, k) => {
      const start = from + ((k * 7 + (i % 5)) * DAY) / 2;
      return {
        start: new Date(start).toISOString(),
        end: new Date(start + (1 + (i % 9)) * 3_600_000).toISOString(),
        flaky: k % 4 === 0,
      };
    });
    const red = i % 10 === 0;
    return {
      repo: `acme/team-${i % 25}-service-${i}`,
      state: red ? "red" : "green",
      redSince: red ? new Date(NOW.getTime() - (i + 1) * 60_000).toISOString() : null,
      breakingSha: red ? "0123456789abcdef0123456789abcdef01234567" : null,
      breakingAuthor: red ? `dev-${i}` : null,
      failingChecks: red ? ["build", "unit tests"] : [],
      tests: i % 8 === 0 ? "no-ci" : "ok",
      staleBranches: i % 3,
      greenPct: 90 + (i % 10),
      episodes: episodes.length,
      flakyEpisodes: Math.ceil(episodes.length / 4),
      restoreMinutes: { median: 30 + (i % 60), p90: 120 + (i % 90) },
      mergesPerDay: (i % 7) / 2,
      mergedBranchAgeHours: { median: 4 + (i % 30) },
      episodeList: episodes,
    };
  });
  return {
    days,
    from: new Date(from).toISOString(),
    to: NOW.toISOString(),
    installation: repos[0]!,
    repos,
  };
}

/** `npm run bench board`: how long the board's first render takes, beside its target. */
export async function boardBench(): Promise<BenchTable> {
  const rows: BenchTable["rows"] = [];
  for (const [n, query] of [
    [100, ""],
    [500, ""],
    [500, "only=red"],
    [500, "sort=green"],
    [2000, ""],
  ] as const) {
    const summary = bigSummary(n);
    const view = {
      query: parseBoardQuery(new URLSearchParams(query)),
      now: NOW,
      webUrl: "https://github.com",
    };
    // The first render is what a wall display waits for: measured cold, then the median of 9.
    let started = performance.now();
    const page = renderBoardPage({ ...view, summary });
    const first = performance.now() - started;
    const times: number[] = [];
    for (let k = 0; k < 9; k++) {
      started = performance.now();
      renderBoardPage({ ...view, summary });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    rows.push([
      n,
      query || "(default)",
      summary.repos.reduce((s, r) => s + (r.episodeList?.length ?? 0), 0),
      first.toFixed(1),
      times[4]!.toFixed(1),
      TARGET_MS,
      `${Math.round(page.length / 1024)} KiB`,
    ]);
  }
  return {
    title: "Board: first render of GET /andon (render only, figures given)",
    bound: `${TARGET_MS} ms for 500 repositories`,
    columns: ["repos", "view", "episodes", "first ms", "median ms", "target ms", "page"],
    rows,
  };
}
