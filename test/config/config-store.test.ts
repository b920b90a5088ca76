import { afterEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { createConfigStore } from "../../src/config/config-store.js";
import { startAndon, stopAndon } from "../kit/harness.js";
import { pullRequestEvent, pushEvent } from "../kit/payloads.js";
import { fakeWithOctokit } from "../kit/fake-octokit.js";

afterEach(() => {
  nock.cleanAll();
  stopAndon();
});

const CONFIG = ".github/andon.yml";
const SHOP = { owner: "acme", repo: "shop" };
const configReads = (fake: { count: (f: (r: { route: string }) => boolean) => number }) =>
  fake.count((r) => r.route === "GET /repos/{owner}/{repo}/contents/{path*}");

describe("the config store", () => {
  it("reads a repo's config once while it is fresh, and again once the TTL has passed", async () => {
    const { fake, octokit } = await fakeWithOctokit();
    fake.repo("acme/shop", { files: { [CONFIG]: "mainline:\n  fixLabel: hotfix\n" } });
    const store = createConfigStore({ clock: fake.clock, ttlMs: 60_000 });

    const first = await store.load(octokit, SHOP);
    await store.load(octokit, SHOP);
    expect(configReads(fake)).toBe(1);
    expect(first.config.mainline.fixLabel).toBe("hotfix");

    fake.advance(61_000);
    await store.load(octokit, SHOP);
    expect(configReads(fake)).toBe(2);
  });

  it("forgets a repo, or every repo of an org, when told", async () => {
    const { fake, octokit } = await fakeWithOctokit();
    fake.repo("acme/shop");
    fake.repo("acme/cart");
    const store = createConfigStore({ clock: fake.clock });
    const cart = { owner: "acme", repo: "cart" };
    await store.load(octokit, SHOP);
    await store.load(octokit, cart);
    const before = configReads(fake);

    store.forget("acme", "shop");
    await store.load(octokit, SHOP);
    await store.load(octokit, cart);
    expect(configReads(fake) - before).toBe(2); // shop's own file and the org fallback

    store.forget("acme");
    await store.load(octokit, cart);
    expect(configReads(fake) - before).toBe(4);
  });

  it("does not remember a failed read, so the retry reads again", async () => {
    const { fake, octokit } = await fakeWithOctokit();
    fake.repo("acme/shop", { files: { [CONFIG]: "tests:\n  requireTestsInPRs: true\n" } });
    fake.fail({ path: "/contents/", status: 502 });
    const store = createConfigStore({ clock: fake.clock });

    await expect(store.load(octokit, SHOP)).rejects.toMatchObject({ status: 502 });
    const { config } = await store.load(octokit, SHOP);

    expect(config.tests.requireTestsInPRs).toBe(true);
  });
});

describe("a push that changes andon.yml", () => {
  it("takes effect on the next PR event at once", async () => {
    const h = await startAndon({ env: { ANDON_SWEEP_INTERVAL: "0" } });
    const { fake } = h;
    const repo = fake.repo("acme/shop");
    fake.ciRun(repo, fake.head(repo), "test", "failure");
    fake.push(repo, "hotfix", { files: { "src/a.ts": "export {};" } });
    const pull = fake.pull(repo, { headRef: "hotfix", labels: ["hotfix"] });
    await h.send(pullRequestEvent(repo, pull, "opened"));
    expect(fake.andonRun(repo, pull.headSha, "andon/mainline")?.conclusion).toBe("failure");

    const before = fake.head(repo);
    const change = fake.push(repo, "main", {
      files: { [CONFIG]: "mainline:\n  fixLabel: hotfix\n" },
    });
    fake.ciRun(repo, change.sha, "test", "failure");
    await h.send(pushEvent(repo, "main", before, change.sha));
    await h.send(pullRequestEvent(repo, pull, "synchronize"));

    expect(fake.andonRun(repo, pull.headSha, "andon/mainline")?.conclusion).toBe("success");
  });
});
