import { afterEach, describe, expect, it } from "@jest/globals";
import { FakeGitHub, type RecordedRequest } from "../kit/fake-github.js";
import { startAndon, stopAndon } from "../kit/harness.js";
import { pullRequestEvent, pushEvent } from "../kit/payloads.js";
import type { FakeRepo } from "../kit/state.js";
import { SWEEP_ENV, sweep } from "../kit/sweep-scenario.js";
import { bigRepo, JS_SHOP, JS_UNTESTED } from "./shapes.js";

afterEach(stopAndon);

const isTree = (r: RecordedRequest) => r.route.includes("/git/trees/");
const isBlob = (r: RecordedRequest) => r.route.includes("/git/blobs/");

/** `acme/shop` with `files` on main; `land` pushes a commit to main and sends the push. */
async function shop(files: Record<string, string>, options = {}) {
  const h = await startAndon(options);
  const repo = h.fake.repo("acme/shop", { files });
  const land = async (change: Record<string, string | null>) => {
    const before = h.fake.head(repo);
    const commit = h.fake.push(repo, "main", { files: change });
    await h.send(pushEvent(repo, "main", before, commit.sha));
    return commit.sha;
  };
  const tests = (sha: string) => h.fake.andonRun(repo, sha, "andon/tests");
  return { ...h, repo, land, tests };
}

describe("andon/tests on the mainline", () => {
  it("judges each new head of main when it is pushed, learning its tree from the push", async () => {
    const { fake, land, tests } = await shop(JS_UNTESTED);

    const untested = await land({ "src/tax.ts": "export const tax = 0.2;\n" });
    const tested = await land(JS_SHOP);

    expect(tests(untested)?.conclusion).toBe("failure");
    expect(tests(tested)).toMatchObject({
      conclusion: "success",
      output: expect.objectContaining({ title: "1 test file, run by CI in 1 step" }),
    });
    expect(fake.count((r) => r.route.includes("/git/commits/"))).toBe(0);
  });

  it("does not judge pushes to other branches", async () => {
    const { fake, send, repo } = await shop(JS_SHOP);
    const before = fake.head(repo, "main");
    const pushed = fake.push(repo, "feature", { files: { "src/a.ts": "export {};\n" } });

    await send(pushEvent(repo, "feature", before, pushed.sha));

    expect(fake.andonRuns(repo, pushed.sha)).toEqual([]);
    expect(fake.count(isTree)).toBe(0);
  });

  it("reads a squash-merged PR's tree and CI files once: the push to main reads neither", async () => {
    const { fake, send, repo, land, tests } = await shop(JS_SHOP);
    const change = { "src/cart.ts": "export const total = () => 0;\n" };
    fake.push(repo, "feature", { files: change });
    const pull = fake.pull(repo, { headRef: "feature" });
    await send(pullRequestEvent(repo, pull));
    const reads = { trees: fake.count(isTree), blobs: fake.count(isBlob) };
    expect(reads).toEqual({ trees: 1, blobs: 2 });

    const merged = await land(change);

    expect(merged).not.toBe(pull.headSha);
    expect(tests(merged)?.conclusion).toBe("success");
    expect({ trees: fake.count(isTree), blobs: fake.count(isBlob) }).toEqual(reads);
  });

  it("reads no CI file again when a push leaves them unchanged", async () => {
    const { fake, land, tests } = await shop(JS_SHOP);
    await land({ "src/a.ts": "export const a = 1;\n" });
    fake.resetRequests();

    const head = await land({ "src/b.ts": "export const b = 2;\n" });

    expect(tests(head)?.conclusion).toBe("success");
    expect(fake.count(isTree)).toBe(1);
    expect(fake.count(isBlob)).toBe(0);
  });

  it("reports an invalid andon.yml on the mainline head with its real verdict, annotated on its line", async () => {
    const config = { ".github/andon.yml": "tests:\n  services: api\n" };
    const { land, tests } = await shop(JS_SHOP);

    const head = await land(config);

    const run = tests(head);
    expect(run?.conclusion).toBe("success");
    expect(run?.output.title).toContain("(.github/andon.yml is invalid: 1 error)");
    expect(run?.output.summary).toContain("**Andon's configuration is invalid**");
    expect(run?.annotations).toEqual([
      expect.objectContaining({ path: ".github/andon.yml", start_line: 2 }),
    ]);
  });

  it("writes nothing when the repo turns andon/tests off", async () => {
    const { land, tests } = await shop({
      ...JS_UNTESTED,
      ".github/andon.yml": "tests:\n  enabled: false\n",
    });

    const head = await land({ "src/tax.ts": "export const tax = 0.2;\n" });

    expect(tests(head)).toBeUndefined();
  });

  it("lists a truncated tree folder by folder, one level at a time where a folder is too big", async () => {
    const { fake, land, tests } = await shop(bigRepo(6, 12));
    fake.treeLimit = 10;

    const head = await land({ "pkg003/lib/file0.test.ts": "test('x', () => {});\n" });

    const run = tests(head);
    expect(run?.conclusion).toBe("success");
    expect(run?.output.title).toBe("2 test files, run by CI in 1 step");
    expect(run?.output.summary).not.toContain("truncated");
    const listings = fake.requests.filter(isTree).map((r) => r.path.includes("recursive"));
    // The whole tree (cut off) and the root alone; `.github` and `src` whole; each `pkgNNN`
    // whole (cut off), alone, its `lib` whole (cut off), alone.
    expect(listings.filter((recursive) => recursive)).toHaveLength(1 + 2 + 6 * 2);
    expect(listings.filter((recursive) => !recursive)).toHaveLength(1 + 6 * 2);
  });

  it("gives up on a huge truncated tree after 50 requests: neutral, saying the listing is incomplete", async () => {
    const { fake, land, tests } = await shop(bigRepo(80, 1));
    fake.treeLimit = 20;

    const head = await land({ "README.md": "# shop, now bigger\n" });

    expect(fake.count(isTree)).toBe(50);
    const run = tests(head);
    expect(run?.conclusion).toBe("neutral");
    expect(run?.output.title).toBe("No tests found in the part of the tree GitHub listed");
    expect(run?.output.summary).toContain("GitHub truncated this repository's tree listing");
  });

  it("retries when GitHub fails reading the tree, then writes the verdict", async () => {
    const { fake, land, tests, sleeps } = await shop(JS_SHOP);
    fake.fail({ path: "/git/trees/", status: 502, times: 2 });

    const head = await land({ "src/a.ts": "export {};\n" });

    expect(sleeps).toHaveLength(2);
    expect(tests(head)?.conclusion).toBe("success");
  });

  it("writes no verdict when the tree cannot be read, rather than judge an empty one", async () => {
    const { fake, land, tests, sleeps } = await shop(JS_SHOP);
    fake.fail({ path: "/git/trees/", status: 404 });

    const head = await land({ "src/a.ts": "export {};\n" });

    expect(fake.count((r) => isTree(r) && r.status === 404)).toBe(1);
    expect(sleeps).toEqual([]);
    expect(tests(head)).toBeUndefined();
  });
});

