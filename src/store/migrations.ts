import type { Db } from "./db.js";

/**
 * The schema, as numbered steps that only ever grow: a step, once released, is never
 * edited (a database that ran it would not run it again); a change is a new step. One
 * statement per entry, because PGlite's parameterised `query` takes one at a time.
 *
 * Natural keys make every record idempotent: an episode is its repository and breaking
 * commit, a closure its repository and closing time, a merge its repository and PR, a
 * snapshot its repository and UTC day. Redeliveries, replicas and restarts upsert the
 * same row.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; statements: readonly string[] }> = [
  {
    version: 1,
    statements: [
      `create table repositories (
         repo text primary key,
         installation_id bigint not null,
         first_seen timestamptz not null
       )`,
      // started_at is null while only the green end is known (its job ran first).
      `create table red_episodes (
         repo text not null,
         breaking_sha text not null,
         installation_id bigint not null,
         started_at timestamptz,
         ended_at timestamptz,
         fixing_sha text,
         author text,
         fixing_author text,
         failing_checks text[] not null default '{}',
         flaky boolean not null default false,
         flipped_checks text[] not null default '{}',
         url text,
         primary key (repo, breaking_sha)
       )`,
      `create index red_episodes_started on red_episodes (started_at)`,
      `create index red_episodes_open on red_episodes (repo) where ended_at is null`,
      `create table closures (
         repo text not null,
         closed_at timestamptz not null,
         closed_by text,
         reason text,
         opened_by text,
         opened_at timestamptz,
         primary key (repo, closed_at)
       )`,
      `create table merges (
         repo text not null,
         pr_number integer not null,
         merge_sha text,
         merged_at timestamptz not null,
         author text,
         branch_age_hours double precision,
         merged_while_red boolean not null default false,
         let_through text,
         primary key (repo, pr_number)
       )`,
      `create index merges_merged_at on merges (merged_at)`,
      `create table daily_snapshots (
         repo text not null,
         day date not null,
         tests text check (tests in ('ok', 'no-tests', 'no-ci')),
         stale_branches integer not null,
         oldest_branch_age_hours double precision,
         taken_at timestamptz not null,
         primary key (repo, day)
       )`,
    ],
  },
  {
    version: 2,
    statements: [
      // What a period reads: rows that end after its start (or never), snapshots of its
      // last week. Without them every summary scans the whole history, however old.
      `create index red_episodes_end on red_episodes ((coalesce(ended_at, 'infinity'::timestamptz)))`,
      `create index closures_end on closures ((coalesce(opened_at, 'infinity'::timestamptz)))`,
      `create index daily_snapshots_taken on daily_snapshots (taken_at)`,
    ],
  },
  {
    version: 3,
    statements: [
      // A red being confirmed by a re-run (`mainline.confirmRed: rerun`): since when, and
      // the time of the last change, so a late start never reopens an ended confirmation.
      `alter table repositories add column confirming_since timestamptz`,
      `alter table repositories add column confirming_changed_at timestamptz`,
    ],
  },
  {
    // The board names the oldest stale branch and who must act on it (its head commit's
    // author): the counts alone left its author column empty.
    version: 4,
    statements: [
      `alter table daily_snapshots add column oldest_branch text`,
      `alter table daily_snapshots add column oldest_branch_author text`,
    ],
  },
  {
    // When a repository was last added to its installation (`installation_repositories`):
    // its stale branches are left alone for a day after, as a new installation's are.
    version: 5,
    statements: [`alter table repositories add column added_at timestamptz`],
  },
];

/** Any constant both sides agree on; it names "Andon's schema" among advisory locks. */
const MIGRATION_LOCK = 0x616e646f;

/**
 * Brings the schema up to date; safe to call from every replica at once. The advisory
 * lock is taken inside the transaction, so replicas starting together queue behind the
 * first, then each sees the steps it applied and has nothing left to do; a replica that
 * dies mid-way rolls back and frees the lock with its connection.
 */
export async function migrate(db: Db): Promise<number[]> {
  return db.transaction(async (query) => {
    await query("select pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await query(
      `create table if not exists schema_migrations (
         version integer primary key,
         applied_at timestamptz not null default now()
       )`,
    );
    const rows = await query<{ version: number }>("select version from schema_migrations");
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const step of MIGRATIONS) {
      if (done.has(step.version)) continue;
      for (const statement of step.statements) await query(statement);
      await query("insert into schema_migrations (version) values ($1)", [step.version]);
      applied.push(step.version);
    }
    return applied;
  });
}
