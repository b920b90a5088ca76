import { afterEach, describe, expect, it } from "@jest/globals";
import { startAndon, stopAndon } from "../kit/harness.js";
import { checkRunEvent, ciCompletedEvent, pullRequestEvent } from "../kit/payloads.js";

afterEach(stopAndon);

const RECHECK = { requested_action: { identifier: "andon-recheck" } };

/** A green main with one open PR already judged, then CI fails on main with no webhook. */
async function missedRed() {
  const h = await startAndon({ env: { ANDON_SWEEP_INTERVAL: "0" } });
  const { fake } = h;
  const repo = fake.repo("acme/shop");
  fake.ciRun(repo, fake.head(repo), "test", "success");
  fake.push(repo, "feature", { files: { "src/a.ts": "export {};" } });
  const pull = fake.pull(repo, { headRef: "feature" });
  await h.send(pullRequestEvent(repo, pull, "opened"));
  const broken = fake.push(repo, "main", { message: "Break" });
  await h.send(ciCompletedEvent(repo, fake.ciRun(repo, broken.sha, "test", null, "queued")));
  fake.ciRun(repo, broken.sha, "test", "failure"); // its webhook never arrives
  return { h, fake, repo, pull, broken };
}

describe("Re-check", () => {
  it("re-judges the PR whose andon/mainline run was re-checked", async () => {
    const { h, fake, repo, pull } = await missedRed();
    const run = fake.andonRun(repo, pull.headSha, "andon/mainline")!;
    expect(run.conclusion).toBe("success");

    await h.send(checkRunEvent(repo, run, "requested_action", [pull], RECHECK));

    expect(fake.andonRun(repo, pull.headSha, "andon/mainline")?.conclusion).toBe("failure");
  });

  it("re-judges the mainline when the run re-checked is Andon's record on a mainline commit", async () => {
    const { h, fake, repo, broken } = await missedRed();
    const record = fake.andonRun(repo, broken.sha, "andon/mainline")!;

    await h.send(checkRunEvent(repo, record, "rerequested"));

    expect(fake.andonRun(repo, broken.sha, "andon/mainline")?.conclusion).toBe("failure");
    expect(fake.commentsOn(repo, broken.sha)).toHaveLength(1);
  });

  it("ignores other actions and other apps' runs", async () => {
    const { h, fake, repo, pull, broken } = await missedRed();
    const own = fake.andonRun(repo, pull.headSha, "andon/mainline")!;
    fake.resetRequests();

    await h.send(
      checkRunEvent(repo, own, "requested_action", [pull], {
        requested_action: { identifier: "other" },
      }),
    );
    const ci = fake.ciRun(repo, broken.sha, "lint", "success");
    await h.send(checkRunEvent(repo, ci, "rerequested", [pull]));

    expect(fake.count((r) => !r.route.includes("access_tokens"))).toBe(0);
  });
});
