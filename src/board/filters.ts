import { isStopped, staleOf, type RepoSummary } from "./board-data.js";

export const PERIODS = [7, 30, 90] as const;
export type Period = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: Period = 30;

export const SORTS = {
  worst: "Worst first",
  name: "Name",
  green: "Least green",
  restore: "Slowest to restore",
  episodes: "Most red episodes",
} as const;
export type SortKey = keyof typeof SORTS;

/** The board's view, from its query string: bookmarkable, so a wall display keeps it. */
export interface BoardQuery {
  days: Period;
  /** A repository-name prefix that names a team (`payments-`), case-insensitive. */
  team: string;
  onlyRed: boolean;
  onlyFailingTests: boolean;
  sort: SortKey;
}

const MAX_TEAM_LENGTH = 100;

/** Reads the query leniently: anything unknown falls back to the default, never an error. */
export function parseBoardQuery(params: URLSearchParams): BoardQuery {
  const days = Number(params.get("days"));
  const sort = params.get("sort") ?? "";
  const only = params.getAll("only");
  return {
    days: (PERIODS as readonly number[]).includes(days) ? (days as Period) : DEFAULT_PERIOD,
    team: (params.get("team") ?? "").trim().slice(0, MAX_TEAM_LENGTH),
    onlyRed: only.includes("red"),
    onlyFailingTests: only.includes("tests"),
    sort: Object.hasOwn(SORTS, sort) ? (sort as SortKey) : "worst",
  };
}

/** The query string for a view, without defaults, so links stay short. */
export function boardQueryString(query: BoardQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (query.days !== DEFAULT_PERIOD) params.set("days", String(query.days));
  if (query.team) params.set("team", query.team);
  if (query.onlyRed) params.append("only", "red");
  if (query.onlyFailingTests) params.append("only", "tests");
  if (query.sort !== "worst") params.set("sort", query.sort);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const text = params.toString();
  return text ? `?${text}` : "";
}

const nameOf = (repo: RepoSummary) => repo.repo.slice(repo.repo.indexOf("/") + 1);

/** The repositories the view asks for; every filter narrows. */
export function filterRepos(repos: RepoSummary[], query: BoardQuery): RepoSummary[] {
  const team = query.team.toLowerCase();
  return repos.filter(
    (r) =>
      (!team ||
        nameOf(r).toLowerCase().startsWith(team) ||
        r.repo.toLowerCase().startsWith(team)) &&
      (!query.onlyRed || isStopped(r)) &&
      (!query.onlyFailingTests || (r.tests !== null && r.tests !== "ok")),
  );
}

const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) : Number.POSITIVE_INFINITY);

/** Stopped mainlines, worst first: the one stopped longest leads. */
export function byStoppedLongest(a: RepoSummary, b: RepoSummary): number {
  const since = (r: RepoSummary) =>
    r.state === "closed" ? time(r.closedAt ?? r.redSince) : time(r.redSince);
  return since(a) - since(b) || a.repo.localeCompare(b.repo);
}

/** How bad a repository looks at a glance: stopped, then no test suite, then stale. */
function badness(r: RepoSummary): number {
  return (
    (isStopped(r) ? 4 : 0) + (r.tests && r.tests !== "ok" ? 2 : 0) + (staleOf(r).count > 0 ? 1 : 0)
  );
}

const nullsLast = (a: number | null, b: number | null, order: 1 | -1): number =>
  a === null ? (b === null ? 0 : 1) : b === null ? -1 : order * (a - b);

export function sortRepos(repos: RepoSummary[], sort: SortKey): RepoSummary[] {
  const byName = (a: RepoSummary, b: RepoSummary) => a.repo.localeCompare(b.repo);
  const compare: Record<SortKey, (a: RepoSummary, b: RepoSummary) => number> = {
    worst: (a, b) =>
      badness(b) - badness(a) ||
      (isStopped(a) && isStopped(b) ? byStoppedLongest(a, b) : 0) ||
      nullsLast(a.greenPct, b.greenPct, 1) ||
      byName(a, b),
    name: byName,
    green: (a, b) => nullsLast(a.greenPct, b.greenPct, 1) || byName(a, b),
    restore: (a, b) =>
      nullsLast(a.restoreMinutes.median, b.restoreMinutes.median, -1) || byName(a, b),
    episodes: (a, b) => b.episodes - a.episodes || byName(a, b),
  };
  return [...repos].sort(compare[sort]);
}
