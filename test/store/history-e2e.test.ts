import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { migrate } from "../../src/store/migrations.js";
import { createStore, type Store } from "../../src/store/store.js";
import { FakeGitHub } from "../kit/fake-github.js";
import { startAndon, stopAndon, type Harness } from "../kit/harness.js";
import {
  checkSuiteEvent,
  ciCompletedEvent,
  issueCommentEvent,
  pullRequestEvent,
  pushEvent,
  statusEvent,
  type WebhookEvent,
} from "../kit/payloads.js";
import type { FakeRepo } from "../kit/state.js";
import { JS_SHOP } from "../suite/shapes.js";
import { BACKENDS, type Backend } from "./backends.js";

const BOARD = "wall-display-token";
const ENV = { ANDON_SWEEP_INTERVAL: "0", ANDON_SWEEP_TOKEN: "sweep", ANDON_BOARD_TOKEN: BOARD };

const MONA = { name: "Mona", email: "mona@example.com", login: "mona" };
const HUBOT = { name: "Hubot", email: "hubot@example.com", login: "hubot" };
const OCTOCAT = { name: "Octocat", email: "octocat@example.com", login: "octocat" };

/** Lands `branch` on main with a merge commit, and the `pull_request.closed` GitHub sends. */
function merge(
  fake: FakeGitHub,
  repo: FakeRepo,
  spec: { branch: string; committedAt: string; mergedAt: string; labels?: string[]; into?: string },
): WebhookEvent {
  const into = spec.into ?? repo.defaultBranch;
  const base = fake.head(repo, into);
  const head = fake.push(repo, spec.branch, { date: spec.committedAt, parents: [base] });
  const pull = fake.pull(repo, {
    headRef: spec.branch,
    baseRef: into,
    labels: spec.labels ?? [],
  });
  const landed = fake.commit(repo, {
    parents: [base, head.sha],
    message: `Merge pull request #${pull.number}`,
    date: spec.mergedAt,
  });
  repo.branches.set(into, landed.sha);
  pull.state = "closed";
  const event = pullRequestEvent(repo, pull, "closed");
  const pr = event.payload.pull_request as Record<string, unknown>;
  Object.assign(pr, {
    merged: true,
    merged_at: spec.mergedAt,
    merge_commit_sha: landed.sha,
    base: { ...(pr.base as object), sha: base },
  });
  return event;
}

