import type { BoardSummary, Figures, RepoSummary } from "../../src/board/board-data.js";

export const NOW = new Date("2026-11-25T12:00:00Z");

export const NO_FIGURES: Figures = {
  greenPct: null,
  episodes: 0,
  flakyEpisodes: 0,
  restoreMinutes: { median: null, p90: null },
  mergesPerDay: null,
  mergedBranchAgeHours: { median: null },
};

/** A repository entry as the summary JSON gives it: green, tested, nothing stale. */
export function repo(name: string, fields: Partial<RepoSummary> = {}): RepoSummary {
  return {
    repo: name,
    state: "green",
    redSince: null,
    breakingSha: null,
    breakingAuthor: null,
    failingChecks: [],
    tests: "ok",
    staleBranches: 0,
    ...NO_FIGURES,
    greenPct: 100,
    ...fields,
  };
}

export function red(name: string, since: string, fields: Partial<RepoSummary> = {}): RepoSummary {
  return repo(name, {
    state: "red",
    redSince: since,
    breakingSha: "b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0",
    breakingAuthor: "hubot",
    failingChecks: ["build"],
    ...fields,
  });
}

export function summary(repos: RepoSummary[], days = 30): BoardSummary {
  return {
    days,
    from: new Date(NOW.getTime() - days * 86_400_000).toISOString(),
    to: NOW.toISOString(),
    installation: { ...NO_FIGURES, greenPct: 97.5, episodes: 3 },
    repos,
  };
}
