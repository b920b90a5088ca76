import { getBranchHead } from "../github/trees.js";
import type { StaleScan } from "../integration/nag-stale-branches.js";
import type { SuiteEvidence } from "../suite/judge-suite.js";
import type { SuiteJudge } from "../suite/suite-judge.js";
import type { RepoTask } from "../sweep/repo-task.js";
import { defineJob, type JobHandler } from "../work/job.js";
import { withStore, type StoreAccess } from "./lazy-store.js";
import type { SnapshotRecord } from "./record.js";
import type { TestsVerdict } from "./rows.js";

export const RECORD_SNAPSHOT = "record-snapshot";

const HOUR = 3_600_000;

/** The board's one-word test-suite verdict: no tests at all, tests CI never runs, or fine. */
export function testsVerdictOf(missing: SuiteEvidence["missing"]): TestsVerdict {
  if (missing.some((m) => m.kind === "tests")) return "no-tests";
  if (missing.some((m) => m.kind === "ci" || m.kind === "ci-runs-no-tests")) return "no-ci";
  return "ok";
}

/**
 * The day's stale branches: those the scan found stale and still active (the ones Andon
 * nags about), and the oldest of them — its name, age and head commit's author, the
 * person its nag mentions.
 */
export function staleFiguresOf(scan: StaleScan) {
  const oldest = scan.stale.reduce<StaleScan["stale"][number] | undefined>(
    (max, b) => (max === undefined || b.age.ageMs > max.age.ageMs ? b : max),
    undefined,
  );
  return {
    staleBranches: scan.stale.length,
    oldestBranchAgeHours: oldest ? Number((oldest.age.ageMs / HOUR).toFixed(2)) : null,
    oldestBranch: oldest?.branch ?? null,
    oldestBranchAuthor: oldest ? (oldest.head.authorLogin ?? oldest.head.authorName) : null,
  };
}

/**
 * The sweep's daily snapshot of a repository: the mainline's test-suite verdict (judged
 * by the app's shared, tree-cached judge, so the audit that follows pays nothing for it)
 * and the stale branches of this run's scan. Recorded by a job of its own, so a database
 * outage delays the snapshot and never the sweep.
 */
export function recordSnapshotTask(judgeSuite: SuiteJudge): RepoTask {
  return async function recordSnapshot(context) {
    const { octokit, config, now, staleScan, installationId } = context;
    const repo = { owner: context.repo.owner, repo: context.repo.repo };
    let tests: TestsVerdict | null = null;
    if (config.tests.enabled) {
      const head = await getBranchHead(octokit, repo, context.repo.defaultBranch);
      const { evidence } = await judgeSuite(octokit, repo, head, config.tests);
      tests = testsVerdictOf(evidence.missing);
    }
    const snapshot: SnapshotRecord = {
      repo: `${repo.owner}/${repo.repo}`,
      installationId,
      takenAt: now.toISOString(),
      tests,
      ...staleFiguresOf(staleScan),
    };
    await context.enqueue(recordSnapshotJob.of(snapshot, snapshot.installationId));
  };
}

export const recordSnapshotJob = defineJob({
  kind: RECORD_SNAPSHOT,
  key: (snapshot: SnapshotRecord) => `record:snapshot:${snapshot.repo}:${snapshot.takenAt}`,
  handler: recordSnapshotHandler,
});

export function recordSnapshotHandler({
  store,
}: {
  store: StoreAccess;
}): JobHandler<SnapshotRecord> {
  return ({ data }) => withStore(store, (s) => s.recordSnapshot(data));
}