describe("the sweep's test-suite audit", () => {
  function organisation() {
    const fake = new FakeGitHub();
    const shop = fake.repo("acme/shop", { files: JS_SHOP });
    const legacy = fake.repo("acme/legacy", { files: JS_UNTESTED });
    return { fake, repos: [shop, legacy] as const };
  }
  const conclusions = (fake: FakeGitHub, repos: readonly FakeRepo[]) =>
    repos.map((repo) => fake.andonRun(repo, fake.head(repo), "andon/tests")?.conclusion);

  it("judges every repository's mainline head, and writes nothing new the next day", async () => {
    const { fake, repos } = organisation();
    const h = await startAndon({ env: SWEEP_ENV }, fake);

    await sweep(h);
    expect(conclusions(fake, repos)).toEqual(["success", "failure"]);
    const written = fake.writes();
    fake.resetRequests();

    await sweep(h);
    expect(fake.count((r) => r.route.includes("/check-runs") && r.method !== "GET")).toBe(0);
    expect(fake.count(isTree) + fake.count(isBlob)).toBe(0);
    expect(written).toBeGreaterThanOrEqual(2);
  });

  it("judges every repo but writes nothing in a dry run", async () => {
    const { fake, repos } = organisation();
    const h = await startAndon({ env: { ...SWEEP_ENV, ANDON_DRY_RUN: "1" } }, fake);

    await sweep(h);

    expect(conclusions(fake, repos)).toEqual([undefined, undefined]);
    expect(fake.count(isTree)).toBe(repos.length);
    expect(fake.writes()).toBe(0);
  });
});
