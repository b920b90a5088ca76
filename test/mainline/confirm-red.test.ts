import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import type { AndonOptions } from "../../src/index.js";
import { migrate } from "../../src/store/migrations.js";
import { createStore } from "../../src/store/store.js";
import { BACKENDS, type Backend } from "../store/backends.js";
import { defineConsumer, type MainlineTransition } from "../../src/mainline/transition.js";
import { FakeGitHub } from "../kit/fake-github.js";
import { startAndon, stopAndon, type Harness } from "../kit/harness.js";
import { ciCompletedEvent, pullRequestEvent, pushEvent, statusEvent } from "../kit/payloads.js";
import type { FakeCheckRun, FakePull, FakeRepo } from "../kit/state.js";

afterEach(stopAndon);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const BREAKER = { name: "Bea Breaker", email: "bea@example.com", login: "bea" };
const RERUN_CONFIG = "mainline:\n  confirmRed: rerun\n";
const BOARD = "wall-display-token";

interface Scene {
  h: Harness;
  fake: FakeGitHub;
  repo: FakeRepo;
  pr: FakePull;
  transitions: MainlineTransition[];
}

/** Andon on acme/shop: a green main with `andon.yml` as given, and one open PR gated green. */
async function shop(
  options: {
    config?: string;
    actions?: "read" | "write";
    fake?: FakeGitHub;
    history?: AndonOptions["history"];
  } = {},
): Promise<Scene> {
  const fake = options.fake ?? new FakeGitHub();
  const transitions: MainlineTransition[] = [];
  const h = await startAndon(
    {
      env: { ANDON_SWEEP_INTERVAL: "0", ANDON_BOARD_TOKEN: BOARD },
      ...(options.history ? { history: options.history } : {}),
      transitionConsumers: [
        defineConsumer("test-transition", async ({ data }) => void transitions.push(data)),
      ],
    },
    fake,
  );
  const repo =
    fake.getRepo("acme", "shop") ??
    fake.repo("acme/shop", {
      files: { "README.md": "# shop", ".github/andon.yml": options.config ?? RERUN_CONFIG },
    });
  fake.installations.get(repo.installationId)!.permissions.actions = options.actions ?? "write";
  let pr = [...repo.pulls.values()][0];
  if (!pr) {
    fake.ciRun(repo, fake.head(repo), "test", "success");
    fake.push(repo, "feature", { files: { "src/search.ts": "export {};" } });
    pr = fake.pull(repo, { headRef: "feature", title: "Add search" });
    fake.advance(HOUR);
    await h.send(pullRequestEvent(repo, pr));
  }
  return { h, fake, repo, pr, transitions };
}

/** The breaking commit lands on main (its push delivered), before any build says so. */
async function pushBreaking({ h, fake, repo }: Scene) {
  const before = fake.head(repo);
  const broken = fake.push(repo, "main", { author: BREAKER, files: { "src/cart.ts": "oops" } });
  await h.send(pushEvent(repo, "main", before, broken.sha));
  return broken;
}

/** A commit lands on main and its GitHub Actions job `test` fails. */
async function breakMain(scene: Scene) {
  const { h, fake, repo } = scene;
  const broken = await pushBreaking(scene);
  fake.advance(5 * MINUTE);
  const run = fake.ciRun(repo, broken.sha, "test", "failure");
  const event = ciCompletedEvent(repo, run);
  await h.send(event);
  return { broken, run, event };
}

/** The re-run job GitHub queued for `run`, finished as `conclusion`, and its webhook sent. */
async function finishRerun({ h, fake, repo }: Scene, run: FakeCheckRun, conclusion: string) {
  const again = fake.latestRun(repo, run.head_sha, run.name)!;
  expect(again.id).not.toBe(run.id);
  fake.advance(4 * MINUTE);
  fake.complete(again, conclusion);
  await h.send(ciCompletedEvent(repo, again));
  return again;
}

const reruns = (fake: FakeGitHub) =>
  fake.requests.filter((r) => r.route.endsWith("/rerun-failed-jobs"));
const brokenComments = (fake: FakeGitHub, repo: FakeRepo, sha: string) =>
  fake.commentsOn(repo, sha).filter((c) => c.body.includes(`andon:broken:${sha}`));
const gateConclusions = ({ fake, repo, pr }: Scene) =>
  fake.andonRuns(repo, pr.headSha, "andon/mainline").map((r) => r.conclusion);
const mainRun = ({ fake, repo }: Scene, sha: string) => fake.andonRun(repo, sha, "andon/mainline")!;

