import { afterEach, describe, expect, it } from "@jest/globals";
import type { FakeGitHub } from "../kit/fake-github.js";
import { startAndon, stopAndon, type Harness } from "../kit/harness.js";
import {
  ciCompletedEvent,
  mergeGroupEvent,
  pullRequestEvent,
  pushEvent,
  statusEvent,
} from "../kit/payloads.js";
import type { FakePull, FakeRepo } from "../kit/state.js";

afterEach(stopAndon);

const HOUR = 3_600_000;
const BREAKER = { name: "Bea Breaker", email: "bea@example.com", login: "bea" };
const FIXER = { name: "Finn Fixer", email: "finn@example.com", login: "finn" };

interface Shop {
  h: Harness;
  fake: FakeGitHub;
  repo: FakeRepo;
  plain: FakePull;
  fix: FakePull;
  revert: FakePull;
}

/** acme/shop: a green main, three open PRs into it (plain, labelled fix, revert). */
async function greenShop(env: NodeJS.ProcessEnv = {}): Promise<Shop> {
  const h = await startAndon({ env: { ANDON_SWEEP_INTERVAL: "0", ...env } });
  const { fake } = h;
  const repo = fake.repo("acme/shop");
  fake.ciRun(repo, fake.head(repo), "test", "success");
  const branch = (name: string) => {
    fake.push(repo, name, { files: { [`src/${name}.ts`]: "export {};" } });
    return name;
  };
  const plain = fake.pull(repo, { headRef: branch("feature"), title: "Add search" });
  const fix = fake.pull(repo, {
    headRef: branch("fix"),
    title: "Fix the build",
    labels: ["fix-build"],
  });
  const revert = fake.pull(repo, { headRef: branch("revert"), title: 'Revert "Add cart"' });
  fake.advance(HOUR);
  return { h, fake, repo, plain, fix, revert };
}

/** A commit lands on main and its CI fails. */
async function breakMain({ h, fake, repo }: Shop) {
  const before = fake.head(repo);
  const broken = fake.push(repo, "main", {
    author: BREAKER,
    message: "Add cart",
    files: { "src/cart.ts": "oops" },
  });
  await h.send(pushEvent(repo, "main", before, broken.sha));
  const run = fake.ciRun(repo, broken.sha, "test", "failure");
  await h.send(ciCompletedEvent(repo, run));
  return broken;
}

const gate = (fake: FakeGitHub, repo: FakeRepo, sha: string) =>
  fake.andonRun(repo, sha, "andon/mainline");

