import type { Query, Row } from "./db.js";
import { figuresOf, sumCounts, type FigureParts, type Period } from "./figures.js";
import { iso, OVERLAPS_END } from "./read-history.js";
import type { TestsVerdict } from "./rows.js";
import { byRepoName, header, stateOf, type RepoEntry, type Summary } from "./summary.js";

/**
 * A time or a duration in milliseconds, as a float8 holding a whole number: exact, since
 * every time is recorded from an ISO 8601 string (milliseconds at most), and `date_part`
 * (float8) is several times cheaper than `extract` (numeric) on tens of thousands of rows.
 */
const ms = (value: string) => `round(date_part('epoch', ${value}) * 1000)`;

/**
 * One statement computes every repository's figures where the rows are, and ships one row
 * per repository plus one for the installation: however many episodes and merges the
 * period holds, nothing row-sized reaches JavaScript. Each step mirrors `figures.ts`:
 * - `covered`: the union of red and closed time clipped to the repository's measured time
 *   (`coveredMs`): sorted by start, each span adds what reaches past the furthest end
 *   before it (a running `max` window);
 * - `episode_tally`, `merge_tally`: counts and order statistics per repository and, by
 *   the empty grouping set, over all of them (`percentile_cont(0.5)` is `median`,
 *   `percentile_disc(0.9)` the nearest-rank `percentile(…, 90)`);
 * - `red_now`, `closed_now`, `snapshot`: what `stateOf` needs, one row each at most.
 * `$1`/`$2` are the period, `$3` the repositories the viewer may read (null: all).
 */
const SUMMARY = `
with seen as (
  select repo, greatest(first_seen, $1::timestamptz) as start,
         confirming_since is not null as confirming
  from repositories
  where first_seen < $2::timestamptz and ($3::text[] is null or repo = any($3::text[]))
),
episodes as (
  select e.repo, e.started_at, e.ended_at, e.breaking_sha, e.flaky
  from red_episodes e
  where e.repo in (select repo from seen) and e.started_at is not null and e.started_at < $2::timestamptz
    and ${OVERLAPS_END("e.ended_at", "$1")}
),
closed as (
  select c.repo, c.closed_at, c.opened_at
  from closures c
  where c.repo in (select repo from seen) and c.closed_at < $2::timestamptz and ${OVERLAPS_END("c.opened_at", "$1")}
),
spans as (
  select x.repo, greatest(x.s, seen.start) as s, least(x.e, $2::timestamptz) as e
  from (select repo, started_at as s, coalesce(ended_at, $2::timestamptz) as e from episodes
        union all
        select repo, closed_at, coalesce(opened_at, $2::timestamptz) from closed) x
  join seen using (repo)
),
reached as (
  select repo, s, e,
         max(e) over (partition by repo order by s, e
                      rows between unbounded preceding and 1 preceding) as reach
  from spans where e > s
),
covered as (
  select repo, ${ms("sum(e - greatest(s, reach))")} as covered_ms
  from reached where reach is null or e > reach
  group by repo
),
restores as (
  select repo, flaky, ${ms("ended_at - started_at")} / 60000 as minutes
  from episodes where started_at >= $1::timestamptz
),
episode_tally as (
  select repo, grouping(repo) as total, count(*) as episodes,
         count(*) filter (where flaky) as flaky,
         percentile_cont(0.5) within group (order by minutes) as restore_median,
         percentile_disc(0.9) within group (order by minutes) as restore_p90
  from restores group by grouping sets ((repo), ())
),
merge_tally as (
  select repo, grouping(repo) as total, count(*) as merges,
         percentile_cont(0.5) within group (order by m.branch_age_hours) as age_median
  from merges m join seen using (repo)
  where m.merged_at >= $1::timestamptz and m.merged_at < $2::timestamptz
  group by grouping sets ((repo), ())
),
red_now as (
  select o.repo, o.started_at, o.breaking_sha, e.author, e.failing_checks
  from (select distinct on (repo) repo, started_at, breaking_sha
        from episodes where ended_at is null or ended_at > $2::timestamptz
        order by repo, started_at desc, breaking_sha desc) o
  join red_episodes e on e.repo = o.repo and e.breaking_sha = o.breaking_sha
),
closed_now as (
  select distinct on (repo) repo, closed_at
  from closed where opened_at is null or opened_at > $2::timestamptz
  order by repo, closed_at desc
),
snapshot as (
  select distinct on (repo) d.repo, d.tests, d.stale_branches
  from daily_snapshots d
  where d.repo in (select repo from seen) and d.taken_at <= $2::timestamptz and d.taken_at > $2::timestamptz - interval '7 days'
  order by repo, d.day desc
)
select s.repo, ${ms("s.start")} as start_ms, coalesce(c.covered_ms, 0) as covered_ms,
       coalesce(t.episodes, 0) as episodes, coalesce(t.flaky, 0) as flaky,
       t.restore_median, t.restore_p90, coalesce(m.merges, 0) as merges, m.age_median,
       ${iso("r.started_at", "red_since")}, r.breaking_sha, r.author, r.failing_checks,
       ${iso("k.closed_at", "closed_since")}, n.tests, n.stale_branches, s.confirming
from seen s
  left join covered c on c.repo = s.repo
  left join episode_tally t on t.repo = s.repo and t.total = 0
  left join merge_tally m on m.repo = s.repo and m.total = 0
  left join red_now r on r.repo = s.repo
  left join closed_now k on k.repo = s.repo
  left join snapshot n on n.repo = s.repo
union all
select null, null, null, null, null, t.restore_median, t.restore_p90, null, m.age_median,
       null, null, null, null, null, null, null, null
from (select 1) one
  left join episode_tally t on t.total = 1
  left join merge_tally m on m.total = 1`;

