import { afterEach, describe, expect, it } from "@jest/globals";
import { FakeGitHub } from "../kit/fake-github.js";
import { startAndon, stopAndon } from "../kit/harness.js";
import type { FakeRepo } from "../kit/state.js";
import { H, SWEEP_ENV, hoursAgo, sweep } from "../kit/sweep-scenario.js";

afterEach(stopAndon);

/** A stale branch `hours` old; returns its head sha. */
function staleBranch(fake: FakeGitHub, repo: FakeRepo, branch: string, hours: number): string {
  return fake.push(repo, branch, { date: hoursAgo(fake, hours) }).sha;
}

const nagged = (fake: FakeGitHub) =>
  [...fake.repos.values()].flatMap((r) =>
    r.comments.map((c) => `${r.name}:${/andon:stale:([^:]+):/.exec(c.body)?.[1]}`),
  );

describe("the comment budget of a sweep", () => {
  it("posts at most ANDON_MAX_COMMENTS_PER_RUN per installation, oldest branches first", async () => {
    const fake = new FakeGitHub();
    const shop = fake.repo("acme/shop");
    const api = fake.repo("acme/api");
    staleBranch(fake, shop, "a", 30);
    staleBranch(fake, api, "b", 90);
    staleBranch(fake, shop, "c", 60);
    staleBranch(fake, api, "d", 40);
    const env = { ...SWEEP_ENV, ANDON_MAX_COMMENTS_PER_RUN: "2" };
    const harness = await startAndon({ env }, fake);

    await sweep(harness);

    expect(nagged(fake).sort()).toEqual(["api:b", "shop:c"]);
    expect(harness.sweeps[0]).toMatchObject({ nagged: 2, deferred: 2 });

    fake.advance(H);
    await sweep(harness);

    expect(nagged(fake).sort()).toEqual(["api:b", "api:d", "shop:a", "shop:c"]);
    expect(harness.sweeps[1]).toMatchObject({ nagged: 2, deferred: 0 });
  });
});

describe("a repository that fails during the sweep", () => {
  function threeRepos(fake: FakeGitHub) {
    const repos = ["acme/a", "acme/b", "acme/c"].map((name) => fake.repo(name));
    const heads = repos.map((repo) => staleBranch(fake, repo, "feature/old", 48));
    return { repos, heads };
  }

  it("is recorded and skipped when it answers 404, and the others are nagged", async () => {
    const fake = new FakeGitHub();
    const { repos, heads } = threeRepos(fake);
    repos[1]!.gone = 404;
    const harness = await startAndon({ env: SWEEP_ENV }, fake);

    await sweep(harness);

    expect(fake.commentsOn(repos[0]!, heads[0]!)).toHaveLength(1);
    expect(fake.commentsOn(repos[2]!, heads[2]!)).toHaveLength(1);
    expect(harness.sweeps).toEqual([
      expect.objectContaining({
        repos: 2,
        nagged: 2,
        failed: [expect.objectContaining({ repo: "acme/b", status: 404, retry: false })],
      }),
    ]);
    expect(harness.sleeps).toEqual([]);
  });

  it("is retried on its own after a 502, so its nag is delayed, not dropped", async () => {
    const fake = new FakeGitHub();
    const { repos, heads } = threeRepos(fake);
    fake.fail({ path: "/repos/acme/b/", status: 502 });
    const harness = await startAndon({ env: SWEEP_ENV }, fake);

    await sweep(harness);

    for (const [i, repo] of repos.entries()) {
      expect(fake.commentsOn(repo, heads[i]!)).toHaveLength(1);
    }
    expect(harness.sweeps).toEqual([
      expect.objectContaining({
        job: "sweep:1",
        nagged: 2,
        failed: [expect.objectContaining({ repo: "acme/b", status: 502, retry: true })],
      }),
      expect.objectContaining({ job: "sweep:1:retry:acme/b", repos: 1, nagged: 1, failed: [] }),
    ]);
  });

  it("keeps failing with 502 without holding up the others", async () => {
    const fake = new FakeGitHub();
    const { repos, heads } = threeRepos(fake);
    repos[1]!.gone = 502;
    const harness = await startAndon(
      { env: SWEEP_ENV, retryPolicy: { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 60_000 } },
      fake,
    );

    await sweep(harness);

    expect(fake.commentsOn(repos[0]!, heads[0]!)).toHaveLength(1);
    expect(fake.commentsOn(repos[2]!, heads[2]!)).toHaveLength(1);
    expect(fake.commentsOn(repos[1]!, heads[1]!)).toHaveLength(0);
    // The retry job backed off twice, then gave up until the next run.
    expect(harness.sleeps).toEqual([1000, 2000]);
  });

  it("sweeps with the defaults when its andon.yml is invalid, and says so", async () => {
    const fake = new FakeGitHub();
    const repo = fake.repo("acme/shop", {
      files: { ".github/andon.yml": "integration:\n  maxAgeHours: soon\n" },
    });
    const head = staleBranch(fake, repo, "feature/old", 30);
    const harness = await startAndon({ env: SWEEP_ENV }, fake);

    await sweep(harness);

    expect(fake.commentsOn(repo, head)).toHaveLength(1);
    expect(harness.sweeps[0]).toMatchObject({ invalidConfig: ["acme/shop"], failed: [] });
  });
});

describe("what the sweep leaves alone", () => {
  it("skips archived and forked repos, suspended installations and repos with integration off", async () => {
    const fake = new FakeGitHub();
    fake.installation(1, "acme");
    fake.installation(2, "umbrella", true);
    const archived = fake.repo("acme/old", { archived: true });
    const fork = fake.repo("acme/forked", { fork: true });
    const quiet = fake.repo("acme/quiet", {
      files: { ".github/andon.yml": "integration:\n  enabled: false\n" },
    });
    const suspended = fake.repo("umbrella/shop", { installationId: 2 });
    for (const repo of [archived, fork, quiet, suspended]) staleBranch(fake, repo, "old", 48);
    const harness = await startAndon({ env: SWEEP_ENV }, fake);

    await sweep(harness);

    // No nag anywhere; the only writes are the mainline record and the test-suite audit
    // on the one repo Andon still judges (integration off leaves the other checks on).
    const writes = fake.requests
      .filter((r) => r.method !== "GET" && r.route !== "POST /graphql")
      .filter((r) => !r.route.includes("access_tokens"))
      .map((r) => r.route);
    expect(writes).toEqual([
      "POST /repos/{owner}/{repo}/check-runs",
      "POST /repos/{owner}/{repo}/check-runs",
    ]);
    expect(fake.andonRun(quiet, fake.head(quiet), "andon/mainline")).toBeDefined();
    expect(fake.andonRun(quiet, fake.head(quiet), "andon/tests")).toBeDefined();
    expect(harness.sweeps).toEqual([
      expect.objectContaining({
        installationId: 1,
        repos: 1,
        branches: 0,
        skipped: {
          repos: { archived: 1, fork: 1, "integration-disabled": 1 },
          branches: {},
        },
      }),
    ]);
    expect(fake.count((r) => r.path.startsWith("/repos/acme/old/"))).toBe(0);
  });
});
