import { FakeGitHub, type RecordedRequest } from "../test/kit/fake-github.js";
import { startAndon, stopAndon } from "../test/kit/harness.js";
import type { SweepSummary } from "../src/sweep/summary.js";
import { ratio, type BenchTable } from "./table.js";

const H = 3_600_000;
const REPOS = 50;
/** Per repository, besides `main`: 39 branches, 40 in all. */
const MIX = { fresh: 12, stale: 12, ignored: 8, merged: 7 };
const TOKEN = "bench";

/** An organisation of 50 repositories × 40 branches: fresh, stale, ignored and merged ones. */
function organisation(): FakeGitHub {
  const fake = new FakeGitHub();
  const ago = (hours: number) => new Date(fake.now.getTime() - hours * H).toISOString();
  for (let r = 0; r < REPOS; r++) {
    const repo = fake.repo(`acme/service-${String(r).padStart(2, "0")}`);
    for (let b = 0; b < MIX.fresh; b++) fake.push(repo, `feature/fresh-${b}`, { date: ago(2 + b) });
    for (let b = 0; b < MIX.stale; b++) {
      fake.push(repo, `feature/stale-${b}`, { date: ago(30 + 24 * b + r) });
      fake.push(repo, `feature/stale-${b}`, { date: ago(3) });
    }
    for (let b = 0; b < MIX.ignored; b++) fake.push(repo, `release/${b}.0`, { date: ago(500) });
    for (let b = 0; b < MIX.merged; b++) {
      const merged = fake.push(repo, `feature/merged-${b}`, { date: ago(50) });
      repo.branches.set(repo.defaultBranch, merged.sha);
    }
  }
  return fake;
}

/** One sweep of the organisation's installation, with `budget` comments to post. */
async function measure(budget: number, repoTasks?: []) {
  const fake = organisation();
  const env = {
    ANDON_SWEEP_TOKEN: TOKEN,
    ANDON_SWEEP_INTERVAL: "0",
    ANDON_MAX_COMMENTS_PER_RUN: String(budget),
  };
  const harness = await startAndon({ env, ...(repoTasks ? { repoTasks } : {}) }, fake);
  fake.resetRequests();
  const answer = await harness.http("POST", "/andon/sweep", { authorization: `Bearer ${TOKEN}` });
  if (answer.status !== 202) throw new Error(`sweep not started: ${answer.status}`);
  await harness.idle();
  stopAndon();
  const summary = harness.sweeps[0] as SweepSummary;
  const requests = fake.requests.filter((r) => !r.route.includes("access_tokens"));
  return { summary, requests };
}

const count = (requests: RecordedRequest[], test: (r: RecordedRequest) => boolean) =>
  requests.filter(test).length;

/**
 * A sweep over 50 repositories × 40 branches, its requests by kind beside the lower
 * bound: one branch-list page per 100 branches, one compare per branch that is not the
 * mainline, one comment per nag.
 */
export async function sweepBench(): Promise<BenchTable> {
  const rows: BenchTable["rows"] = [];
  for (const budget of [50, 1000]) {
    // The walk alone (the bound), then what the repo tasks add on top.
    const { summary, requests } = await measure(budget, []);
    const full = await measure(budget);
    const branchPages = count(requests, (r) => r.route.endsWith("/branches"));
    const compares = count(requests, (r) => r.route.includes("/compare/"));
    const writes = count(requests, (r) => r.method !== "GET");
    const reads = requests.length - writes;
    const bound = {
      branchPages: REPOS * Math.ceil(summary.branches / REPOS / 100),
      compares: summary.branches - REPOS,
      comments: summary.nagged,
    };
    const lower = bound.branchPages + bound.compares + bound.comments;
    rows.push([
      budget,
      summary.repos,
      summary.branches,
      summary.nagged + summary.deferred,
      summary.nagged,
      `${branchPages} / ${bound.branchPages}`,
      `${compares} / ${bound.compares}`,
      reads - branchPages - compares,
      writes,
      requests.length,
      lower,
      ratio(requests.length, lower),
      full.requests.length - requests.length,
    ]);
  }
  return {
    title: `Sweep of one installation: ${REPOS} repos × 40 branches (per repo: main, ${MIX.fresh} fresh, ${MIX.stale} stale, ${MIX.ignored} ignored, ${MIX.merged} merged)`,
    bound:
      "one branch-list page per 100 branches + one compare per non-mainline branch + one comment per nag. " +
      "Ignored branches need no compare, so compares can beat their bound; other reads are the " +
      "installation's repo list, each repo's andon.yml (repo + org) and open PRs, and the comments " +
      "of each stale head the budget reaches (prior nags and the marker, in one read). " +
      "'+ repo tasks': what the daily mainline reconcile and test-suite audit of every repo add.",
    columns: [
      "budget",
      "repos",
      "branches",
      "stale",
      "nagged",
      "branch pages / bound",
      "compares / bound",
      "other reads",
      "writes",
      "requests",
      "lower bound",
      "ratio",
      "+ repo tasks",
    ],
    rows,
  };
}
