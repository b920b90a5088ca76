import { afterEach, describe, expect, it } from "@jest/globals";
import type { FakeGitHub } from "../kit/fake-github.js";
import { startAndon, stopAndon, type Harness } from "../kit/harness.js";
import { ciCompletedEvent, mergeGroupEvent, pullRequestEvent, pushEvent } from "../kit/payloads.js";
import type { FakeCommit, FakePull, FakeRepo } from "../kit/state.js";

afterEach(stopAndon);

const HOUR = 3_600_000;
const CONFIG = ".github/andon.yml";
const BREAKER = { name: "Bea Breaker", email: "bea@example.com", login: "bea" };

interface Shop {
  h: Harness;
  fake: FakeGitHub;
  repo: FakeRepo;
  /** The last green commit. */
  green: FakeCommit;
}

/** acme/shop with a green main holding a cart, a price list and (optionally) a config. */
async function greenShop(files: Record<string, string> = {}): Promise<Shop> {
  const h = await startAndon({ env: { ANDON_SWEEP_INTERVAL: "0" } });
  const { fake } = h;
  const repo = fake.repo("acme/shop", {
    files: { "src/cart.ts": "cart v1", "src/prices.ts": "prices v1", ...files },
  });
  fake.ciRun(repo, fake.head(repo), "test", "success");
  fake.advance(HOUR);
  return { h, fake, repo, green: repo.commits.get(fake.head(repo))! };
}

/** A commit lands on main and its CI fails. */
async function land({ h, fake, repo }: Shop, files: Record<string, string | null>, ci = "failure") {
  const before = fake.head(repo);
  const commit = fake.push(repo, "main", { author: BREAKER, message: "Change", files });
  await h.send(pushEvent(repo, "main", before, commit.sha));
  await h.send(ciCompletedEvent(repo, fake.ciRun(repo, commit.sha, "test", ci)));
  return commit;
}

/** A PR from a branch off main's head that writes `files`, judged as GitHub opens it. */
async function open(
  { h, fake, repo }: Shop,
  name: string,
  files: Record<string, string | null>,
  extra: Partial<FakePull> = {},
) {
  fake.push(repo, name, { files, message: name });
  const pull = fake.pull(repo, { headRef: name, title: name, ...extra });
  await h.send(pullRequestEvent(repo, pull, "opened"));
  return pull;
}

const gateOf = ({ fake, repo }: Shop, pull: FakePull | string) =>
  fake.andonRun(repo, typeof pull === "string" ? pull : pull.headSha, "andon/mainline");

describe("road 1: the config cannot open the gate", () => {
  it("fails a PR that makes andon.yml invalid, while main is green and while it is red with the fix label", async () => {
    const shop = await greenShop();
    const broken = { [CONFIG]: "mainline:\n  fixLabel: [nope]\n" };

    const onGreen = await open(shop, "break-config", broken);
    expect(gateOf(shop, onGreen)?.conclusion).toBe("failure");
    expect(gateOf(shop, onGreen)?.output.title).toBe("This PR breaks .github/andon.yml: 1 error");
    expect(gateOf(shop, onGreen)?.annotations).toEqual([
      expect.objectContaining({ path: CONFIG, start_line: 2, annotation_level: "failure" }),
    ]);

    await land(shop, { "src/cart.ts": "cart v2 (broken)" });
    const labelled = await open(shop, "break-config-2", broken, { labels: ["fix-build"] });
    expect(gateOf(shop, labelled)?.conclusion).toBe("failure");

    // Main turns green: the flip leaves the PR's own verdict alone.
    const { h, fake, repo } = shop;
    const fix = fake.push(repo, "main", { files: { "src/cart.ts": "cart v3" } });
    await h.send(ciCompletedEvent(repo, fake.ciRun(repo, fix.sha, "test", "success")));
    expect(gateOf(shop, onGreen)?.conclusion).toBe("failure");
    expect(gateOf(shop, labelled)?.conclusion).toBe("failure");
  });

  it("keeps blocking on a red main whose own andon.yml is invalid, and lists the errors", async () => {
    const shop = await greenShop({ [CONFIG]: "mainline:\n  remindAfterHours: soon\n" });
    const plain = await open(shop, "feature", { "src/search.ts": "search" });

    await land(shop, { "src/cart.ts": "cart v2 (broken)" });

    const run = gateOf(shop, plain)!;
    expect(run.conclusion).toBe("failure");
    expect(run.output.title).toContain("(.github/andon.yml is invalid: 1 error)");
    expect(run.output.summary).toContain("`mainline.remindAfterHours`");
    expect(gateOf(shop, shop.fake.head(shop.repo))?.conclusion).toBe("failure");
  });

  it("judges a PR with the mainline's config: turning the gate off or naming a new fix label in the PR gets nothing", async () => {
    const shop = await greenShop();
    await land(shop, { "src/cart.ts": "cart v2 (broken)" });

    const off = await open(shop, "turn-off", { [CONFIG]: "mainline:\n  enabled: false\n" });
    const label = await open(
      shop,
      "own-label",
      { [CONFIG]: "mainline:\n  fixLabel: yolo\n", "src/search.ts": "search" },
      { labels: ["yolo"] },
    );

    expect(gateOf(shop, off)?.conclusion).toBe("failure");
    expect(gateOf(shop, label)?.conclusion).toBe("failure");
  });

  it("answers success titled 'disabled in .github/andon.yml' when the mainline's config turns the check off", async () => {
    const shop = await greenShop({ [CONFIG]: "mainline:\n  enabled: false\n" });
    const plain = await open(shop, "feature", { "src/search.ts": "search" });

    expect(gateOf(shop, plain)).toMatchObject({
      conclusion: "success",
      output: expect.objectContaining({ title: "disabled in .github/andon.yml" }),
    });
  });
});

