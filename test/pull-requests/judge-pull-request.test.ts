import { afterEach, describe, expect, it } from "@jest/globals";
import { startAndon, stopAndon } from "../kit/harness.js";
import { pullRequestEvent } from "../kit/payloads.js";

afterEach(stopAndon);

describe("a pull request on a repo with an invalid andon.yml", () => {
  it("reports the error on every Andon check with its real verdict, annotated on the file's line", async () => {
    const { fake, send } = await startAndon();
    const repo = fake.repo("acme/shop", {
      files: {
        ".github/andon.yml": "mainline:\n  fixLabel: fix-build\n  allowReverts: sometimes\n",
      },
    });
    fake.push(repo, "feature", { files: { "src/a.ts": "export const a = 1;" } });
    const pull = fake.pull(repo, { headRef: "feature" });

    await send(pullRequestEvent(repo, pull, "opened"));

    const names = fake
      .andonRuns(repo, pull.headSha)
      .map((r) => r.name)
      .sort();
    expect(names).toEqual(["andon/integration", "andon/mainline", "andon/tests"]);
    // The real verdicts: main has no CI (nothing to judge), no tests, a fresh branch.
    expect(fake.andonRun(repo, pull.headSha, "andon/mainline")?.conclusion).toBe("neutral");
    expect(fake.andonRun(repo, pull.headSha, "andon/tests")?.conclusion).toBe("failure");
    expect(fake.andonRun(repo, pull.headSha, "andon/integration")?.conclusion).toBe("success");
    for (const run of fake.andonRuns(repo, pull.headSha)) {
      expect(run.output.title).toContain("(.github/andon.yml is invalid: 1 error)");
      expect(run.output.summary).toContain(
        "`mainline.allowReverts` Invalid input: expected boolean",
      );
      expect(run.annotations).toEqual([
        expect.objectContaining({
          path: ".github/andon.yml",
          start_line: 3,
          annotation_level: "failure",
        }),
      ]);
      expect(run.actions).toEqual([expect.objectContaining({ identifier: "andon-recheck" })]);
    }
  });
});

describe("a pull request that changes andon.yml", () => {
  it("is checked against its new file: a broken change shows on the PR before it lands", async () => {
    const { fake, send } = await startAndon({ env: { ANDON_SWEEP_INTERVAL: "0" } });
    const repo = fake.repo("acme/shop", {
      files: { ".github/andon.yml": "tests:\n  requireTestsInPRs: false\n" },
    });
    fake.push(repo, "config", {
      files: {
        ".github/andon.yml":
          "tests:\n  requireTestsInPRs: false\nintegration:\n  maxAgeHours: -1\n",
      },
    });
    const pull = fake.pull(repo, { headRef: "config" });

    await send(pullRequestEvent(repo, pull, "opened"));

    const run = fake.andonRun(repo, pull.headSha, "andon/integration")!;
    expect(run.conclusion).toBe("success");
    expect(run.output.summary).toContain("`integration.maxAgeHours` must be more than 0");
    expect(run.annotations).toEqual([
      expect.objectContaining({ path: ".github/andon.yml", start_line: 4 }),
    ]);
  });

  it("is clean when it fixes the file that is broken on main", async () => {
    const { fake, send } = await startAndon({ env: { ANDON_SWEEP_INTERVAL: "0" } });
    const repo = fake.repo("acme/shop", {
      files: { ".github/andon.yml": "integration:\n  maxAgeHours: -1\n" },
    });
    fake.push(repo, "fix-config", {
      files: { ".github/andon.yml": "integration:\n  maxAgeHours: 48\n" },
    });
    const pull = fake.pull(repo, { headRef: "fix-config" });

    await send(pullRequestEvent(repo, pull, "opened"));

    const run = fake.andonRun(repo, pull.headSha, "andon/integration")!;
    expect(run.output.title).not.toContain("invalid");
    expect(run.annotations).toEqual([]);
  });
});
