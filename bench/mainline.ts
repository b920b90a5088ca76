import { FakeGitHub, type RecordedRequest } from "../test/kit/fake-github.js";
import { startAndon, stopAndon } from "../test/kit/harness.js";
import { ciCompletedEvent, pushEvent } from "../test/kit/payloads.js";
import { ratio, type BenchTable } from "./table.js";

const SIZES = [1, 10, 100, 1000];
const HOUR = 3_600_000;

/**
 * What a flip cannot do without: the config (1 read), the history page (1), the
 * deciding commit's check runs and statuses (2) and those of the commit before it,
 * which tells whether this commit broke main (2); then the open PRs, 100 a page; one
 * write per distinct PR head; the comment.
 */
const lowerBound = (prs: number) => ({
  reads: 1 + 1 + 2 + 2 + Math.ceil(prs / 100),
  writes: prs + 1,
});

interface Flip {
  reads: number;
  writes: number;
  repeated: string[];
}

function flipOf(requests: RecordedRequest[]): Flip {
  const own = requests.filter((r) => !r.route.includes("access_tokens"));
  const writes = own.filter((r) => r.method !== "GET" && r.route !== "POST /graphql").length;
  const seen = new Map<string, number>();
  for (const r of own.filter((r) => r.method === "GET" || r.route === "POST /graphql")) {
    seen.set(r.path, (seen.get(r.path) ?? 0) + 1);
  }
  const repeated = [...seen].filter(([p, n]) => n > 1 && !p.startsWith("/graphql")).map(([p]) => p);
  return { reads: own.length - writes, writes, repeated };
}

/** One repository with `prs` open PRs into a green main; main breaks, then is fixed. */
async function measure(prs: number): Promise<{ red: Flip; green: Flip }> {
  const fake = new FakeGitHub();
  const repo = fake.repo("acme/shop");
  fake.ciRun(repo, fake.head(repo), "test", "success");
  for (let i = 0; i < prs; i++) {
    fake.push(repo, `feature-${i}`, { files: { [`src/f${i}.ts`]: "export {};" } });
    fake.pull(repo, { headRef: `feature-${i}`, approved: i % 3 === 0, autoMerge: i % 7 === 0 });
  }
  const h = await startAndon({ env: { ANDON_SWEEP_INTERVAL: "0" } }, fake);
  fake.advance(HOUR);

  const before = fake.head(repo);
  const broken = fake.push(repo, "main", { message: "Break" });
  await h.send(pushEvent(repo, "main", before, broken.sha));
  fake.resetRequests();
  await h.send(ciCompletedEvent(repo, fake.ciRun(repo, broken.sha, "test", "failure")));
  const red = flipOf(fake.requests);
  const failing = [...repo.pulls.values()].filter(
    (p) => fake.andonRun(repo, p.headSha, "andon/mainline")?.conclusion === "failure",
  ).length;
  if (failing !== prs) throw new Error(`red flip reached ${failing} of ${prs} PRs`);

  fake.advance(HOUR);
  const fixed = fake.push(repo, "main", { message: "Fix" });
  await h.send(pushEvent(repo, "main", broken.sha, fixed.sha));
  fake.resetRequests();
  await h.send(ciCompletedEvent(repo, fake.ciRun(repo, fixed.sha, "test", "success")));
  const green = flipOf(fake.requests);
  stopAndon();
  return { red, green };
}

/** API requests per mainline flip with 1 to 1000 open PRs, beside the lower bound. */
export async function mainlineBench(): Promise<BenchTable> {
  const rows: BenchTable["rows"] = [];
  for (const prs of SIZES) {
    const flips = await measure(prs);
    const bound = lowerBound(prs);
    for (const [name, flip] of Object.entries(flips)) {
      const measured = flip.reads + flip.writes;
      const lower = bound.reads + bound.writes;
      rows.push([
        prs,
        `to ${name}`,
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
      "config (1) + history page (1) + check runs and statuses of the deciding commit and the one before (4) + ceil(N/100) PR pages; one write per PR head + the comment",
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
