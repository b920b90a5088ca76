import { afterEach, describe, expect, it } from "@jest/globals";
import { FakeGitHub } from "../kit/fake-github.js";
import { startAndon, stopAndon } from "../kit/harness.js";
import { pullRequestEvent } from "../kit/payloads.js";
import type { FakeRepo } from "../kit/state.js";

afterEach(stopAndon);

const H = 3_600_000;
const ENV = { ANDON_SWEEP_INTERVAL: "0" };

function setUp(files?: Record<string, string>) {
  const fake = new FakeGitHub();
  const repo = fake.repo("acme/shop", files ? { files } : {});
  const ago = (hours: number) => new Date(fake.now.getTime() - hours * H).toISOString();
  return { fake, repo, ago };
}

const integration = (fake: FakeGitHub, repo: FakeRepo, sha: string) =>
  fake.andonRun(repo, sha, "andon/integration");
/** The integration check's own compares: the mainline against the PR's head. */
const compares = (fake: FakeGitHub, sha: string) =>
  fake.count((r) => r.path.includes(`/compare/main...${sha}`));

describe("andon/integration on a pull request", () => {
  it("passes a branch younger than integration.maxAgeHours", async () => {
    const { fake, repo, ago } = setUp();
    fake.push(repo, "feature/cart", { date: ago(20) });
    const pull = fake.pull(repo, { headRef: "feature/cart" });
    const { send } = await startAndon({ env: ENV }, fake);

    await send(pullRequestEvent(repo, pull));

    expect(integration(fake, repo, pull.headSha)).toMatchObject({
      conclusion: "success",
      output: expect.objectContaining({
        title: "Branch is 20h old (within 24h) — 1 ahead, 0 behind main",
      }),
    });
  });

  it("turns neutral when a push finds the branch older than the limit", async () => {
    const { fake, repo, ago } = setUp();
    fake.push(repo, "feature/cart", { date: ago(20) });
    const pull = fake.pull(repo, { headRef: "feature/cart" });
    const { send } = await startAndon({ env: ENV }, fake);
    await send(pullRequestEvent(repo, pull));

    fake.advance(6 * H);
    pull.headSha = fake.push(repo, "feature/cart").sha;
    await send(pullRequestEvent(repo, pull, "synchronize"));

    const run = integration(fake, repo, pull.headSha);
    expect(run?.conclusion).toBe("neutral");
    expect(run?.output.title).toBe("Branch is 1d 2h old (limit 24h) — 2 ahead, 0 behind main");
    expect(run?.output.summary).toContain("**Ways out**");
  });

  it("is not reset by merging main into the branch", async () => {
    const { fake, repo, ago } = setUp();
    const first = fake.push(repo, "feature/cart", { date: ago(72) });
    const main = fake.push(repo, "main", { date: ago(24) });
    const merge = fake.push(repo, "feature/cart", { parents: [first.sha, main.sha] });
    const pull = fake.pull(repo, { headRef: "feature/cart" });
    const { send } = await startAndon({ env: ENV }, fake);

    await send(pullRequestEvent(repo, pull));

    expect(pull.headSha).toBe(merge.sha);
    expect(integration(fake, repo, merge.sha)?.output.title).toBe(
      "Branch is 3d old (limit 24h) — 2 ahead, 0 behind main",
    );
  });

  it("dates a branch of more than 250 commits by its oldest, reading every page", async () => {
    const { fake, repo, ago } = setUp();
    fake.push(repo, "feature/huge", { date: ago(100) });
    for (let i = 1; i < 260; i++) fake.push(repo, "feature/huge", { date: ago(50) });
    const pull = fake.pull(repo, { headRef: "feature/huge" });
    const { send } = await startAndon({ env: ENV }, fake);

    await send(pullRequestEvent(repo, pull));

    expect(integration(fake, repo, pull.headSha)?.output.title).toBe(
      "Branch is 4d 4h old (limit 24h) — 260 ahead, 0 behind main",
    );
    expect(compares(fake, pull.headSha)).toBe(3);
  });

  it("judges a PR into another branch by how long it has been off the mainline", async () => {
    const { fake, repo, ago } = setUp();
    fake.push(repo, "develop", { date: ago(50) });
    fake.push(repo, "feature/on-develop", {
      parents: [fake.head(repo, "develop")],
      date: ago(2),
    });
    const pull = fake.pull(repo, { headRef: "feature/on-develop", baseRef: "develop" });
    const { send } = await startAndon({ env: ENV }, fake);

    await send(pullRequestEvent(repo, pull));

    expect(integration(fake, repo, pull.headSha)?.output.title).toBe(
      "Branch is 2d 2h old (limit 24h) — 2 ahead, 0 behind main",
    );
  });

  it("passes an ignored branch without comparing it", async () => {
    const { fake, repo, ago } = setUp();
    fake.push(repo, "dependabot/npm_and_yarn/left-pad-2.0.0", { date: ago(200) });
    const pull = fake.pull(repo, { headRef: "dependabot/npm_and_yarn/left-pad-2.0.0" });
    const { send } = await startAndon({ env: ENV }, fake);

    await send(pullRequestEvent(repo, pull));

    expect(integration(fake, repo, pull.headSha)).toMatchObject({ conclusion: "success" });
    expect(compares(fake, pull.headSha)).toBe(0);
  });

  it("fails an old branch when the repo sets integration.conclusion: failure", async () => {
    const { fake, repo, ago } = setUp({
      ".github/andon.yml": "integration:\n  conclusion: failure\n  maxAgeHours: 48\n",
    });
    fake.push(repo, "feature/cart", { date: ago(49) });
    const pull = fake.pull(repo, { headRef: "feature/cart" });
    const { send } = await startAndon({ env: ENV }, fake);

    await send(pullRequestEvent(repo, pull));

    expect(integration(fake, repo, pull.headSha)).toMatchObject({
      conclusion: "failure",
      output: expect.objectContaining({
        title: "Branch is 2d 1h old (limit 48h) — 1 ahead, 0 behind main",
      }),
    });
  });
});