describe("road 2: only a true revert passes a red main", () => {
  it.each([
    {
      road: "a title alone",
      files: { "src/search.ts": "search" },
      differs: "it changes `src/search.ts`, which no commit since the last green one changed",
    },
    {
      road: "a revert of the wrong commit",
      files: { "src/prices.ts": "prices v0" },
      differs: "it changes `src/prices.ts`, which no commit since the last green one changed",
    },
    {
      road: "a revert plus an extra file",
      files: { "src/cart.ts": "cart v1", "src/search.ts": "search" },
      differs: "it changes `src/search.ts`, which no commit since the last green one changed",
    },
    {
      road: "a file that does not end as it was",
      files: { "src/cart.ts": "cart v1.5" },
      differs: "`src/cart.ts` does not end as it was before any commit since the last green one",
    },
  ] as Array<{ road: string; files: Record<string, string>; differs: string }>)(
    "blocks $road, and says what differs",
    async ({ files, differs }) => {
      const shop = await greenShop();
      await land(shop, { "src/cart.ts": "cart v2 (broken)" });

      const pull = await open(shop, "revert", files, { title: 'Revert "Change"' });

      const run = gateOf(shop, pull)!;
      expect(run.conclusion).toBe("failure");
      expect(run.output.summary).toContain("### Not a true revert");
      expect(run.output.summary).toContain(`- ${differs}`);
    },
  );

  it("passes a true revert of the breaking commit, whatever its title, reading no file content", async () => {
    const shop = await greenShop();
    await land(shop, { "src/cart.ts": "cart v2 (broken)", "src/new.ts": "new" });
    shop.fake.resetRequests();

    const pull = await open(shop, "undo", { "src/cart.ts": "cart v1", "src/new.ts": null });

    expect(gateOf(shop, pull)?.conclusion).toBe("success");
    expect(gateOf(shop, pull)?.output.title).toMatch(/a true revert of [0-9a-f]{7}\)$/);
    expect(shop.fake.count((r) => /contents|blobs/.test(r.route))).toBe(0);
  });

  it("passes a true revert of two commits, and blocks one that undoes only the later of two changes to a file", async () => {
    const shop = await greenShop();
    const first = await land(shop, { "src/cart.ts": "cart v2 (broken)" });
    await land(shop, { "src/cart.ts": "cart v3 (still broken)", "src/prices.ts": "prices v2" });

    const both = await open(shop, "undo-both", {
      "src/cart.ts": "cart v1",
      "src/prices.ts": "prices v1",
    });
    const partial = await open(shop, "undo-prices", { "src/prices.ts": "prices v1" });
    const second = await open(shop, "undo-second", {
      "src/cart.ts": "cart v2 (broken)",
      "src/prices.ts": "prices v1",
    });

    expect(gateOf(shop, both)?.conclusion).toBe("success");
    expect(gateOf(shop, both)?.output.title).toContain(first.sha.slice(0, 7));
    expect(gateOf(shop, partial)?.conclusion).toBe("failure");
    // Undoing exactly the second commit is a true revert too (of that commit alone).
    expect(gateOf(shop, second)?.conclusion).toBe("success");
  });

  it("lets a true revert opened before the flip through when main turns red", async () => {
    const shop = await greenShop();
    const { h, fake, repo } = shop;
    // The breaking commit landed, CI still running; the revert is already open.
    const before = fake.head(repo);
    const broken = fake.push(repo, "main", { author: BREAKER, files: { "src/cart.ts": "bad" } });
    await h.send(pushEvent(repo, "main", before, broken.sha));
    const pull = await open(shop, "undo", { "src/cart.ts": "cart v1" });
    const plain = await open(shop, "feature", { "src/search.ts": "search" });

    await h.send(ciCompletedEvent(repo, fake.ciRun(repo, broken.sha, "test", "failure")));

    expect(gateOf(shop, pull)?.conclusion).toBe("success");
    expect(gateOf(shop, plain)?.conclusion).toBe("failure");
  });
});