const num = (value: unknown): number | null => (value == null ? null : Number(value));

/**
 * `GET /andon/api/summary` computed by the database: the same {@link Summary} as
 * `summarize(readHistory(…))`, to the last digit (a test holds them equal on both
 * backends), in two round trips whatever the size of the history.
 */
export async function readSummary(
  query: Query,
  days: number,
  period: Period,
  canRead: (repo: string) => boolean,
): Promise<Summary> {
  const from = period.from.toISOString();
  const to = period.to.toISOString();
  const known = await query<{ repo: string }>(
    "select repo from repositories where first_seen < $1",
    [to],
  );
  const readable = known.map((r) => r.repo).filter(canRead);
  const only = readable.length === known.length ? null : readable;
  const rows = await query(SUMMARY, [from, to, only]);
  const toMs = period.to.getTime();
  const total = rows.find((r) => r.repo === null)!;
  const repos = rows.filter((r) => r.repo !== null).map((r) => entryOf(r, toMs, period));
  const all = sumCounts(repos.map((r) => r.parts));
  return {
    ...header(days, period),
    installation: figuresOf(
      {
        ...all,
        restoreMedian: num(total.restore_median),
        restoreP90: num(total.restore_p90),
        branchAgeMedian: num(total.age_median),
      },
      period,
    ),
    repos: repos.map((r) => r.entry).sort(byRepoName),
  };
}

function entryOf(r: Row, toMs: number, period: Period) {
  const repo = r.repo as string;
  const measuredMs = toMs - Number(r.start_ms);
  const parts: FigureParts = {
    measuredMs,
    greenMs: measuredMs - Number(r.covered_ms),
    earliest: Number(r.start_ms),
    episodes: Number(r.episodes),
    flaky: Number(r.flaky),
    merges: Number(r.merges),
    restoreMedian: num(r.restore_median),
    restoreP90: num(r.restore_p90),
    branchAgeMedian: num(r.age_median),
  };
  const redSince = r.red_since as string | null;
  const closedSince = r.closed_since as string | null;
  const state = stateOf(
    {
      repo,
      confirming: Boolean(r.confirming),
      episodes: redSince
        ? [
            {
              repo,
              breakingSha: r.breaking_sha as string,
              fixingSha: null,
              author: (r.author as string | null) ?? null,
              failingChecks: (r.failing_checks as string[]) ?? [],
              start: redSince,
              end: null,
              flaky: false,
              flippedChecks: [],
            },
          ]
        : [],
      closures: closedSince
        ? [{ repo, at: closedSince, by: null, reason: null, openedBy: null, openedAt: null }]
        : [],
      snapshot:
        r.stale_branches == null
          ? undefined
          : {
              repo,
              day: "",
              tests: (r.tests as TestsVerdict | null) ?? null,
              staleBranches: Number(r.stale_branches),
              oldestBranchAgeHours: null,
              oldestBranch: null,
              oldestBranchAuthor: null,
            },
    },
    period,
  );
  const entry: RepoEntry = { ...state, ...figuresOf(parts, period) };
  return { entry, parts };
}
