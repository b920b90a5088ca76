import { loadavg } from "node:os";
import type { Db } from "../src/store/db.js";
import { createStore } from "../src/store/store.js";
import { forEachBackend } from "./backends.js";
import type { BenchTable } from "./table.js";

const REPOS = 500;
const DAYS = 90;
/** Red episodes in the period over all repositories: from a quiet org to a very red one. */
const EPISODES = [250, 1_000, 4_000, 16_000];
/** Merges into the mainline per repository per day, and a snapshot a day. */
const MERGES_PER_DAY = 1;
const BOUND_MS = 200;
const RUNS = 7;
const TO = new Date("2026-11-25T12:00:00Z");

/** The history of `REPOS` repositories over `DAYS` days, written by the database itself. */
async function seed(db: Db, episodes: number): Promise<void> {
  for (const table of ["red_episodes", "merges", "daily_snapshots", "repositories", "closures"]) {
    await db.query(`delete from ${table}`);
  }
  const to = TO.toISOString();
  await db.query(
    `insert into repositories (repo, installation_id, first_seen)
     select 'acme/repo-' || r, 1, $1::timestamptz - interval '120 days'
     from generate_series(1, $2::int) r`,
    [to, REPOS],
  );
  // Episodes spread evenly over the repositories and the period, restored in 5 minutes to
  // 10 hours; a tenth flaky, and every 97th still open.
  await db.query(
    `insert into red_episodes (repo, breaking_sha, installation_id, started_at, ended_at,
                               author, failing_checks, flaky, flipped_checks)
     select 'acme/repo-' || r, md5(i::text), 1, started,
            case when i % 97 = 0 then null else started + make_interval(mins => 5 + i * 13 % 600) end,
            'dev' || (r % 40), array['test', 'lint'], i % 10 = 0, '{}'
     from generate_series(0, $3::int - 1) i,
          lateral (select 1 + i % $2::int as r) repo,
          lateral (select $1::timestamptz - make_interval(
                     secs => ((i / $2::int) + 0.5) * $4::float8 * 86400 / ceil($3::float8 / $2::int)
                             + r * 60)) as s(started)`,
    [to, REPOS, episodes, DAYS],
  );
  // A closure in every tenth repository, the last one still closed.
  await db.query(
    `insert into closures (repo, closed_at, closed_by, reason, opened_by, opened_at)
     select 'acme/repo-' || r, $1::timestamptz - make_interval(days => r % 80, hours => 3),
            'lead', 'freeze', 'lead',
            case when r = $2::int then null
                 else $1::timestamptz - make_interval(days => r % 80, hours => 1) end
     from generate_series(10, $2::int, 10) r`,
    [to, REPOS],
  );
  await db.query(
    `insert into merges (repo, pr_number, merge_sha, merged_at, author, branch_age_hours)
     select 'acme/repo-' || r, m, md5('m' || r || '-' || m),
            $1::timestamptz - make_interval(secs => m * 86400.0 / $4::int),
            'dev' || (m % 40), (r * 3 + m * 11) % 200 / 2.0
     from generate_series(1, $2::int) r, generate_series(1, $3::int * $4::int) m`,
    [to, REPOS, DAYS, MERGES_PER_DAY],
  );
  await db.query(
    `insert into daily_snapshots (repo, day, tests, stale_branches, oldest_branch_age_hours,
                                  taken_at)
     select 'acme/repo-' || r, ($1::timestamptz - make_interval(days => d))::date,
            (array['ok', 'no-tests', 'no-ci'])[1 + r % 3], r % 7, (r % 50) * 24.0,
            $1::timestamptz - make_interval(days => d)
     from generate_series(1, $2::int) r, generate_series(0, $3::int - 1) d`,
    [to, REPOS, DAYS],
  );
  await db.query("analyze");
}

async function timeSummary(db: Db, episodes: number): Promise<number> {
  const store = createStore(db);
  const period = { from: new Date(TO.getTime() - DAYS * 86_400_000), to: TO };
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const started = performance.now();
    const summary = await store.summary(DAYS, period, () => true);
    if (summary.repos.length !== REPOS || summary.installation.episodes !== episodes)
      throw new Error("the summary does not count what was seeded");
    if (i > 0) times.push(performance.now() - started); // the first run warms the caches
  }
  return times.sort((a, b) => a - b)[times.length >> 1]!;
}

/**
 * `GET /andon/api/summary?days=90` without HTTP: the read and the figures for 500
 * repositories, at growing numbers of red episodes, on PGlite and on PostgreSQL.
 */
export async function storeBench(): Promise<BenchTable> {
  const rows: BenchTable["rows"] = [];
  await forEachBackend(async (name, db) => {
    let first: { episodes: number; ms: number } | undefined;
    for (const episodes of EPISODES) {
      await seed(db, episodes);
      const ms = await timeSummary(db, episodes);
      first ??= { episodes, ms };
      rows.push([
        name,
        episodes,
        REPOS * DAYS * MERGES_PER_DAY,
        ms.toFixed(0),
        `${BOUND_MS}`,
        ms <= BOUND_MS ? "yes" : "NO",
        (episodes / first.episodes).toFixed(1) + "×",
        (ms / first.ms).toFixed(2) + "×",
        ms / first.ms <= episodes / first.episodes ? "yes" : "NO",
      ]);
    }
  });
  const load = loadavg().map((l) => l.toFixed(1));
  return {
    title:
      `History summary (GET /andon/api/summary?days=${DAYS}, without HTTP): ${REPOS} ` +
      `repositories × ${DAYS} days, median of ${RUNS} runs; load average ${load.join(" ")} ` +
      "on 2 shared cores",
    bound: `${BOUND_MS} ms per summary; time grows no faster than the episodes (time × ≤ episodes ×)`,
    columns: [
      "backend",
      "episodes",
      "merges",
      "ms",
      "bound ms",
      "within",
      "episodes ×",
      "time ×",
      "time × ≤ episodes ×",
    ],
    rows,
  };
}