describe("confirmRed: rerun", () => {
  it("re-runs the failed job once and declares red only when it fails again", async () => {
    const scene = await shop();
    const { h, fake, repo, pr } = scene;
    const { broken, run } = await breakMain(scene);

    expect(reruns(fake).map((r) => r.status)).toEqual([201]);
    expect(mainRun(scene, broken.sha)).toMatchObject({ conclusion: "neutral" });
    expect(mainRun(scene, broken.sha).output.title).toBe(
      `main is confirming a failure on ${broken.sha.slice(0, 7)} by re-running it`,
    );
    expect(mainRun(scene, broken.sha).output.summary).toContain("re-ran the 1 failed job once");
    // A PR pushed to meanwhile is judged as before: the red is not declared yet.
    await h.send(pullRequestEvent(repo, pr, "synchronize"));
    expect(brokenComments(fake, repo, broken.sha)).toHaveLength(0);
    expect(gateConclusions(scene)).toEqual(["success"]);
    expect(scene.transitions).toEqual([]);

    await finishRerun(scene, run, "failure");

    expect(brokenComments(fake, repo, broken.sha)).toHaveLength(1);
    expect(gateConclusions(scene)[0]).toBe("failure");
    expect(mainRun(scene, broken.sha)).toMatchObject({ conclusion: "failure" });
    expect(scene.transitions.map((t) => [t.event, t.breakingSha])).toEqual([["red", broken.sha]]);
    // The whole confirmation cost two requests: the workflow run's lookup and the re-run.
    expect(fake.requests.filter((r) => r.route.includes("/actions/")).map((r) => r.route)).toEqual([
      "GET /repos/{owner}/{repo}/actions/runs",
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs",
    ]);
  });

  it("clears when the re-run passes: no gate ever fails, no comment, no red", async () => {
    const scene = await shop();
    const { fake, repo } = scene;
    const { broken, run } = await breakMain(scene);

    await finishRerun(scene, run, "success");

    expect(gateConclusions(scene).every((c) => c === "success")).toBe(true);
    expect(fake.commentsOn(repo, broken.sha)).toEqual([]);
    expect(scene.transitions).toEqual([]);
    expect(mainRun(scene, broken.sha)).toMatchObject({ conclusion: "success" });
    expect(mainRun(scene, broken.sha).output.summary).toContain(
      "A re-run of the failed jobs on " + broken.sha.slice(0, 7) + " passed",
    );
  });

  it("waits for a workflow still running its other jobs, then re-runs its failed job", async () => {
    const scene = await shop();
    const { h, fake, repo } = scene;
    const broken = await pushBreaking(scene);
    const workflow = fake.workflowRun(repo, broken.sha, "CI");
    const e2e = fake.ciRun(repo, broken.sha, "e2e", null, "in_progress", { workflow });
    const unit = fake.ciRun(repo, broken.sha, "unit", "failure", "completed", { workflow });
    await h.send(ciCompletedEvent(repo, unit));

    expect(reruns(fake)).toEqual([]);
    expect(mainRun(scene, broken.sha).output.summary).toContain(
      "as soon as the workflow has finished",
    );
    expect(brokenComments(fake, repo, broken.sha)).toHaveLength(0);

    fake.advance(3 * MINUTE);
    await h.send(ciCompletedEvent(repo, fake.complete(e2e, "success")));
    expect(reruns(fake).map((r) => [r.path, r.status])).toEqual([
      [`/repos/acme/shop/actions/runs/${workflow.id}/rerun-failed-jobs`, 201],
    ]);
    await finishRerun(scene, unit, "failure");
    expect(brokenComments(fake, repo, broken.sha)).toHaveLength(1);
    expect(gateConclusions(scene)[0]).toBe("failure");
  });

  it("without actions: write, notes it on main's run and declares red at once", async () => {
    const scene = await shop({ actions: "read" });
    const { h, fake, repo } = scene;
    const { broken } = await breakMain(scene);

    expect(reruns(fake).map((r) => r.status)).toEqual([403]);
    const record = mainRun(scene, broken.sha);
    expect(record.conclusion).toBe("failure");
    expect(record.output.summary).toContain("**Not confirmed by a re-run:**");
    expect(record.output.summary).toContain("needs the optional `actions: write` permission");
    expect(brokenComments(fake, repo, broken.sha)).toHaveLength(1);
    expect(gateConclusions(scene)[0]).toBe("failure");
    expect(scene.transitions.map((t) => t.event)).toEqual(["red"]);
    // A missing permission is not a failure of the job: nothing was retried.
    expect(h.sleeps).toEqual([]);
  });

  it("declares red when the re-run has not finished by the timeout", async () => {
    const scene = await shop();
    const { h, fake, repo } = scene;
    const { broken } = await breakMain(scene);
    expect(fake.latestRun(repo, broken.sha, "test")?.status).toBe("queued");

    fake.advance(29 * MINUTE);
    await h.timers.runDue();
    await h.idle();
    expect(brokenComments(fake, repo, broken.sha)).toHaveLength(0);

    fake.advance(2 * MINUTE);
    await h.timers.runDue();
    await h.idle();

    expect(brokenComments(fake, repo, broken.sha)).toHaveLength(1);
    expect(gateConclusions(scene)[0]).toBe("failure");
    expect(scene.transitions.map((t) => [t.event, t.failingChecks])).toEqual([["red", ["test"]]]);
    expect(reruns(fake)).toHaveLength(1);
  });

  it("re-runs a commit once, whatever the redeliveries, other events and restarts", async () => {
    const scene = await shop();
    const { h, fake, repo } = scene;
    const { broken, event } = await breakMain(scene);

    await h.send({ ...event, id: randomUUID() });
    await h.send(statusEvent(repo, broken.sha, "ci/docs", "success"));
    stopAndon();
    const restarted = await shop({ fake });
    await restarted.h.send({ ...event, id: randomUUID() });

    expect(reruns(fake)).toHaveLength(1);
    expect(brokenComments(fake, repo, broken.sha)).toHaveLength(0);
    expect(mainRun(scene, broken.sha).output.title).toContain("is confirming a failure");
  });

  it("never re-runs a status or another app's check: they count at once", async () => {
    const scene = await shop();
    const { h, fake, repo } = scene;
    const broken = await pushBreaking(scene);
    fake.ciStatus(repo, broken.sha, "ci/jenkins", "failure");
    await h.send(statusEvent(repo, broken.sha, "ci/jenkins", "failure"));

    expect(brokenComments(fake, repo, broken.sha)).toHaveLength(1);
    expect(gateConclusions(scene)[0]).toBe("failure");

    const other = fake.repo("acme/api", {
      files: { "README.md": "# api", ".github/andon.yml": RERUN_CONFIG },
    });
    fake.ciRun(other, fake.head(other), "build", "success");
    const bad = fake.push(other, "main", { author: BREAKER, files: { "a.go": "x" } });
    const circle = fake.ciRun(other, bad.sha, "ci/circleci: build", "failure", "completed", {
      app: { id: 18001, slug: "circleci-checks" },
    });
    await h.send(ciCompletedEvent(other, circle));

    expect(brokenComments(fake, other, bad.sha)).toHaveLength(1);
    expect(reruns(fake)).toEqual([]);
    expect(fake.count((r) => r.route.includes("/actions/runs"))).toBe(0);
  });

  it("declares at once a failure that was already a re-run (a person re-ran the workflow)", async () => {
    const scene = await shop();
    const { h, fake, repo } = scene;
    const broken = await pushBreaking(scene);
    const workflow = fake.workflowRun(repo, broken.sha, "CI");
    workflow.run_attempt = 2;
    const run = fake.ciRun(repo, broken.sha, "test", "failure", "completed", { workflow });
    await h.send(ciCompletedEvent(repo, run));

    expect(reruns(fake)).toEqual([]);
    expect(brokenComments(fake, repo, broken.sha)).toHaveLength(1);
    expect(mainRun(scene, broken.sha).output.summary).toContain(
      "failed on a re-run already (attempt 2 of the workflow run)",
    );
  });

  it("leaves confirmRed off by default: a failure is red at once, nothing re-run", async () => {
    const scene = await shop({ config: "mainline:\n  fixLabel: fix-build\n" });
    const { broken } = await breakMain(scene);
    expect(brokenComments(scene.fake, scene.repo, broken.sha)).toHaveLength(1);
    expect(reruns(scene.fake)).toEqual([]);
  });
});

