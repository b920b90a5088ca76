import { FakeGitHub, type RecordedRequest } from "../test/kit/fake-github.js";
import { startAndon, stopAndon } from "../test/kit/harness.js";
import {
  ciCompletedEvent,
  mergeGroupEvent,
  pullRequestEvent,
  pushEvent,
} from "../test/kit/payloads.js";
import type { FakeRepo } from "../test/kit/state.js";
import { ratio, type BenchTable } from "./table.js";

const SIZES = [1, 10, 100, 1000];
const HOUR = 3_600_000;
/** Andon reads this many commits past the deciding one for its previous record. */
const RECORD_LOOKBACK = 3;

/**
 * What a flip cannot do without: the history page (1), the check runs and statuses of
 * the deciding commit (2) — they carry Andon's previous record, written when the commit
 * was pushed — and on a red flip those of the commit before it, which tell whether this
 * commit broke main (2), and the episode's changes, to tell true reverts (the breaking
 * commit and the compare since the last green commit: 2); the open PRs with each head's
 * current gate, 100 a page; the breaking commit's comments, for the marker that keeps the
 * comment single (1). Writes: one per PR head whose verdict changes, the comment (broken,
 * or the "restored" reply), the record on the head. When Andon saw no push and main has
 * no record, the record lookback adds the check runs of RECORD_LOOKBACK - 1 more commits
 * (the price of telling a flip from a repeat without a database), and the config is read
 * for the first time (later events find it in the app's config store).
 */
function lowerBound(prs: number, flip: Flip["name"]) {
  const pages = Math.ceil(prs / 100);
  const red = flip !== "green";
  // The first event after install also loads the config: the repo's file and the org's.
  const lookback = flip === "first red (no record)" ? RECORD_LOOKBACK - 1 + 2 : 0;
  return { reads: 1 + 2 + (red ? 2 + 2 : 0) + pages + 1 + lookback, writes: prs + 1 + 1 };
}

interface Flip {
  name: "first red (no record)" | "green" | "later red";
  reads: number;
  writes: number;
  repeated: string[];
}

const isWrite = (r: RecordedRequest) => r.method !== "GET" && r.route !== "POST /graphql";

function flipOf(name: Flip["name"], requests: RecordedRequest[]): Flip {
  const own = requests.filter((r) => !r.route.includes("access_tokens"));
  const writes = own.filter(isWrite).length;
  const seen = new Map<string, number>();
  for (const r of own.filter((r) => !isWrite(r))) seen.set(r.path, (seen.get(r.path) ?? 0) + 1);
  const repeated = [...seen].filter(([p, n]) => n > 1 && !p.startsWith("/graphql")).map(([p]) => p);
  return { name, reads: own.length - writes, writes, repeated };
}

/** acme/shop: four green commits on main (Andon saw none of them) and `prs` open PRs. */
function shop(fake: FakeGitHub, prs: number): FakeRepo {
  const repo = fake.repo("acme/shop");
  for (let i = 0; i < 3; i++) fake.push(repo, "main", { files: { [`lib/${i}.ts`]: "ok" } });
  fake.ciRun(repo, fake.head(repo), "test", "success");
  for (let i = 0; i < prs; i++) {
    fake.push(repo, `feature-${i}`, { files: { [`src/f${i}.ts`]: "export {};" } });
    fake.pull(repo, { headRef: `feature-${i}`, approved: i % 3 === 0, autoMerge: i % 7 === 0 });
  }
  return repo;
}

/** Main breaks (no record yet), is fixed, breaks again: the requests of each flip. */
async function measure(prs: number): Promise<Flip[]> {
  const fake = new FakeGitHub();
  const repo = shop(fake, prs);
  const h = await startAndon({ env: { ANDON_SWEEP_INTERVAL: "0" } }, fake);
  const flips: Flip[] = [];
  const flip = async (name: Flip["name"], conclusion: string) => {
    fake.advance(HOUR);
    const before = fake.head(repo);
    const commit = fake.push(repo, "main", { message: name, files: { "src/app.ts": name } });
    // The first flip comes with no record at all: Andon was just installed, or missed the push.
    if (name !== "first red (no record)") await h.send(pushEvent(repo, "main", before, commit.sha));
    fake.resetRequests();
    await h.send(ciCompletedEvent(repo, fake.ciRun(repo, commit.sha, "test", conclusion)));
    flips.push(flipOf(name, fake.requests));
    const expected = conclusion === "failure" ? "failure" : "success";
    const reached = [...repo.pulls.values()].filter(
      (p) => fake.andonRun(repo, p.headSha, "andon/mainline")?.conclusion === expected,
    ).length;
    if (reached !== prs) throw new Error(`${name} flip reached ${reached} of ${prs} PRs`);
  };
  await flip("first red (no record)", "failure");
  await flip("green", "success");
  await flip("later red", "failure");
  stopAndon();
  return flips;
}