describe("andon/mainline stops the line", () => {
  it("fails every plain PR when main turns red, lets the labelled fix through (not a PR merely titled as a revert), and comments once on the breaking commit", async () => {
    const shop = await greenShop();
    const { fake, repo, plain, fix, revert } = shop;

    const broken = await breakMain(shop);

    expect(gate(fake, repo, plain.headSha)?.conclusion).toBe("failure");
    expect(gate(fake, repo, plain.headSha)?.output.title).toContain(broken.sha.slice(0, 7));
    expect(gate(fake, repo, plain.headSha)?.output.summary).toContain("fix-build");
    expect(gate(fake, repo, fix.headSha)?.conclusion).toBe("success");
    expect(gate(fake, repo, revert.headSha)?.conclusion).toBe("failure");
    expect(gate(fake, repo, revert.headSha)?.output.summary).toContain("### Not a true revert");
    const comments = fake.commentsOn(repo, broken.sha);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(`<!-- andon:broken:${broken.sha} -->`);
    expect(comments[0]!.body).toContain("@bea");
    expect(gate(fake, repo, broken.sha)?.conclusion).toBe("failure");
  });

  it("turns every gate green and replies once on the breaking commit with the fix and the time to restore", async () => {
    const shop = await greenShop();
    const { h, fake, repo, plain } = shop;
    const broken = await breakMain(shop);
    fake.advance(2 * HOUR);

    const fixed = fake.push(repo, "main", {
      author: FIXER,
      message: "Fix cart",
      files: { "src/cart.ts": "ok" },
    });
    const run = fake.ciRun(repo, fixed.sha, "test", "success");
    await h.send(ciCompletedEvent(repo, run));

    expect(gate(fake, repo, plain.headSha)?.conclusion).toBe("success");
    const comments = fake.commentsOn(repo, broken.sha);
    expect(comments).toHaveLength(2);
    expect(comments[0]!.body).not.toContain(fixed.sha.slice(0, 7));
    expect(comments[1]!.body).toContain(`<!-- andon:restored:${broken.sha} -->`);
    expect(comments[1]!.body).toContain(`Fixed by ${fixed.sha.slice(0, 7)} (@finn)`);
    expect(comments[1]!.body).toContain("Time to restore: **2h**");
    expect(fake.count((r) => r.method === "PATCH" && r.route.includes("comments"))).toBe(0);
    expect(fake.commentsOn(repo, fixed.sha)).toHaveLength(0);
  });

  it("posts one comment whatever the redeliveries and the burst of concurrent events", async () => {
    const shop = await greenShop();
    const { h, fake, repo } = shop;
    const broken = fake.push(repo, "main", { author: BREAKER });
    const runs = Array.from({ length: 20 }, (_, i) =>
      fake.ciRun(repo, broken.sha, `test (${i})`, i === 3 ? "failure" : "success"),
    );
    const events = runs.map((r) => ciCompletedEvent(repo, r));

    await Promise.all([...events, events[3]!, events[3]!].map((e) => h.probot.receive(e as never)));
    await h.idle();
    await h.send(events[3]!);

    expect(fake.commentsOn(repo, broken.sha)).toHaveLength(1);
    expect(fake.count((r) => r.route === "POST /repos/{owner}/{repo}/commits/{sha}/comments")).toBe(
      1,
    );
    expect(fake.count((r) => r.route === "GET /repos/{owner}/{repo}/commits")).toBeLessThanOrEqual(
      3,
    );
  });

  it("stays red while the head after a red commit is still building", async () => {
    const shop = await greenShop();
    const { h, fake, repo, plain } = shop;
    const broken = await breakMain(shop);

    const next = fake.push(repo, "main", { message: "Unrelated change" });
    fake.ciRun(repo, next.sha, "test", null);
    await h.send(pushEvent(repo, "main", broken.sha, next.sha));
    await h.send(statusEvent(repo, next.sha, "ci/jenkins", "pending"));

    expect(gate(fake, repo, plain.headSha)?.conclusion).toBe("failure");
    expect(fake.commentsOn(repo, next.sha)).toHaveLength(0);
  });

  it("judges a PR opened while main is red at once: plain fails, labelled fix passes", async () => {
    const shop = await greenShop();
    const { h, fake, repo } = shop;
    await breakMain(shop);

    fake.push(repo, "late", { files: { "src/late.ts": "export {};" } });
    const late = fake.pull(repo, { headRef: "late" });
    await h.send(pullRequestEvent(repo, late, "opened"));
    expect(gate(fake, repo, late.headSha)?.conclusion).toBe("failure");

    late.labels.push("fix-build");
    await h.send(pullRequestEvent(repo, late, "labeled"));
    expect(gate(fake, repo, late.headSha)?.conclusion).toBe("success");
  });

  it("gives the merge queue the PR's verdict on the group's commit", async () => {
    const shop = await greenShop();
    const { h, fake, repo, plain, fix } = shop;
    await breakMain(shop);
    const group = (pull: FakePull) =>
      fake.commit(repo, {
        parents: [fake.head(repo), pull.headSha],
        message: `Merge #${pull.number}`,
      });

    const plainGroup = group(plain);
    await h.send(mergeGroupEvent(repo, plainGroup.sha, plain.number));
    const fixGroup = group(fix);
    await h.send(mergeGroupEvent(repo, fixGroup.sha, fix.number));

    expect(gate(fake, repo, plainGroup.sha)?.conclusion).toBe("failure");
    expect(gate(fake, repo, fixGroup.sha)?.conclusion).toBe("success");
  });

  it("ignores a late failure on an old commit once a newer one is green", async () => {
    const shop = await greenShop();
    const { h, fake, repo, plain } = shop;
    const old = fake.head(repo);
    const newer = fake.push(repo, "main", { message: "Newer" });
    await h.send(ciCompletedEvent(repo, fake.ciRun(repo, newer.sha, "test", "success")));
    await h.send(pullRequestEvent(repo, plain, "opened"));

    await h.send(ciCompletedEvent(repo, fake.ciRun(repo, old, "nightly", "failure")));

    expect(fake.andonRuns(repo, plain.headSha, "andon/mainline").map((r) => r.conclusion)).toEqual([
      "success",
    ]);
    expect(fake.commentsOn(repo, old)).toHaveLength(0);
    expect(gate(fake, repo, newer.sha)?.conclusion).toBe("success");
  });

  it("sends one reminder when main is still red after remindAfterHours", async () => {
    const shop = await greenShop();
    const { h, fake, repo } = shop;
    const broken = await breakMain(shop);

    fake.advance(5 * HOUR);
    await h.send(statusEvent(repo, broken.sha, "ci/lint", "success"));
    fake.advance(HOUR);
    await h.send(statusEvent(repo, broken.sha, "ci/docs", "success"));

    const comments = fake.commentsOn(repo, broken.sha);
    expect(comments).toHaveLength(2);
    expect(comments[1]!.body).toContain(`<!-- andon:reminder:${broken.sha} -->`);
  });

  it("converges through 502s and a secondary rate limit mid-flip, losing nothing", async () => {
    const shop = await greenShop();
    const { h, fake, repo, plain, fix, revert } = shop;
    fake.fail({ method: "POST", path: "/check-runs", status: 502, times: 2 });
    fake.fail({ method: "POST", path: "/comments", status: 403, retryAfter: 30 });
    fake.fail({ method: "POST", path: "/graphql", status: 502 });

    const broken = await breakMain(shop);

    expect(gate(fake, repo, plain.headSha)?.conclusion).toBe("failure");
    expect(gate(fake, repo, fix.headSha)?.conclusion).toBe("success");
    expect(gate(fake, repo, revert.headSha)?.conclusion).toBe("failure");
    expect(fake.commentsOn(repo, broken.sha)).toHaveLength(1);
    expect(h.sleeps.some((ms) => ms >= 30_000)).toBe(true);
    expect(fake.faults.every((f) => f.times === 0)).toBe(true);
  });

  it("writes each gate once under a secondary limit that lasts 20 minutes: the flip waits, never starts over", async () => {
    const shop = await greenShop();
    const { h, fake, repo } = shop;
    for (let i = 0; i < 10; i++) {
      fake.push(repo, `more-${i}`, { files: { [`src/more${i}.ts`]: "export {};" } });
      fake.pull(repo, { headRef: `more-${i}` });
    }
    fake.fail({ method: "POST", path: "/check-runs", status: 403, retryAfter: 60, times: 20 });

    const broken = await breakMain(shop);

    const heads = [...repo.pulls.values()].map((p) => p.headSha);
    for (const sha of heads) {
      expect(fake.andonRuns(repo, sha, "andon/mainline")).toHaveLength(1);
    }
    expect(gate(fake, repo, broken.sha)?.conclusion).toBe("failure");
    expect(h.sleeps.filter((ms) => ms === 60_000)).toHaveLength(20);
    expect(fake.faults.every((f) => f.times === 0)).toBe(true);
  });

  it("judges but writes nothing in a dry run", async () => {
    const shop = await greenShop({ ANDON_DRY_RUN: "1" });
    const { fake, repo, plain } = shop;

    const broken = await breakMain(shop);

    expect(
      fake.count((r) => r.route === "GET /repos/{owner}/{repo}/commits/{ref}/check-runs"),
    ).toBeGreaterThan(0);
    expect(fake.count((r) => r.route === "POST /graphql")).toBe(1);
    expect(fake.writes()).toBe(0);
    expect(gate(fake, repo, plain.headSha)).toBeUndefined();
    expect(fake.commentsOn(repo, broken.sha)).toHaveLength(0);
  });

  it("is neutral, never blocking, when main has no CI at all", async () => {
    const h = await startAndon();
    const { fake } = h;
    const repo = fake.repo("acme/docs");
    fake.push(repo, "feature", { files: { "a.md": "a" } });
    const pull = fake.pull(repo, { headRef: "feature" });

    await h.send(pullRequestEvent(repo, pull, "opened"));

    expect(gate(fake, repo, pull.headSha)?.conclusion).toBe("neutral");
  });
});
