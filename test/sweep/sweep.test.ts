import { afterEach, describe, expect, it } from "@jest/globals";
import { FakeGitHub } from "../kit/fake-github.js";
import { startAndon, stopAndon } from "../kit/harness.js";
import type { FakeRepo } from "../kit/state.js";
import { ADA, GRACE, H, SWEEP_ENV, hoursAgo, sweep } from "../kit/sweep-scenario.js";

afterEach(stopAndon);

/** One repo with a branch of each kind; only `feature/stale` deserves a nag. */
function org(fake: FakeGitHub) {
  const repo = fake.repo("acme/shop");
  fake.push(repo, "feature/fresh", { date: hoursAgo(fake, 2) });
  fake.push(repo, "feature/stale", { date: hoursAgo(fake, 72), author: GRACE });
  const stale = fake.push(repo, "feature/stale", { date: hoursAgo(fake, 20), author: ADA });
  fake.push(repo, "release/1.0", { date: hoursAgo(fake, 120) });
  fake.push(repo, "spike/abandoned", { date: hoursAgo(fake, 40 * 24) });
  const merged = fake.push(repo, "feature/merged", { date: hoursAgo(fake, 96) });
  repo.branches.set("main", merged.sha);
  return { repo, stale };
}

const staleComments = (repo: FakeRepo, branch = "") =>
  repo.comments.filter((c) => c.body.includes(`<!-- andon:stale:${branch}`));

describe("the daily sweep", () => {
  it("nags only the stale branch, on its head commit, mentioning the head's author", async () => {
    const fake = new FakeGitHub();
    const { repo, stale } = org(fake);
    const harness = await startAndon({ env: SWEEP_ENV }, fake);

    await sweep(harness);

    expect(staleComments(repo)).toEqual([
      expect.objectContaining({ commit_id: stale.sha, user: "andon[bot]" }),
    ]);
    const body = staleComments(repo)[0]!.body;
    expect(body).toMatch(/^<!-- andon:stale:feature\/stale:2026-11-25 -->/);
    expect(body).toContain("@ada, the branch `feature/stale` has not reached `main` for **3d**");
    expect(body).toContain("2 commits ahead and 1 behind `main`");
    expect(body).toContain("**What to do**");
    expect(harness.sweeps).toEqual([
      expect.objectContaining({
        repos: 1,
        branches: 6,
        nagged: 1,
        deferred: 0,
        skipped: {
          repos: {},
          branches: { mainline: 1, fresh: 1, ignored: 1, abandoned: 1, "not-ahead": 1 },
        },
        failed: [],
      }),
    ]);
  });

  it("names an author GitHub does not know without mentioning anyone", async () => {
    const fake = new FakeGitHub();
    const repo = fake.repo("acme/shop");
    const head = fake.push(repo, "feature/x", { date: hoursAgo(fake, 30), author: GRACE });
    const harness = await startAndon({ env: SWEEP_ENV }, fake);

    await sweep(harness);

    const [comment] = fake.commentsOn(repo, head.sha);
    expect(comment?.body).toContain("Grace Hopper, the branch `feature/x`");
    expect(comment?.body).not.toMatch(/@\w/);
  });

  it("posts nothing on a second sweep the same day", async () => {
    const fake = new FakeGitHub();
    const { repo } = org(fake);
    const harness = await startAndon({ env: SWEEP_ENV }, fake);
    await sweep(harness);
    fake.advance(3 * H);
    fake.resetRequests();

    await sweep(harness);

    expect(staleComments(repo)).toHaveLength(1);
    expect(fake.writes()).toBe(0);
    expect(harness.sweeps[1]).toMatchObject({
      nagged: 0,
      skipped: { branches: { "nagged-recently": 1 } },
    });
  });

  it("nags the new head the next day after a push, with the day's marker", async () => {
    const fake = new FakeGitHub();
    const { repo, stale } = org(fake);
    const harness = await startAndon({ env: SWEEP_ENV }, fake);
    await sweep(harness);
    fake.advance(24 * H);
    const pushed = fake.push(repo, "feature/stale", { author: GRACE });

    await sweep(harness);

    expect(fake.commentsOn(repo, stale.sha)).toHaveLength(1);
    const [comment] = fake.commentsOn(repo, pushed.sha);
    expect(comment?.body).toMatch(/^<!-- andon:stale:feature\/stale:2026-11-26 -->/);
    expect(comment?.body).toContain(
      "Grace Hopper, the branch `feature/stale` has not reached `main` for **4d**",
    );
    expect(comment?.body).toContain("Andon reminder 1 of at most 3");
    expect(staleComments(repo, "feature/stale")).toHaveLength(2);
  });

  it("stops after maxNags while the head stays the same", async () => {
    const fake = new FakeGitHub();
    const { repo, stale } = org(fake);
    const harness = await startAndon({ env: SWEEP_ENV }, fake);

    for (let day = 0; day < 5; day++) {
      await sweep(harness);
      fake.advance(24 * H);
    }

    const bodies = fake.commentsOn(repo, stale.sha).map((c) => c.body.split("\n")[0]);
    expect(bodies).toEqual([
      "<!-- andon:stale:feature/stale:2026-11-25 -->",
      "<!-- andon:stale:feature/stale:2026-11-26 -->",
      "<!-- andon:stale:feature/stale:2026-11-27 -->",
    ]);
    // By day five `feature/fresh` has had its three nags too: nothing is left to say.
    expect(harness.sweeps.at(-1)).toMatchObject({
      nagged: 0,
      skipped: { branches: { "max-nags": 2 } },
    });
  });

  it("nags an open PR's branch like any other, and refreshes its andon/integration", async () => {
    const fake = new FakeGitHub();
    const repo = fake.repo("acme/shop");
    const head = fake.push(repo, "feature/pr", { date: hoursAgo(fake, 20), author: ADA });
    fake.pull(repo, { headRef: "feature/pr" });
    const harness = await startAndon({ env: SWEEP_ENV }, fake);
    await sweep(harness);
    const run = () => fake.andonRun(repo, head.sha, "andon/integration");
    expect(run()?.conclusion).toBe("success");
    expect(fake.commentsOn(repo, head.sha)).toHaveLength(0);

    fake.advance(10 * H);
    await sweep(harness);

    expect(run()).toMatchObject({ conclusion: "neutral" });
    expect(run()?.output.title).toBe("Branch is 1d 6h old (limit 24h) — 1 ahead, 0 behind main");
    expect(fake.commentsOn(repo, head.sha)).toEqual([
      expect.objectContaining({ body: expect.stringContaining("@ada, the branch `feature/pr`") }),
    ]);
    expect(harness.sweeps.at(-1)).toMatchObject({ pullRequests: 1, nagged: 1 });
  });

  it("computes and logs everything but writes nothing in a dry run", async () => {
    const fake = new FakeGitHub();
    const { repo } = org(fake);
    fake.pull(repo, { headRef: "feature/stale" });
    const harness = await startAndon({ env: { ...SWEEP_ENV, ANDON_DRY_RUN: "1" } }, fake);

    await sweep(harness);

    expect(fake.writes()).toBe(0);
    expect(repo.comments).toEqual([]);
    expect(repo.checkRuns).toEqual([]);
    expect(harness.sweeps).toEqual([
      expect.objectContaining({ dryRun: true, nagged: 1, pullRequests: 1 }),
    ]);
  });
});
