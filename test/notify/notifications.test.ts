import { afterEach, describe, expect, it } from "@jest/globals";
import { startAndon, stopAndon, type Harness } from "../kit/harness.js";
import {
  ciCompletedEvent,
  issueCommentEvent,
  pullRequestEvent,
  pushEvent,
} from "../kit/payloads.js";
import type { FakePull, FakeRepo } from "../kit/state.js";
import { slackProblems, teamsProblems } from "./chat-shapes.js";
import { startSink, type Sink } from "./sink.js";

let sink: Sink | undefined;
afterEach(async () => {
  stopAndon();
  await sink?.close();
  sink = undefined;
});

interface Scene {
  h: Harness;
  repo: FakeRepo;
  plain: FakePull;
  sink: Sink;
}

/** acme/shop with one open PR, a maintainer, and the hooks given (on a local sink). */
async function scene(hooks: (origin: string) => string, files: Record<string, string> = {}) {
  sink = await startSink();
  const h = await startAndon({
    env: { ANDON_SWEEP_INTERVAL: "0", ANDON_NOTIFY_URLS: hooks(sink.origin) },
    // Long enough for a loaded test machine; a hook that hangs costs the test this much.
    notifyTimeoutMs: 1500,
  });
  const repo = h.fake.repo("acme/shop", { files: { "README.md": "# shop", ...files } });
  const run = h.fake.ciRun(repo, h.fake.head(repo), "test", "success");
  h.fake.push(repo, "feature", { files: { "src/a.ts": "export {};" } });
  const plain = h.fake.pull(repo, { headRef: "feature" });
  h.fake.collaborator(repo, "mona", "maintain");
  await h.send(ciCompletedEvent(repo, run));
  await h.send(pullRequestEvent(repo, plain));
  return { h, repo, plain, sink };
}

async function command({ h, repo }: Scene, body: string) {
  const c = h.fake.issueComment(repo, { issue: 3, user: "mona", body });
  await h.send(issueCommentEvent(repo, c));
  return c;
}

const gateTitle = ({ h, repo, plain }: Scene) =>
  h.fake.andonRun(repo, plain.headSha, "andon/mainline")?.output.title;

describe("notifications of mainline transitions", () => {
  it("sends one message per transition to each hook, in its format", async () => {
    const s = await scene((o) => `slack:${o}/slack,teams:${o}/teams,${o}/json`);
    await command(s, "/andon close release freeze");
    await command(s, "/andon open");

    const at = (path: string) => s.sink.received.filter((r) => r.path === path).map((r) => r.body);
    expect(s.sink.received).toHaveLength(6);
    expect(at("/json").map((b) => (b as { event: string }).event)).toEqual(["closed", "opened"]);
    for (const message of at("/slack")) expect(slackProblems(message)).toEqual([]);
    for (const card of at("/teams")) expect(teamsProblems(card)).toEqual([]);
    expect(JSON.stringify(at("/slack")[0])).toContain("release freeze");
    expect(JSON.stringify(at("/teams")[1])).toContain("open again");
  });

  it("retries a failing hook with backoff, after the gates were written", async () => {
    const s = await scene((o) => `${o}/json`);
    s.sink.answers.push(503, 502);
    await command(s, "/andon close freeze");
    expect(gateTitle(s)).toBe("main is closed by mona: freeze");
    expect(s.sink.received).toHaveLength(3);
    expect(s.h.sleeps).toEqual([1000, 2000]);
  });

  it("never lets a hook that does not answer hold up the gates", async () => {
    const s = await scene((o) => `${o}/json,${o}/other`);
    s.sink.answers.push("hang");
    await command(s, "/andon close freeze");
    expect(gateTitle(s)).toBe("main is closed by mona: freeze");
    // The hung hook was tried again; the other got its one message.
    expect(s.sink.received.filter((r) => r.path === "/other")).toHaveLength(1);
    expect(s.sink.received.filter((r) => r.path === "/json")).toHaveLength(2);
  });

  it("gives up on a 4xx without retrying", async () => {
    const s = await scene((o) => `${o}/gone`);
    s.sink.answers.push(404);
    await command(s, "/andon close freeze");
    expect(s.sink.received).toHaveLength(1);
    expect(s.h.sleeps).toEqual([]);
  });

  it("sends nothing for a repository with notify.enabled: false, and still closes it", async () => {
    const s = await scene((o) => `${o}/json`, {
      ".github/andon.yml": "notify:\n  enabled: false\n",
    });
    await command(s, "/andon close freeze");
    expect(gateTitle(s)).toBe("main is closed by mona: freeze");
    expect(s.sink.received).toEqual([]);
  });
  it("sends one red and one green per episode, and nothing new for redelivered webhooks", async () => {
    const s = await scene((o) => `${o}/json`);
    const { h, repo } = s;
    const before = h.fake.head(repo);
    const broken = h.fake.push(repo, "main", {
      author: { name: "Bea", email: "bea@example.com", login: "bea" },
      files: { "src/cart.ts": "oops" },
    });
    const push = pushEvent(repo, "main", before, broken.sha);
    await h.send(push);
    const failed = ciCompletedEvent(repo, h.fake.ciRun(repo, broken.sha, "test", "failure"));
    await h.send(failed);
    await h.send(failed);
    await h.send({ ...failed, id: "11111111-2222-3333-4444-555555555555" });
    h.fake.advance(3_600_000);
    const fixed = h.fake.push(repo, "main", {
      author: { name: "Finn", email: "finn@example.com", login: "finn" },
      files: { "src/cart.ts": "ok" },
    });
    const passed = ciCompletedEvent(repo, h.fake.ciRun(repo, fixed.sha, "test", "success"));
    await h.send(passed);
    await h.send(passed);
    await h.send({ ...passed, id: "66666666-2222-3333-4444-555555555555" });

    expect(s.sink.received.map((r) => r.body)).toEqual([
      expect.objectContaining({
        event: "red",
        breakingSha: broken.sha,
        author: "bea",
        failingChecks: ["test"],
      }),
      expect.objectContaining({
        event: "green",
        breakingSha: broken.sha,
        fixingSha: fixed.sha,
        author: "finn",
      }),
    ]);
  });
});
