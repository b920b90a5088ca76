import type { ClosureRow, EpisodeRow, MergeTally } from "./rows.js";

/** The figures of PRODUCT.md ("History and the andon board"), per repository or summed. */
export interface Figures {
  /** 0–100, over the part of the period since Andon first saw the repository. */
  greenPct: number | null;
  /** Red episodes that began in the period, flaky ones included. */
  episodes: number;
  flakyEpisodes: number;
  /** From the breaking commit's failure to green again, over the episodes that ended. */
  restoreMinutes: { median: number | null; p90: number | null };
  mergesPerDay: number | null;
  mergedBranchAgeHours: { median: number | null };
}

export interface Period {
  from: Date;
  to: Date;
}

/** What one repository's figures are computed from. */
export interface RepoRows {
  firstSeen: string;
  episodes: readonly EpisodeRow[];
  closures: readonly ClosureRow[];
  /** The merges of the period (the database counts them in it). */
  merges: readonly MergeTally[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/**
 * The middle value (midway between the two middle ones for an even count); null for none.
 * Midway is computed as `lo + (hi - lo) / 2`, PostgreSQL's `percentile_cont(0.5)` step
 * for step, so the figure the database computes is this one to the last bit.
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length % 2) return sorted[mid]!;
  const lo = sorted[mid - 1]!;
  return lo + (sorted[mid]! - lo) / 2;
}

/**
 * The nearest-rank percentile: a value that was actually observed, so "90% of episodes
 * were restored within p90" holds literally; null for none. PostgreSQL's
 * `percentile_disc(p / 100)` picks the same rank.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Total length of the union of `[start, end)` intervals, each clipped to `[lo, hi)`. */
export function coveredMs(intervals: ReadonlyArray<[number, number]>, lo: number, hi: number) {
  const clipped = intervals
    .map(([s, e]): [number, number] => [Math.max(s, lo), Math.min(e, hi)])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let reach = lo;
  for (const [s, e] of clipped) {
    if (e <= reach) continue;
    total += e - Math.max(s, reach);
    reach = e;
  }
  return total;
}

/** The share of a repository's measured time that was neither red nor closed. */
interface Measured {
  measuredMs: number;
  greenMs: number;
  start: number;
}

function measure(rows: RepoRows, period: Period): Measured {
  const to = period.to.getTime();
  const start = Math.max(period.from.getTime(), Date.parse(rows.firstSeen));
  const measuredMs = Math.max(0, to - start);
  // An open episode or closure runs to the end of the period: it is red, or closed, now.
  const notGreen: Array<[number, number]> = [
    ...rows.episodes.map((e): [number, number] => [
      Date.parse(e.start),
      e.end ? Date.parse(e.end) : to,
    ]),
    ...rows.closures.map((c): [number, number] => [
      Date.parse(c.at),
      c.openedAt ? Date.parse(c.openedAt) : to,
    ]),
  ];
  return { measuredMs, greenMs: measuredMs - coveredMs(notGreen, start, to), start };
}

const inPeriod = (at: string, period: Period) => {
  const t = Date.parse(at);
  return t >= period.from.getTime() && t < period.to.getTime();
};

/** One repository's share of the figures, computed once and summed as often as needed. */
export interface RepoTally {
  measuredMs: number;
  greenMs: number;
  /** Where its measured time starts (ms since the epoch). */
  start: number;
  episodes: number;
  flaky: number;
  restoreMinutes: number[];
  merges: number;
  branchAgeHours: number[];
}

export function tallyRepo(rows: RepoRows, period: Period): RepoTally {
  const m = measure(rows, period);
  const tally: RepoTally = {
    ...m,
    episodes: 0,
    flaky: 0,
    restoreMinutes: [],
    merges: 0,
    branchAgeHours: [],
  };
  if (m.measuredMs <= 0) return tally;
  for (const e of rows.episodes) {
    if (!inPeriod(e.start, period)) continue;
    tally.episodes++;
    if (e.flaky) tally.flaky++;
    if (e.end) tally.restoreMinutes.push((Date.parse(e.end) - Date.parse(e.start)) / MINUTE);
  }
  for (const t of rows.merges) {
    tally.merges += t.merges;
    tally.branchAgeHours.push(...t.branchAgeHours);
  }
  return tally;
}

/**
 * What the figures are rounded from: sums and order statistics over some repositories,
 * whether added up here ({@link sumFigures}) or by the database (`readSummary`).
 */
export interface FigureParts {
  measuredMs: number;
  greenMs: number;
  /** The earliest start of measured time (ms since the epoch); merges per day count from it. */
  earliest: number;
  episodes: number;
  flaky: number;
  merges: number;
  restoreMedian: number | null;
  restoreP90: number | null;
  branchAgeMedian: number | null;
}

/** The figures from their parts: percentages, per-day rates and rounding. */
export function figuresOf(parts: FigureParts, period: Period): Figures {
  const { measuredMs } = parts;
  const days = (period.to.getTime() - parts.earliest) / DAY;
  const rounded = (value: number | null, digits = 1) =>
    value === null ? null : round(value, digits);
  return {
    greenPct: measuredMs > 0 ? round((100 * parts.greenMs) / measuredMs, 1) : null,
    episodes: parts.episodes,
    flakyEpisodes: parts.flaky,
    restoreMinutes: {
      median: rounded(parts.restoreMedian),
      p90: rounded(parts.restoreP90),
    },
    mergesPerDay: measuredMs > 0 ? round(parts.merges / days, 2) : null,
    mergedBranchAgeHours: { median: rounded(parts.branchAgeMedian) },
  };
}

/**
 * The figures over many repositories (one for a repository's own): time-weighted, so a
 * repository seen for one day of a 30-day period weighs a thirtieth of one seen all along.
 * Merges per day are over the days since the first repository was first seen.
 */
export function sumFigures(tallies: readonly RepoTally[], period: Period): Figures {
  const measured = tallies.filter((t) => t.measuredMs > 0);
  const restores = measured.flatMap((t) => t.restoreMinutes);
  const ages = measured.flatMap((t) => t.branchAgeHours);
  return figuresOf(
    {
      ...sumCounts(measured.map((t) => ({ ...t, earliest: t.start }))),
      restoreMedian: median(restores),
      restoreP90: percentile(restores, 90),
      branchAgeMedian: median(ages),
    },
    period,
  );
}

/** The parts that add up across repositories (order statistics do not). */
export type FigureCounts = Omit<FigureParts, "restoreMedian" | "restoreP90" | "branchAgeMedian">;

export function sumCounts(parts: readonly FigureCounts[]): FigureCounts {
  const sum = { measuredMs: 0, greenMs: 0, earliest: Infinity, episodes: 0, flaky: 0, merges: 0 };
  for (const p of parts) {
    sum.measuredMs += p.measuredMs;
    sum.greenMs += p.greenMs;
    sum.earliest = Math.min(sum.earliest, p.earliest);
    sum.episodes += p.episodes;
    sum.flaky += p.flaky;
    sum.merges += p.merges;
  }
  return sum;
}

/** The figures of `repos` over `period`. */
export function figures(repos: readonly RepoRows[], period: Period): Figures {
  return sumFigures(
    repos.map((r) => tallyRepo(r, period)),
    period,
  );
}
