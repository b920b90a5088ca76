import type { Query } from "./db.js";
import type { TestsVerdict } from "./rows.js";

/**
 * Every write of the history. Each is an upsert on a natural key, so recording the same
 * event twice (a redelivery, a second replica, a retried job) leaves the same row, and
 * events arriving out of order (the green end of an episode before its red start)
 * complete the row instead of duplicating it: the first value recorded for a field wins.
 */
export interface Recorder {
  seeRepository(repo: string, installationId: number, at: string): Promise<void>;
  recordRed(red: RedRecord): Promise<void>;
  recordGreen(green: GreenRecord): Promise<void>;
  recordClosed(closure: ClosureRecord): Promise<void>;
  /** Ends the newest closure before `at`; false when there is none open to end. */
  recordOpened(opening: { repo: string; at: string; by: string | null }): Promise<boolean>;
  recordMerge(merge: MergeRecord): Promise<void>;
  recordSnapshot(snapshot: SnapshotRecord): Promise<void>;
  /** A confirmation by re-run began (`confirming`) or ended at `at`; the newest change wins. */
  recordConfirming(change: ConfirmingRecord): Promise<void>;
  /** The repository was added to an installation at `at`; the latest addition wins. */
  recordAdded(added: { repo: string; installationId: number; at: string }): Promise<void>;
}

export interface ConfirmingRecord {
  repo: string;
  installationId: number;
  confirming: boolean;
  at: string;
}

export interface RedRecord {
  repo: string;
  installationId: number;
  breakingSha: string;
  author: string | null;
  failingChecks: string[];
  at: string;
  url: string | null;
}

export interface GreenRecord {
  repo: string;
  installationId: number;
  breakingSha: string;
  fixingSha: string | null;
  fixingAuthor: string | null;
  flaky: boolean;
  flippedChecks: string[];
  at: string;
}

export interface ClosureRecord {
  repo: string;
  installationId: number;
  at: string;
  by: string | null;
  reason: string | null;
}

export interface MergeRecord {
  repo: string;
  installationId: number;
  number: number;
  mergeSha: string | null;
  mergedAt: string;
  author: string | null;
  branchAgeHours: number | null;
  letThrough: string | null;
}

export interface SnapshotRecord {
  repo: string;
  installationId: number;
  /** When the sweep took it; its UTC day is the key, and the newest of a day wins. */
  takenAt: string;
  tests: TestsVerdict | null;
  staleBranches: number;
  oldestBranchAgeHours: number | null;
  /** The oldest stale branch, and its head commit's author (login, or git name). */
  oldestBranch?: string | null;
  oldestBranchAuthor?: string | null;
}

/**
 * Whether a merge went in while the mainline was red or closed, recomputed for a
 * repository's merges from `since` on: an episode or closure recorded after the merge
 * (its own job ran later) still marks the merges it covers.
 */
const REFRESH_MERGED_WHILE_RED = `
  update merges m set merged_while_red =
    exists (select 1 from red_episodes e
            where e.repo = m.repo and e.started_at <= m.merged_at
              and (e.ended_at is null or e.ended_at > m.merged_at))
    or exists (select 1 from closures c
            where c.repo = m.repo and c.closed_at <= m.merged_at
              and (c.opened_at is null or c.opened_at > m.merged_at))
  where m.repo = $1 and m.merged_at >= $2`;

