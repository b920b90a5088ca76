import type { Query } from "./db.js";
import type {
  ClosureRow,
  EpisodeRow,
  History,
  MergeTally,
  RepositoryRow,
  SnapshotRow,
  TestsVerdict,
} from "./rows.js";

export interface HistoryRange {
  from: Date;
  to: Date;
  /** One repository (`owner/repo`) only; every repository when absent. */
  repo?: string;
}

/**
 * A time column as ISO 8601 UTC text, written by the database: both drivers would
 * otherwise build a `Date` per value (slow for tens of thousands of rows) only for it to
 * be turned back into text.
 */
export const iso = (column: string, as = column) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as ${as}`;
/**
 * "Still open, or ended after `from`": spelled as the expression the `*_end` indexes hold
 * (migration 2), so a period reads the rows that overlap it and not the years before it.
 */
export const OVERLAPS_END = (column: string, from: string) =>
  `coalesce(${column}, 'infinity'::timestamptz) > ${from}::timestamptz`;

const text = (value: unknown): string => value as string;
const textOrNull = (value: unknown): string | null => (value as string | null) ?? null;

/**
 * Reads what bears on a period, and nothing older: the episodes and closures that
 * overlap it (an episode still open began before it perhaps), the merges in it, and each
 * repository's newest snapshot. Only the columns the figures read, so a 90-day summary of
 * hundreds of repositories moves tens of thousands of narrow rows, not whole tables.
 */
export async function readHistory(query: Query, range: HistoryRange): Promise<History> {
  const params = [range.from.toISOString(), range.to.toISOString(), range.repo ?? null];
  const untilParams = [range.to.toISOString(), range.repo ?? null];
  const onlyRepo = "($3::text is null or repo = $3::text)";
  const onlyRepo2 = "($2::text is null or repo = $2::text)";
  const [repositories, episodes, closures, merges, snapshots] = await Promise.all([
    query(
      `select repo, installation_id, ${iso("first_seen")}, ${iso("confirming_since")}
       from repositories
       where first_seen < $1 and ${onlyRepo2} order by repo`,
      untilParams,
    ),
    query(
      `select repo, breaking_sha, fixing_sha, author, failing_checks, ${iso("started_at")},
              ${iso("ended_at")}, flaky, flipped_checks
       from red_episodes
       where started_at is not null and started_at < $2
         and ${OVERLAPS_END("ended_at", "$1")} and ${onlyRepo}
       order by repo, started_at, breaking_sha`,
      params,
    ),
    query(
      `select repo, closed_by, ${iso("closed_at")}, reason, opened_by, ${iso("opened_at")}
       from closures
       where closed_at < $2 and ${OVERLAPS_END("opened_at", "$1")} and ${onlyRepo}
       order by repo, closed_at`,
      params,
    ),
    query(
      `select repo, count(*)::int as merges,
              array_agg(branch_age_hours) filter (where branch_age_hours is not null) as ages
       from merges where merged_at >= $1 and merged_at < $2 and ${onlyRepo}
       group by repo order by repo`,
      params,
    ),
    // The newest snapshot up to the end of the period, from its last week: an older one
    // says nothing about now.
    query(
      `select distinct on (repo) repo, day::text as day, tests, stale_branches,
              oldest_branch_age_hours, oldest_branch, oldest_branch_author
       from daily_snapshots
       where taken_at <= $1 and taken_at > $1::timestamptz - interval '7 days'
         and ${onlyRepo2}
       order by repo, day desc`,
      untilParams,
    ),
  ]);
  return {
    repositories: repositories.map((r): RepositoryRow => ({
      repo: r.repo as string,
      installationId: Number(r.installation_id),
      firstSeen: text(r.first_seen),
      ...(r.confirming_since ? { confirmingSince: text(r.confirming_since) } : {}),
    })),
    episodes: episodes.map((r): EpisodeRow => ({
      repo: r.repo as string,
      breakingSha: r.breaking_sha as string,
      fixingSha: (r.fixing_sha as string | null) ?? null,
      author: (r.author as string | null) ?? null,
      failingChecks: (r.failing_checks as string[]) ?? [],
      start: text(r.started_at),
      end: textOrNull(r.ended_at),
      flaky: Boolean(r.flaky),
      flippedChecks: (r.flipped_checks as string[]) ?? [],
    })),
    closures: closures.map((r): ClosureRow => ({
      repo: r.repo as string,
      by: (r.closed_by as string | null) ?? null,
      at: text(r.closed_at),
      reason: (r.reason as string | null) ?? null,
      openedBy: (r.opened_by as string | null) ?? null,
      openedAt: textOrNull(r.opened_at),
    })),
    merges: merges.map((r): MergeTally => ({
      repo: r.repo as string,
      merges: Number(r.merges),
      branchAgeHours: ((r.ages as unknown[] | null) ?? []).map(Number),
    })),
    snapshots: snapshots.map((r): SnapshotRow => ({
      repo: r.repo as string,
      day: r.day as string,
      tests: (r.tests as TestsVerdict | null) ?? null,
      staleBranches: Number(r.stale_branches),
      oldestBranchAgeHours:
        r.oldest_branch_age_hours == null ? null : Number(r.oldest_branch_age_hours),
      oldestBranch: textOrNull(r.oldest_branch),
      oldestBranchAuthor: textOrNull(r.oldest_branch_author),
    })),
  };
}
