import { afterEach, describe, expect, it } from "@jest/globals";
import { defineConsumer, type MainlineTransition } from "../../src/mainline/transition.js";
import { FakeGitHub } from "../kit/fake-github.js";
import { startAndon, stopAndon, type Harness } from "../kit/harness.js";
import { ciCompletedEvent, pushEvent, statusEvent } from "../kit/payloads.js";
import { SWEEP_ENV, sweep } from "../kit/sweep-scenario.js";
import type { FakeRepo } from "../kit/state.js";

afterEach(stopAndon);

const HOUR = 3_600_000;
const BREAKER = { name: "Bea Breaker", email: "bea@example.com", login: "bea" };

/** Andon on a fake with acme/shop green, recording every transition it hands on. */
async function start(fake = new FakeGitHub()) {
  const transitions: MainlineTransition[] = [];
  const h = await startAndon(
    {
      env: SWEEP_ENV,
      transitionConsumers: [
        defineConsumer("record-transition", async ({ data }) => {
          transitions.push(data);
        }),
      ],
    },
    fake,
  );
  return { h, fake, transitions };
}

function greenRepo(fake: FakeGitHub): FakeRepo {
  const repo = fake.repo("acme/shop");
  fake.ciRun(repo, fake.head(repo), "test", "success");
  fake.advance(HOUR);
  return repo;
}

async function breakMain(h: Harness, fake: FakeGitHub, repo: FakeRepo) {
  const before = fake.head(repo);
  const broken = fake.push(repo, "main", { author: BREAKER, files: { "src/cart.ts": "bad" } });
  await h.send(pushEvent(repo, "main", before, broken.sha));
  const run = fake.ciRun(repo, broken.sha, "test", "failure");
  await h.send(ciCompletedEvent(repo, run));
  return { broken, run };
}

const reminders = (fake: FakeGitHub, repo: FakeRepo, sha: string) =>
  fake.commentsOn(repo, sha).filter((c) => c.body.includes("andon:reminder:"));

describe("the one reminder", () => {
  it("is posted by the daily sweep when main is red past remindAfterHours, once", async () => {
    const { h, fake } = await start();
    const repo = greenRepo(fake);
    const { broken } = await breakMain(h, fake, repo);
    fake.advance(5 * HOUR);

    await sweep(h);
    await sweep(h);

    expect(reminders(fake, repo, broken.sha)).toHaveLength(1);
    expect(fake.commentsOn(repo, broken.sha)).toHaveLength(2);
  });

  it("is posted by the delayed re-check when no webhook comes, once", async () => {
    const { h, fake } = await start();
    const repo = greenRepo(fake);
    const { broken } = await breakMain(h, fake, repo);

    fake.advance(4 * HOUR + 2 * 60_000);
    await h.timers.runDue();
    await h.idle();
    await h.send(statusEvent(repo, broken.sha, "ci/lint", "success"));

    expect(reminders(fake, repo, broken.sha)).toHaveLength(1);
  });

  it("is posted after a restart by the next webhook, once, and not again where an earlier Andon reminded", async () => {
    const fake = new FakeGitHub();
    const first = await start(fake);
    const repo = greenRepo(fake);
    const { broken } = await breakMain(first.h, fake, repo);
    stopAndon();

    fake.advance(5 * HOUR);
    const second = await start(fake);
    await second.h.send(statusEvent(repo, broken.sha, "ci/lint", "success"));
    await second.h.send(statusEvent(repo, broken.sha, "ci/docs", "success"));
    expect(reminders(fake, repo, broken.sha)).toHaveLength(1);

    // Another repository, reminded by an earlier Andon under the old marker.
    const other = fake.repo("acme/api");
    fake.ciRun(other, fake.head(other), "test", "success");
    const { broken: old } = await breakMain(second.h, fake, other);
    fake.advance(5 * HOUR);
    other.comments.push({
      id: fake.id(),
      commit_id: old.sha,
      body: `<!-- andon:broken-reminder:${old.sha} -->\nStill red.`,
      user: "andon[bot]",
      created_at: fake.now.toISOString(),
      updated_at: fake.now.toISOString(),
    });
    await second.h.send(statusEvent(other, old.sha, "ci/lint", "success"));
    expect(reminders(fake, other, old.sha)).toHaveLength(0);
    expect(fake.commentsOn(other, old.sha)).toHaveLength(2);
  });
});

describe("transitions", () => {
  it("hands on exactly one per flip, whatever the redeliveries and the burst of events", async () => {
    const { h, fake, transitions } = await start();
    const repo = greenRepo(fake);
    const { broken, run } = await breakMain(h, fake, repo);
    const event = ciCompletedEvent(repo, run);
    await h.send(event);
    await h.send(event);
    await h.send(statusEvent(repo, broken.sha, "ci/lint", "success"));
    await sweep(h);

    fake.advance(2 * HOUR);
    const fix = fake.push(repo, "main", { files: { "src/cart.ts": "ok" } });
    const fixed = ciCompletedEvent(repo, fake.ciRun(repo, fix.sha, "test", "success"));
    await Promise.all([h.probot.receive(fixed as never), h.probot.receive(fixed as never)]);
    await h.idle();
    await h.send(fixed);

    expect(transitions.map((t) => [t.event, t.breakingSha, t.fixingSha])).toEqual([
      ["red", broken.sha, null],
      ["green", broken.sha, fix.sha],
    ]);
    expect(transitions[0]).toMatchObject({
      repository: "acme/shop",
      author: "bea",
      failingChecks: ["test"],
      at: run.completed_at,
    });
    expect(transitions[1]).toMatchObject({ flaky: false });
  });

  it("records a flaky episode: the breaking commit itself turns green on a re-run", async () => {
    const { h, fake, transitions } = await start();
    const repo = greenRepo(fake);
    const { broken } = await breakMain(h, fake, repo);

    fake.advance(20 * 60_000);
    const rerun = fake.ciRun(repo, broken.sha, "test", "success");
    await h.send(ciCompletedEvent(repo, rerun));

    expect(transitions.at(-1)).toMatchObject({
      event: "green",
      fixingSha: broken.sha,
      flaky: true,
      flippedChecks: ["test"],
    });
    const restored = fake
      .commentsOn(repo, broken.sha)
      .find((c) => c.body.includes(`andon:restored:${broken.sha}`));
    expect(restored?.body).toContain("the episode was **flaky**");
    expect(restored?.body).toContain("Time to restore: **20m**");
  });
});