export function createRecorder(query: Query): Recorder {
  const see = (repo: string, installationId: number, at: string) =>
    query(
      `insert into repositories (repo, installation_id, first_seen) values ($1, $2, $3)
       on conflict (repo) do update set
         first_seen = least(repositories.first_seen, excluded.first_seen),
         installation_id = excluded.installation_id`,
      [repo, installationId, at],
    );
  const refresh = (repo: string, since: string) => query(REFRESH_MERGED_WHILE_RED, [repo, since]);

  return {
    seeRepository: async (repo, installationId, at) => void (await see(repo, installationId, at)),

    async recordRed(r) {
      await see(r.repo, r.installationId, r.at);
      await query(
        `insert into red_episodes
           (repo, breaking_sha, installation_id, started_at, author, failing_checks, url)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (repo, breaking_sha) do update set
           started_at = coalesce(red_episodes.started_at, excluded.started_at),
           author = coalesce(red_episodes.author, excluded.author),
           failing_checks = case when red_episodes.started_at is null
             then excluded.failing_checks else red_episodes.failing_checks end,
           url = coalesce(red_episodes.url, excluded.url)`,
        [r.repo, r.breakingSha, r.installationId, r.at, r.author, r.failingChecks, r.url],
      );
      await refresh(r.repo, r.at);
    },

    async recordGreen(g) {
      await see(g.repo, g.installationId, g.at);
      await query(
        `insert into red_episodes (repo, breaking_sha, installation_id, ended_at, fixing_sha,
           fixing_author, flaky, flipped_checks)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (repo, breaking_sha) do update set
           ended_at = coalesce(red_episodes.ended_at, excluded.ended_at),
           fixing_sha = coalesce(red_episodes.fixing_sha, excluded.fixing_sha),
           fixing_author = coalesce(red_episodes.fixing_author, excluded.fixing_author),
           flaky = case when red_episodes.ended_at is null
             then excluded.flaky else red_episodes.flaky end,
           flipped_checks = case when red_episodes.ended_at is null
             then excluded.flipped_checks else red_episodes.flipped_checks end`,
        [
          g.repo,
          g.breakingSha,
          g.installationId,
          g.at,
          g.fixingSha,
          g.fixingAuthor,
          g.flaky,
          g.flippedChecks,
        ],
      );
      await refresh(g.repo, g.at);
    },

    async recordClosed(c) {
      await see(c.repo, c.installationId, c.at);
      await query(
        `insert into closures (repo, closed_at, closed_by, reason) values ($1, $2, $3, $4)
         on conflict (repo, closed_at) do nothing`,
        [c.repo, c.at, c.by, c.reason],
      );
      await refresh(c.repo, c.at);
    },

    async recordOpened(o) {
      const ended = await query(
        `update closures set opened_at = $2, opened_by = $3
         where repo = $1 and opened_at is null and closed_at = (
           select max(closed_at) from closures where repo = $1 and closed_at <= $2)
         returning closed_at`,
        [o.repo, o.at, o.by],
      );
      const [row] = ended;
      if (row) await refresh(o.repo, new Date(row.closed_at as Date).toISOString());
      if (ended.length > 0) return true;
      // A redelivery finds the closure already ended by this very opening: recorded.
      const same = await query(`select 1 from closures where repo = $1 and opened_at = $2`, [
        o.repo,
        o.at,
      ]);
      return same.length > 0;
    },

    async recordMerge(m) {
      await see(m.repo, m.installationId, m.mergedAt);
      await query(
        `insert into merges
           (repo, pr_number, merge_sha, merged_at, author, branch_age_hours, let_through)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (repo, pr_number) do nothing`,
        [m.repo, m.number, m.mergeSha, m.mergedAt, m.author, m.branchAgeHours, m.letThrough],
      );
      await refresh(m.repo, m.mergedAt);
    },

    async recordConfirming(c) {
      await see(c.repo, c.installationId, c.at);
      await query(
        `update repositories set
           confirming_since = case when $2 then $3::timestamptz else null end,
           confirming_changed_at = $3
         where repo = $1 and (confirming_changed_at is null or confirming_changed_at <= $3)`,
        [c.repo, c.confirming, c.at],
      );
    },

    async recordAdded(a) {
      await see(a.repo, a.installationId, a.at);
      await query(
        `update repositories set added_at = $2
         where repo = $1 and (added_at is null or added_at < $2)`,
        [a.repo, a.at],
      );
    },

    async recordSnapshot(s) {
      await see(s.repo, s.installationId, s.takenAt);
      await query(
        `insert into daily_snapshots
           (repo, day, tests, stale_branches, oldest_branch_age_hours, taken_at,
            oldest_branch, oldest_branch_author)
         values ($1, ($2::timestamptz at time zone 'UTC')::date, $3, $4, $5, $2, $6, $7)
         on conflict (repo, day) do update set
           tests = excluded.tests,
           stale_branches = excluded.stale_branches,
           oldest_branch_age_hours = excluded.oldest_branch_age_hours,
           taken_at = excluded.taken_at,
           oldest_branch = excluded.oldest_branch,
           oldest_branch_author = excluded.oldest_branch_author
         where excluded.taken_at >= daily_snapshots.taken_at`,
        [
          s.repo,
          s.takenAt,
          s.tests,
          s.staleBranches,
          s.oldestBranchAgeHours,
          s.oldestBranch ?? null,
          s.oldestBranchAuthor ?? null,
        ],
      );
    },
  };
}
