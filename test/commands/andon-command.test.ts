import { afterEach, describe, expect, it } from "@jest/globals";
import type { FakeGitHub } from "../kit/fake-github.js";
import { startAndon, stopAndon, type Harness } from "../kit/harness.js";
import {
  ciCompletedEvent,
  issueCommentEvent,
  mergeGroupEvent,
  pullRequestEvent,
  pushEvent,
} from "../kit/payloads.js";
import { reactionsOn } from "../kit/routes-issues.js";
import type { FakePull, FakeRepo } from "../kit/state.js";
import { startSink, type Sink } from "../notify/sink.js";

const HOUR = 3_600_000;
const BREAKER = { name: "Bea Breaker", email: "bea@example.com", login: "bea" };

let sink: Sink | undefined;
afterEach(async () => {
  stopAndon();
  await sink?.close();
  sink = undefined;
});

interface Shop {
  h: Harness;
  fake: FakeGitHub;
  repo: FakeRepo;
  plain: FakePull;
  fix: FakePull;
  sink: Sink;
}

/** acme/shop: green main, a plain PR and a labelled fix, people with each role, a JSON hook. */
async function greenShop(): Promise<Shop> {
  sink = await startSink();
  const h = await startAndon({
    env: { ANDON_SWEEP_INTERVAL: "0", ANDON_NOTIFY_URLS: `${sink.origin}/andon` },
  });
  const { fake } = h;
  const repo = fake.repo("acme/shop");
  fake.ciRun(repo, fake.head(repo), "test", "success");
  const branch = (name: string) => {
    fake.push(repo, name, { files: { [`src/${name}.ts`]: "export {};" } });
    return name;
  };
  const plain = fake.pull(repo, { headRef: branch("feature"), title: "Add search" });
  const fix = fake.pull(repo, { headRef: branch("fix"), labels: ["fix-build"] });
  fake.collaborator(repo, "mona", "maintain");
  fake.collaborator(repo, "ada", "admin");
  fake.collaborator(repo, "rita", "read");
  fake.collaborator(repo, "tom", "triage");
  fake.advance(HOUR);
  // Main is judged green once, so Andon's record exists as it would in production.
  await h.send(ciCompletedEvent(repo, repo.checkRuns[0]!));
  for (const pr of [plain, fix]) await h.send(pullRequestEvent(repo, pr));
  return { h, fake, repo, plain, fix, sink };
}

async function comment(shop: Shop, user: string, body: string, userType?: "User" | "Bot") {
  const c = shop.fake.issueComment(shop.repo, {
    issue: 7,
    user,
    body,
    ...(userType ? { userType } : {}),
  });
  await shop.h.send(issueCommentEvent(shop.repo, c));
  return c;
}

const gate = ({ fake, repo }: Shop, sha: string) => fake.andonRun(repo, sha, "andon/mainline");
const events = (s: Sink) => s.received.map((r) => (r.body as { event: string }).event);