/** API requests per mainline flip with 1 to 1000 open PRs, beside the lower bound. */
export async function mainlineBench(): Promise<BenchTable> {
  const rows: BenchTable["rows"] = [];
  for (const prs of SIZES) {
    for (const flip of await measure(prs)) {
      const bound = lowerBound(prs, flip.name);
      const measured = flip.reads + flip.writes;
      const lower = bound.reads + bound.writes;
      rows.push([
        prs,
        flip.name,
        `${flip.reads} / ${bound.reads}`,
        `${flip.writes} / ${bound.writes}`,
        measured,
        lower,
        ratio(measured, lower),
        flip.repeated.length ? flip.repeated.join(" ") : "none",
      ]);
    }
  }
  return {
    title: "andon/mainline: requests per flip (one repo, N open PRs)",
    bound:
      "history page (1) + check runs and statuses of the deciding commit (2) + ceil(N/100) PR pages (each head's current gate included) + the comment marker read (1); on red + the commit before (2) + the episode's changes (2); with no record + the record lookback (2) + the config, not loaded yet (2: the repo's file, the org's); one write per PR head + the comment + the record",
    columns: [
      "open PRs",
      "flip",
      "reads / bound",
      "writes / bound",
      "requests",
      "bound",
      "ratio",
      "repeated reads",
    ],
    rows,
  };
}

/** One simulated second of GitHub's write pacing, in real milliseconds. */
const SECOND_MS = 300;
/** A read takes about 100 ms on GitHub. */
const READ_MS = SECOND_MS / 10;
const LATENCY_PRS = 100;
const seconds = (ms: number) => `${(ms / SECOND_MS).toFixed(2)} s`;

/**
 * During a 100-PR flip with GitHub's write pacing simulated (writes and GraphQL one at a
 * time, 1 s apart; reads 100 ms): the time from the red check to the first approved PR's
 * blocked gate, and from a merge group's `checks_requested` (sent while the flip writes) to
 * its verdict.
 */