describe("the reminder's escalation", () => {
  it("mentions mainline.escalateTo, live for @user and @org/team, as code otherwise", async () => {
    const config = 'mainline:\n  escalateTo: ["@acme/platform", "@hubot", "oncall"]\n';
    const scene = await shop({ config });
    const { h, fake, repo } = scene;
    const { broken } = await breakMain(scene);

    fake.advance(4 * HOUR + 2 * MINUTE);
    await h.timers.runDue();
    await h.idle();

    const reminder = fake
      .commentsOn(repo, broken.sha)
      .find((c) => c.body.includes(`andon:reminder:${broken.sha}`));
    expect(reminder?.body.split("\n\n").at(-1)).toBe(
      "@acme/platform, @hubot, `oncall`: escalating to you, as `mainline.escalateTo` asks. Please make sure someone owns the fix.",
    );
  });
});

describe("the board's maybe-flaky list", () => {
  let backend: Backend;
  beforeAll(async () => {
    backend = BACKENDS.find(([name]) => name === "PGlite")![1]();
    await backend.start();
  }, 120_000);
  afterAll(() => backend.stop());

  it("lists a repository while its red is being confirmed, and not once it clears", async () => {
    const db = await backend.fresh();
    await migrate(db);
    const store = createStore(db);
    const scene = await shop({ history: async () => store });
    const summary = async () => {
      scene.fake.advance(MINUTE);
      const answer = await scene.h.http("GET", "/andon/api/summary?days=30", {
        authorization: `Bearer ${BOARD}`,
      });
      expect(answer.status).toBe(200);
      return (answer.body as { repos: Array<Record<string, unknown>> }).repos;
    };
    const { run } = await breakMain(scene);
    expect(await summary()).toEqual([
      expect.objectContaining({ repo: "acme/shop", state: "green", confirming: true }),
    ]);

    await finishRerun(scene, run, "success");
    expect((await summary())[0]).not.toHaveProperty("confirming");
  }, 60_000);
});