describe("/andon close and /andon open", () => {
  it("closes the mainline for a maintainer: every gate fails with the reason and who, fixes pass, main's run shows it", async () => {
    const shop = await greenShop();
    const { fake, repo, plain, fix } = shop;
    expect(gate(shop, plain.headSha)?.conclusion).toBe("success");

    const c = await comment(shop, "mona", "/andon close release 2.0 freeze\n\nBack at 5pm.");

    expect(gate(shop, plain.headSha)).toMatchObject({
      conclusion: "failure",
      output: { title: "main is closed by mona: release 2.0 freeze" },
    });
    expect(gate(shop, plain.headSha)?.output.summary).toContain("/andon open");
    expect(gate(shop, fix.headSha)?.conclusion).toBe("success");
    expect(gate(shop, fix.headSha)?.output.title).toContain("lets the fix through");
    const head = fake.andonRun(repo, fake.head(repo), "andon/mainline");
    expect(head).toMatchObject({
      conclusion: "failure",
      output: { title: expect.stringContaining("closed by mona") },
    });
    expect(reactionsOn(repo, c.id)).toEqual(["andon[bot] +1"]);
    expect(shop.sink.received.map((r) => r.body)).toEqual([
      {
        event: "closed",
        repository: "acme/shop",
        sha: fake.head(repo),
        breakingSha: null,
        fixingSha: null,
        author: "mona",
        failingChecks: [],
        reason: "release 2.0 freeze",
        url: c.html_url,
        at: c.created_at,
      },
    ]);
  });

  it("keeps a PR judged while closed failing, and reopens everything on /andon open", async () => {
    const shop = await greenShop();
    const { h, fake, repo, plain } = shop;
    await comment(shop, "ada", "/andon close bad deploy");
    fake.push(repo, "feature", { files: { "src/more.ts": "export {};" } });
    const pushed = { ...plain, headSha: fake.head(repo, "feature") };
    repo.pulls.set(plain.number, pushed);
    await h.send(pullRequestEvent(repo, pushed, "synchronize"));
    expect(gate(shop, pushed.headSha)?.output.title).toBe("main is closed by ada: bad deploy");

    fake.advance(HOUR);
    const open = await comment(shop, "mona", "/andon open");

    expect(gate(shop, pushed.headSha)).toMatchObject({
      conclusion: "success",
      output: { title: "main is green" },
    });
    expect(fake.andonRun(repo, fake.head(repo), "andon/mainline")?.conclusion).toBe("success");
    expect(reactionsOn(repo, open.id)).toEqual(["andon[bot] +1"]);
    expect(events(shop.sink)).toEqual(["closed", "opened"]);
  });

  it.each([
    ["a read-only collaborator", "rita"],
    ["a triager", "tom"],
    ["an outside contributor", "otto"],
  ])("refuses %s with -1 and changes nothing", async (_who, login) => {
    const shop = await greenShop();
    const { fake, repo, plain } = shop;
    const writes = fake.writes();
    const c = await comment(shop, login, "/andon close I want to");
    expect(reactionsOn(repo, c.id)).toEqual(["andon[bot] -1"]);
    expect(fake.writes() - writes).toBe(1);
    expect(gate(shop, plain.headSha)?.conclusion).toBe("success");
    expect(shop.sink.received).toEqual([]);
  });

  it("refuses a close without a reason with a reaction only, without asking GitHub who wrote it", async () => {
    const shop = await greenShop();
    const { fake, repo } = shop;
    fake.resetRequests();
    const c = await comment(shop, "mona", "/andon close   ");
    expect(reactionsOn(repo, c.id)).toEqual(["andon[bot] -1"]);
    expect(fake.count((r) => r.route.includes("collaborators"))).toBe(0);
    expect(fake.count((r) => r.route.includes("/issues/") && !r.route.includes("reactions"))).toBe(
      0,
    );
    expect(shop.sink.received).toEqual([]);
  });

  it("ignores bots, commands after the first line, and other comments", async () => {
    const shop = await greenShop();
    const { fake, repo, plain } = shop;
    fake.collaborator(repo, "deploy-bot[bot]", "admin");
    fake.resetRequests();
    await comment(shop, "deploy-bot[bot]", "/andon close deploying", "Bot");
    await comment(shop, "mona", "Looks good.\n/andon close not on the first line");
    await comment(shop, "mona", "/andonclose no space");
    expect(fake.writes()).toBe(0);
    expect(gate(shop, plain.headSha)?.conclusion).toBe("success");
  });

  it("ignores an edited comment", async () => {
    const shop = await greenShop();
    const { h, fake, repo } = shop;
    const c = fake.issueComment(repo, { issue: 7, user: "mona", body: "/andon close edited in" });
    fake.resetRequests();
    await h.send(issueCommentEvent(repo, c, "edited"));
    expect(fake.writes()).toBe(0);
  });

  it("closes a red mainline too, and opening it leaves it red", async () => {
    const shop = await greenShop();
    const { h, fake, repo, plain } = shop;
    const before = fake.head(repo);
    const broken = fake.push(repo, "main", { author: BREAKER, files: { "src/cart.ts": "oops" } });
    await h.send(pushEvent(repo, "main", before, broken.sha));
    await h.send(ciCompletedEvent(repo, fake.ciRun(repo, broken.sha, "test", "failure")));
    expect(gate(shop, plain.headSha)?.output.title).toMatch(/^main is red/);

    await comment(shop, "mona", "/andon close incident 42");
    expect(gate(shop, plain.headSha)?.output.title).toBe("main is closed by mona: incident 42");
    expect(gate(shop, plain.headSha)?.output.summary).toContain("also red");

    await comment(shop, "mona", "/andon open");
    expect(gate(shop, plain.headSha)).toMatchObject({
      conclusion: "failure",
      output: { title: expect.stringMatching(/^main is red/) },
    });
    expect(fake.andonRun(repo, broken.sha, "andon/mainline")?.output.title).toMatch(/^main is red/);

    // The fix still turns main green, and no closure comes back with it.
    fake.advance(HOUR);
    const fixed = fake.push(repo, "main", { files: { "src/cart.ts": "ok" } });
    await h.send(ciCompletedEvent(repo, fake.ciRun(repo, fixed.sha, "test", "success")));
    expect(gate(shop, plain.headSha)).toMatchObject({
      conclusion: "success",
      output: { title: "main is green" },
    });
    expect(events(shop.sink)).toEqual(expect.arrayContaining(["closed", "opened"]));
  });

  it("stays closed when main flips while closed, until /andon open", async () => {
    const shop = await greenShop();
    const { h, fake, repo, plain } = shop;
    await comment(shop, "mona", "/andon close freeze");
    const before = fake.head(repo);
    const next = fake.push(repo, "main", { files: { "src/a.ts": "a" } });
    await h.send(pushEvent(repo, "main", before, next.sha));
    await h.send(ciCompletedEvent(repo, fake.ciRun(repo, next.sha, "test", "success")));
    expect(gate(shop, plain.headSha)?.output.title).toBe("main is closed by mona: freeze");
    expect(fake.andonRun(repo, next.sha, "andon/mainline")?.output.title).toContain(
      "closed by mona",
    );
    await comment(shop, "mona", "/andon open");
    expect(gate(shop, plain.headSha)?.output.title).toBe("main is green");
  });

  it("acts once on a redelivered command: one reaction, one transition", async () => {
    const shop = await greenShop();
    const { h, fake, repo, plain } = shop;
    const c = fake.issueComment(repo, { issue: 7, user: "mona", body: "/andon close freeze" });
    const event = issueCommentEvent(repo, c);
    await h.send(event);
    await h.send(event);
    // GitHub's "Redeliver" after a restart: a new delivery id, the same comment.
    await h.send({ ...event, id: "11111111-2222-3333-4444-555555555555" });
    expect(reactionsOn(repo, c.id)).toEqual(["andon[bot] +1"]);
    expect(events(shop.sink)).toEqual(["closed"]);

    // A redelivered close that arrives after the open changes nothing either.
    await comment(shop, "mona", "/andon open");
    await h.send({ ...event, id: "66666666-2222-3333-4444-555555555555" });
    expect(gate(shop, plain.headSha)?.output.title).toBe("main is green");
    expect(events(shop.sink)).toEqual(["closed", "opened"]);
  });

  it("asks GitHub for a person's role at most once a minute", async () => {
    const shop = await greenShop();
    const { fake } = shop;
    fake.resetRequests();
    await comment(shop, "rita", "/andon close one");
    await comment(shop, "rita", "/andon close two");
    const asked = () => fake.count((r) => r.route.includes("/collaborators/"));
    expect(asked()).toBe(1);
    fake.advance(61_000);
    await comment(shop, "rita", "/andon close three");
    expect(asked()).toBe(2);
  });

  it("holds the merge queue too, except the fix", async () => {
    const shop = await greenShop();
    const { h, fake, repo, plain, fix } = shop;
    await comment(shop, "mona", "/andon close freeze");
    const group = (pr: FakePull) => fake.commit(repo, { parents: [fake.head(repo), pr.headSha] });
    const queuedPlain = group(plain);
    const queuedFix = group(fix);
    await h.send(mergeGroupEvent(repo, queuedPlain.sha, plain.number));
    await h.send(mergeGroupEvent(repo, queuedFix.sha, fix.number));
    expect(gate(shop, queuedPlain.sha)?.conclusion).toBe("failure");
    expect(gate(shop, queuedFix.sha)?.conclusion).toBe("success");
  });

  it("refuses a command where andon/mainline is turned off", async () => {
    const shop = await greenShop();
    const { h, fake, repo } = shop;
    const before = fake.head(repo);
    const off = fake.push(repo, "main", {
      files: { ".github/andon.yml": "mainline:\n  enabled: false\n" },
    });
    await h.send(pushEvent(repo, "main", before, off.sha));
    const c = await comment(shop, "mona", "/andon close freeze");
    expect(reactionsOn(repo, c.id)).toEqual(["andon[bot] -1"]);
    expect(shop.sink.received).toEqual([]);
  });

  it.each([
    ["a gate write", () => ({ method: "POST", path: /\/check-runs$/ })],
    [
      "the record write",
      (shop: Shop) => ({ path: `/check-runs/${gate(shop, shop.fake.head(shop.repo))!.id}` }),
    ],
  ])(
    "finishes the job when %s fails once: every gate, one transition, one reaction",
    async (_what, where) => {
      const shop = await greenShop();
      const { fake, repo, plain, fix } = shop;
      fake.fail({ ...where(shop), status: 502 });
      const c = await comment(shop, "mona", "/andon close freeze");
      expect(shop.h.sleeps).toHaveLength(1);
      expect(gate(shop, plain.headSha)?.output.title).toBe("main is closed by mona: freeze");
      expect(gate(shop, fix.headSha)?.output.title).toContain("lets the fix through");
      expect(gate(shop, fake.head(repo))?.output.title).toBe("main is closed by mona: freeze");
      expect(events(shop.sink)).toEqual(["closed"]);
      expect(reactionsOn(repo, c.id)).toEqual(["andon[bot] +1"]);
    },
  );
});
