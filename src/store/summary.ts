import {
  sumFigures,
  tallyRepo,
  type Figures,
  type Period,
  type RepoRows,
  type RepoTally,
} from "./figures.js";
import type {
  ClosureRow,
  EpisodeRow,
  History,
  MergeTally,
  SnapshotRow,
  TestsVerdict,
} from "./rows.js";

export type MainlineStateName = "green" | "red" | "pending" | "none" | "closed";

/** One repository of `GET /andon/api/summary` (PRODUCT.md, "History and the andon board"). */
export interface RepoEntry extends Figures {
  repo: string;
  state: MainlineStateName;
  redSince: string | null;
  breakingSha: string | null;
  breakingAuthor: string | null;
  failingChecks: string[];
  tests: TestsVerdict | null;
  staleBranches: number | null;
  /** Set while a red is being confirmed by a re-run (`mainline.confirmRed: rerun`). */
  confirming?: boolean;
}

export interface Summary {
  days: number;
  from: string;
  to: string;
  installation: Figures;
  repos: RepoEntry[];
}

/** `GET /andon/api/repos/<owner>/<repo>`: the repository's entry, its episodes and closures. */
export interface RepoDetail extends RepoEntry {
  days: number;
  from: string;
  to: string;
  episodeList: Array<
    Pick<EpisodeRow, "start" | "end" | "breakingSha" | "fixingSha" | "author" | "flaky"> & {
      failingChecks: string[];
    }
  >;
  closures: Array<Omit<ClosureRow, "repo">>;
}

interface Grouped extends RepoRows {
  repo: string;
  confirming: boolean;
  episodes: EpisodeRow[];
  closures: ClosureRow[];
  merges: MergeTally[];
  snapshot: SnapshotRow | undefined;
}

/** The order of the summary's repositories. */
export const byRepoName = (a: { repo: string }, b: { repo: string }) =>
  a.repo.localeCompare(b.repo);

function group(history: History): Grouped[] {
  const byRepo = new Map<string, Grouped>();
  for (const r of history.repositories) {
    byRepo.set(r.repo, {
      repo: r.repo,
      firstSeen: r.firstSeen,
      confirming: Boolean(r.confirmingSince),
      episodes: [],
      closures: [],
      merges: [],
      snapshot: undefined,
    });
  }
  // Rows of a repository the caller may not see were filtered with it: skip them.
  for (const e of history.episodes) byRepo.get(e.repo)?.episodes.push(e);
  for (const c of history.closures) byRepo.get(c.repo)?.closures.push(c);
  for (const m of history.merges) byRepo.get(m.repo)?.merges.push(m);
  for (const snap of history.snapshots) {
    const g = byRepo.get(snap.repo);
    if (g) g.snapshot = snap;
  }
  return [...byRepo.values()].sort(byRepoName);
}

/** What a repository's state is told from: the episodes and closures that may be open. */
export interface StateRows {
  repo: string;
  episodes: readonly EpisodeRow[];
  closures: readonly ClosureRow[];
  snapshot: SnapshotRow | undefined;
  /** A red being confirmed by a re-run (`mainline.confirmRed: rerun`). */
  confirming?: boolean;
}

export type RepoState = Omit<RepoEntry, keyof Figures>;

/**
 * The state at the end of the period from the history alone: closed while a closure is
 * open, red while an episode is (the latest to start, when several are), green otherwise.
 * (The history holds transitions only, so it never says "pending" or "none": those are the
 * live check's words.)
 */
export function stateOf(g: StateRows, period: Period): RepoState {
  const to = period.to.getTime();
  const open = (start: string, end: string | null) =>
    Date.parse(start) < to && (end === null || Date.parse(end) > to);
  const red = [...g.episodes].reverse().find((e) => open(e.start, e.end));
  const closed = g.closures.some((c) => open(c.at, c.openedAt));
  return {
    repo: g.repo,
    state: closed ? "closed" : red ? "red" : "green",
    redSince: red?.start ?? null,
    breakingSha: red?.breakingSha ?? null,
    breakingAuthor: red?.author ?? null,
    failingChecks: red?.failingChecks ?? [],
    tests: g.snapshot?.tests ?? null,
    staleBranches: g.snapshot?.staleBranches ?? null,
    ...(g.confirming ? { confirming: true } : {}),
  };
}

const entryOf = (g: Grouped, period: Period, tally: RepoTally): RepoEntry => ({
  ...stateOf(g, period),
  ...sumFigures([tally], period),
});

export const header = (days: number, period: Period) => ({
  days,
  from: period.from.toISOString(),
  to: period.to.toISOString(),
});

/**
 * The summary of every repository in `history` that `canRead` allows: the reference the
 * database's own summary (`readSummary`) is tested against, and the board's figures.
 */
export function summarize(
  history: History,
  days: number,
  period: Period,
  canRead: (repo: string) => boolean,
): Summary {
  const groups = group(history).filter((g) => canRead(g.repo));
  const tallies = groups.map((g) => tallyRepo(g, period));
  return {
    ...header(days, period),
    installation: sumFigures(tallies, period),
    repos: groups.map((g, i) => entryOf(g, period, tallies[i]!)),
  };
}

/** One repository's detail; undefined when the history has never seen it. */
export function repoDetail(
  history: History,
  repo: string,
  days: number,
  period: Period,
): RepoDetail | undefined {
  const g = group(history).find((x) => x.repo === repo);
  if (!g) return undefined;
  return {
    ...header(days, period),
    ...entryOf(g, period, tallyRepo(g, period)),
    episodeList: g.episodes.map((e) => ({
      start: e.start,
      end: e.end,
      breakingSha: e.breakingSha,
      fixingSha: e.fixingSha,
      author: e.author,
      flaky: e.flaky,
      failingChecks: e.failingChecks,
    })),
    closures: g.closures.map(({ repo: _repo, ...c }) => c),
  };
}