describe("road 3: a merge group passes only if every PR it holds is a fix", () => {
  /**
   * The queue as GitHub builds it: each queued PR gets a group branch
   * `gh-readonly-queue/main/pr-<n>-<sha>` whose commit holds main, every PR ahead and this
   * PR; the group behind is built on the group ahead.
   */
  function queue({ fake, repo }: Shop, pulls: FakePull[]) {
    const base = fake.head(repo);
    let parent = base;
    return pulls.map((pull) => {
      const group = fake.commit(repo, {
        parents: [parent, pull.headSha],
        files: repo.commits.get(pull.headSha)!.files,
        message: `Merge pull request #${pull.number}`,
      });
      repo.branches.set(`gh-readonly-queue/main/pr-${pull.number}-${base}`, group.sha);
      parent = group.sha;
      return group;
    });
  }

  async function redShopWithPulls() {
    const shop = await greenShop();
    await land(shop, { "src/cart.ts": "cart v2 (broken)" });
    const fix = await open(shop, "fix", { "src/cart.ts": "cart v3" }, { labels: ["fix-build"] });
    const revert = await open(shop, "undo", { "src/cart.ts": "cart v1" });
    const plain = await open(shop, "feature", { "src/search.ts": "search" });
    return { shop, fix, revert, plain };
  }

  it.each([
    { order: "fix, then plain", names: ["fix", "plain"], last: "plain", passes: false },
    { order: "plain, then fix", names: ["plain", "fix"], last: "fix", passes: false },
    { order: "fix alone", names: ["fix"], last: "fix", passes: true },
    { order: "fix, then true revert", names: ["fix", "revert"], last: "revert", passes: true },
    { order: "plain alone", names: ["plain"], last: "plain", passes: false },
  ] as const)("judges a group of $order", async ({ names, last, passes }) => {
    const { shop, ...pulls } = await redShopWithPulls();
    const { h, repo } = shop;
    const groups = queue(
      shop,
      names.map((n) => pulls[n]),
    );
    const group = groups.at(-1)!;

    await h.send(mergeGroupEvent(repo, group.sha, pulls[last].number));

    const run = gateOf(shop, group.sha)!;
    expect(run.conclusion).toBe(passes ? "success" : "failure");
    if (!passes) expect(run.output.title).toContain(`#${pulls.plain.number} is not a fix`);
  });

  it("passes any group while main is green", async () => {
    const shop = await greenShop();
    const plain = await open(shop, "feature", { "src/search.ts": "search" });
    const other = await open(shop, "other", { "src/other.ts": "other" });
    const groups = queue(shop, [plain, other]);

    await shop.h.send(mergeGroupEvent(shop.repo, groups[1]!.sha, other.number));

    expect(gateOf(shop, groups[1]!.sha)?.conclusion).toBe("success");
  });
});