export async function mainlineLatencyBench(): Promise<BenchTable> {
  const fake = new FakeGitHub();
  // 99 PRs and the fix: a 100-PR flip.
  const repo = shop(fake, LATENCY_PRS - 1);
  const fix = fake.push(repo, "fix", { files: { "src/app.ts": "fixed" } });
  const fixPull = fake.pull(repo, { headRef: "fix", labels: ["fix-build"] });
  const h = await startAndon({ env: { ANDON_SWEEP_INTERVAL: "0" } }, fake);
  fake.advance(HOUR);
  const before = fake.head(repo);
  const broken = fake.push(repo, "main", { files: { "src/app.ts": "broken" } });
  await h.send(pushEvent(repo, "main", before, broken.sha));
  await h.send(pullRequestEvent(repo, fixPull, "opened"));
  fake.pacing = { readMs: READ_MS, writeSpacingMs: SECOND_MS };
  fake.resetRequests();

  // The most urgent PRs: they merge the moment their gate passes.
  const urgent = [...repo.pulls.values()].filter((p) => p.approved || p.autoMerge);
  const red = performance.now();
  const flip = h.probot.receive(
    ciCompletedEvent(repo, fake.ciRun(repo, broken.sha, "test", "failure")) as never,
  );
  // Mid-flip: once ten gates are written, the fix enters the merge queue.
  while (fake.count((r) => r.route === "POST /repos/{owner}/{repo}/check-runs") < 10) {
    await new Promise((r) => setTimeout(r, SECOND_MS / 4));
  }
  const group = fake.commit(repo, {
    parents: [fake.head(repo), fix.sha],
    files: fix.files,
    message: `Merge pull request #${fixPull.number}`,
  });
  repo.branches.set(`gh-readonly-queue/main/pr-${fixPull.number}-${broken.sha}`, group.sha);
  const queued = performance.now();
  await h.probot.receive(mergeGroupEvent(repo, group.sha, fixPull.number) as never);
  await flip;
  await h.idle();
  fake.pacing = undefined;

  const gateWrittenOn = (sha: string) =>
    fake.requests.find(
      (r) =>
        r.route === "POST /repos/{owner}/{repo}/check-runs" &&
        r.body?.head_sha === sha &&
        r.body?.name === "andon/mainline",
    )!.at;
  const blocks = urgent.map((p) => gateWrittenOn(p.headSha));
  const firstBlock = Math.min(...blocks);
  const lastBlock = Math.max(...blocks);
  const verdict = gateWrittenOn(group.sha);
  const done = Math.max(...fake.requests.map((r) => r.at));
  stopAndon();
  return {
    title: `andon/mainline: time to answer during a ${LATENCY_PRS}-PR flip (GitHub's write pacing simulated)`,
    bound: "2 s for each (the issue's goal); writes and GraphQL 1 s apart, reads 100 ms",
    columns: ["from", "to", "time", "bound"],
    rows: [
      ["red check", "first approved / auto-merge PR blocked", seconds(firstBlock - red), "2.00 s"],
      [
        "red check",
        `all ${urgent.length} approved / auto-merge PRs blocked`,
        seconds(lastBlock - red),
        // One write a second, after the first.
        `${(urgent.length + 1).toFixed(2)} s`,
      ],
      ["merge group requested mid-flip", "its verdict", seconds(verdict - queued), "2.00 s"],
      ["red check", "every gate written", seconds(done - red), "-"],
    ],
  };
}

const LIMIT_PRS = 100;

/**
 * Writes per PR gate when GitHub answers a flip's writes with a secondary rate limit
 * (403, `retry-after: 60`) for 30 minutes: the flip waits the limit out and resumes, so
 * each gate is written once (the goal), and no write is dropped.
 */
export async function mainlineLimitBench(): Promise<BenchTable> {
  const fake = new FakeGitHub();
  const repo = shop(fake, LIMIT_PRS);
  const h = await startAndon({ env: { ANDON_SWEEP_INTERVAL: "0" } }, fake);
  fake.advance(HOUR);
  const before = fake.head(repo);
  const broken = fake.push(repo, "main", { files: { "src/app.ts": "broken" } });
  await h.send(pushEvent(repo, "main", before, broken.sha));
  fake.resetRequests();
  fake.fail({ method: "POST", path: "/check-runs", status: 403, retryAfter: 60, times: 30 });

  await h.send(ciCompletedEvent(repo, fake.ciRun(repo, broken.sha, "test", "failure")));

  const heads = new Set([...repo.pulls.values()].map((p) => p.headSha));
  const gateWrites = fake.requests.filter(
    (r) =>
      r.route === "POST /repos/{owner}/{repo}/check-runs" &&
      r.status === 201 &&
      heads.has(String(r.body?.head_sha)),
  ).length;
  const limited = fake.requests.filter((r) => r.status === 403).length;
  const failing = [...heads].filter(
    (sha) => fake.andonRun(repo, sha, "andon/mainline")?.conclusion === "failure",
  ).length;
  const waited = h.sleeps.reduce((sum, ms) => sum + ms, 0);
  stopAndon();
  return {
    title: `andon/mainline: a ${LIMIT_PRS}-PR flip under a secondary rate limit lasting 30 minutes`,
    bound: "1 write per PR gate (goal), every gate written",
    columns: [
      "open PRs",
      "403s answered",
      "waited",
      "gate writes",
      "writes per PR",
      "gates failing",
      "bound",
    ],
    rows: [
      [
        LIMIT_PRS,
        limited,
        `${Math.round(waited / 60_000)} min`,
        gateWrites,
        (gateWrites / LIMIT_PRS).toFixed(2),
        `${failing} / ${LIMIT_PRS}`,
        "1.00",
      ],
    ],
  };
}