describe.each(BACKENDS)("the history of a week, end to end, on %s", (_name, make) => {
  let backend: Backend;
  let store: Store;
  beforeAll(async () => {
    backend = make();
    await backend.start();
  }, 120_000);
  afterAll(() => backend.stop());
  afterEach(stopAndon);

  /**
   * A working week of acme/shop, every step a webhook GitHub would send into Probot: a
   * red episode (a check run fails) fixed forward (its check suite completes green), a
   * flaky one (a commit status fails, then passes on a re-run of the same commit), a
   * closure and its opening by `/andon close` and `/andon open` comments, three merges
   * into main (one the labelled fix, while red), and the daily sweep's snapshot.
   */
  async function week(replicas: number, copies: number) {
    const db = await backend.fresh();
    await migrate(db);
    store = createStore(db);
    const fake = new FakeGitHub(new Date("2026-11-19T08:00:00.000Z"));
    fake.installation(1, "acme");
    const shop = fake.repo("acme/shop", { installationId: 1, files: JS_SHOP });
    fake.collaborator(shop, "lead", "maintain");
    const apps: Harness[] = [];
    for (let i = 0; i < replicas; i++) {
      apps.push(await startAndon({ history: async () => store, env: ENV }, fake));
    }
    // Every webhook reaches every replica `copies` times: the same delivery redelivered.
    const deliver = async (event: WebhookEvent) => {
      for (let c = 0; c < copies; c++) await Promise.all(apps.map((app) => app.send(event)));
    };
    const at = (iso: string) => {
      fake.now = new Date(iso);
    };
    const ci = (sha: string, results: Record<string, string>) =>
      Object.entries(results).map(([name, conclusion]) => fake.ciRun(shop, sha, name, conclusion));
    const pushMain = async (author: typeof MONA, file: string) => {
      const before = fake.head(shop);
      const commit = fake.push(shop, "main", { author, files: { [file]: author.login } });
      await deliver(pushEvent(shop, "main", before, commit.sha));
      return commit.sha;
    };
    const command = async (body: string) =>
      deliver(issueCommentEvent(shop, fake.issueComment(shop, { issue: 9, user: "lead", body })));

    ci(fake.head(shop), { "test (node 20)": "success", e2e: "success" });
    await deliver(
      merge(fake, shop, {
        branch: "feature/a",
        committedAt: "2026-11-19T10:00:00.000Z",
        mergedAt: "2026-11-19T16:00:00.000Z",
      }),
    );

    at("2026-11-20T10:00:00.000Z");
    const b1 = await pushMain(MONA, "src/cart.ts");
    const [failed] = ci(b1, { "test (node 20)": "failure", e2e: "success" });
    await deliver(ciCompletedEvent(shop, failed!));
    at("2026-11-20T11:00:00.000Z");
    await deliver(
      merge(fake, shop, {
        branch: "fix/b1",
        committedAt: "2026-11-20T10:30:00.000Z",
        mergedAt: "2026-11-20T11:00:00.000Z",
        labels: ["fix-build"],
      }),
    );
    at("2026-11-20T11:30:00.000Z");
    const f1 = await pushMain(HUBOT, "src/cart.ts");
    ci(f1, { "test (node 20)": "success", e2e: "success" });
    await deliver(checkSuiteEvent(shop, f1, "success"));

    at("2026-11-22T09:00:00.000Z");
    const b2 = await pushMain(OCTOCAT, "src/e2e.ts");
    ci(b2, { "test (node 20)": "success" });
    fake.ciStatus(shop, b2, "e2e", "failure");
    await deliver(statusEvent(shop, b2, "e2e", "failure"));
    at("2026-11-22T09:20:00.000Z");
    fake.ciStatus(shop, b2, "e2e", "success");
    await deliver(statusEvent(shop, b2, "e2e", "success"));

    at("2026-11-23T14:00:00.000Z");
    await command("/andon close release freeze");
    at("2026-11-23T16:00:00.000Z");
    await command("/andon open");

    at("2026-11-24T08:00:00.000Z");
    await deliver(
      merge(fake, shop, {
        branch: "feature/c",
        committedAt: "2026-11-21T08:00:00.000Z",
        mergedAt: "2026-11-24T08:00:00.000Z",
      }),
    );
    at("2026-11-25T12:00:00.000Z");
    // A merge into another branch, and a PR closed unmerged: neither is a mainline merge.
    const unmerged = pullRequestEvent(shop, fake.pull(shop, { headRef: "main" }), "closed");
    Object.assign(unmerged.payload.pull_request as object, { merged: false, merged_at: null });
    await deliver(unmerged);
    // Hours old, so the sweep finds neither branch stale.
    fake.push(shop, "release", { date: "2026-11-25T08:00:00.000Z" });
    const release = merge(fake, shop, {
      branch: "feature/r",
      committedAt: "2026-11-25T09:00:00.000Z",
      mergedAt: "2026-11-25T10:00:00.000Z",
      into: "release",
    });
    await deliver(release);
    fake.push(shop, "feature/stale", {
      date: "2026-11-22T12:00:00.000Z",
      author: { name: "Dee Dubois", email: "dee@acme.example", login: "dee" },
    });
    const swept = await apps[0]!.http("POST", "/andon/sweep", { authorization: "Bearer sweep" });
    expect(swept.status).toBe(202);
    await Promise.all(apps.map((app) => app.idle()));
    return { apps, fake, shas: { b1, f1, b2 } };
  }

  const rows = async () => ({
    episodes: await store.db.query(
      `select repo, breaking_sha, fixing_sha, author, fixing_author, failing_checks,
              started_at, ended_at, flaky, flipped_checks
       from red_episodes order by started_at`,
    ),
    closures: await store.db.query(
      "select repo, closed_at, closed_by, reason, opened_by, opened_at from closures",
    ),
    merges: await store.db.query(
      `select pr_number, merged_at, branch_age_hours, merged_while_red, let_through
       from merges order by pr_number`,
    ),
    snapshots: await store.db.query(
      `select repo, day::text as day, tests, stale_branches, oldest_branch_age_hours,
              oldest_branch, oldest_branch_author
       from daily_snapshots`,
    ),
    repositories: await store.db.query("select repo, first_seen from repositories"),
  });

  const d = (iso: string) => new Date(iso);
  const expectedRows = ({ b1, f1, b2 }: Record<string, string>) => ({
    episodes: [
      {
        repo: "acme/shop",
        breaking_sha: b1,
        fixing_sha: f1,
        author: "mona",
        fixing_author: "hubot",
        failing_checks: ["test (node 20)"],
        started_at: d("2026-11-20T10:00:00Z"),
        ended_at: d("2026-11-20T11:30:00Z"),
        flaky: false,
        flipped_checks: [],
      },
      {
        repo: "acme/shop",
        breaking_sha: b2,
        fixing_sha: b2,
        author: "octocat",
        fixing_author: "octocat",
        failing_checks: ["e2e"],
        started_at: d("2026-11-22T09:00:00Z"),
        ended_at: d("2026-11-22T09:20:00Z"),
        flaky: true,
        flipped_checks: ["e2e"],
      },
    ],
    closures: [
      {
        repo: "acme/shop",
        closed_at: d("2026-11-23T14:00:00Z"),
        closed_by: "lead",
        reason: "release freeze",
        opened_by: "lead",
        opened_at: d("2026-11-23T16:00:00Z"),
      },
    ],
    merges: [
      {
        pr_number: 1,
        merged_at: d("2026-11-19T16:00:00Z"),
        branch_age_hours: 6,
        merged_while_red: false,
        let_through: null,
      },
      {
        pr_number: 2,
        merged_at: d("2026-11-20T11:00:00Z"),
        branch_age_hours: 0.5,
        merged_while_red: true,
        let_through: "labelled `fix-build`",
      },
      {
        pr_number: 3,
        merged_at: d("2026-11-24T08:00:00Z"),
        branch_age_hours: 72,
        merged_while_red: false,
        let_through: null,
      },
    ],
    snapshots: [
      {
        repo: "acme/shop",
        day: "2026-11-25",
        tests: "ok",
        stale_branches: 1,
        oldest_branch_age_hours: 72,
        oldest_branch: "feature/stale",
        oldest_branch_author: "dee",
      },
    ],
    repositories: [{ repo: "acme/shop", first_seen: d("2026-11-19T16:00:00Z") }],
  });

  const FIGURES = {
    // Seen for 140 h; red 1.5 h + 20 min, closed 2 h.
    greenPct: 97.3,
    episodes: 2,
    flakyEpisodes: 1,
    restoreMinutes: { median: 55, p90: 90 },
    mergesPerDay: 0.51, // 3 merges in 140 h
    mergedBranchAgeHours: { median: 6 },
  };

  it.each([
    ["one replica, each webhook once", 1, 1],
    ["two replicas, each webhook delivered twice to both", 2, 2],
  ])("records exactly one row per event: %s", async (_label, replicas, copies) => {
    const { apps, shas } = await week(replicas, copies);
    expect(await rows()).toEqual(expectedRows(shas));

    const auth = { authorization: `Bearer ${BOARD}` };
    const summary = await apps.at(-1)!.http("GET", "/andon/api/summary?days=30", auth);
    expect(summary).toEqual({
      status: 200,
      body: {
        days: 30,
        from: "2026-10-26T12:00:00.000Z",
        to: "2026-11-25T12:00:00.000Z",
        installation: FIGURES,
        repos: [
          {
            repo: "acme/shop",
            state: "green",
            redSince: null,
            breakingSha: null,
            breakingAuthor: null,
            failingChecks: [],
            tests: "ok",
            staleBranches: 1,
            ...FIGURES,
          },
        ],
      },
    });

    const detail = await apps[0]!.http("GET", "/andon/api/repos/acme/shop?days=30", auth);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      repo: "acme/shop",
      ...FIGURES,
      episodeList: [
        {
          start: "2026-11-20T10:00:00.000Z",
          end: "2026-11-20T11:30:00.000Z",
          breakingSha: shas.b1,
          fixingSha: shas.f1,
          author: "mona",
          flaky: false,
          failingChecks: ["test (node 20)"],
        },
        {
          start: "2026-11-22T09:00:00.000Z",
          end: "2026-11-22T09:20:00.000Z",
          breakingSha: shas.b2,
          fixingSha: shas.b2,
          author: "octocat",
          flaky: true,
          failingChecks: ["e2e"],
        },
      ],
      closures: [
        {
          by: "lead",
          at: "2026-11-23T14:00:00.000Z",
          reason: "release freeze",
          openedBy: "lead",
          openedAt: "2026-11-23T16:00:00.000Z",
        },
      ],
    });
  });

  it("delays a record while the database is down, and never loses it", async () => {
    const db = await backend.fresh();
    await migrate(db);
    let outages = 3;
    const flaky: Store = {
      ...createStore(db),
      recordRed: async (r) => {
        if (outages-- > 0)
          throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
        return createStore(db).recordRed(r);
      },
    };
    const fake = new FakeGitHub();
    fake.installation(1, "acme");
    fake.repo("acme/shop", { installationId: 1 });
    const app = await startAndon({ history: async () => flaky, env: ENV }, fake);
    // The transition the gate hands on when main turns red (a consumer's job each).
    app.andon.onTransition({
      event: "red",
      installationId: 1,
      repository: "acme/shop",
      sha: "b1",
      breakingSha: "b1",
      fixingSha: null,
      author: "mona",
      failingChecks: ["test (node 20)"],
      reason: null,
      url: null,
      at: "2026-11-20T10:00:00.000Z",
    });
    await app.idle();
    expect(app.sleeps).toHaveLength(3);
    const episodes = await db.query("select breaking_sha from red_episodes");
    expect(episodes).toEqual([{ breaking_sha: "b1" }]);
  });
});
