import { loadConfig } from "../../src/config/load-config.js";
import { afterEach, describe, expect, it } from "@jest/globals";
import type { Logger } from "probot";
import type { RepoTaskContext } from "../../src/sweep/repo-task.js";
import { sweepInstallation } from "../../src/sweep/sweep-installation.js";
import { sweepJob } from "../../src/sweep/sweep-job.js";
import type { SweepSummary } from "../../src/sweep/summary.js";
import { FakeGitHub } from "../kit/fake-github.js";
import { startAndon, stopAndon } from "../kit/harness.js";
import { hoursAgo } from "../kit/sweep-scenario.js";

afterEach(stopAndon);

const silent = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return silent;
  },
} as unknown as Logger;

describe("the sweep's repo tasks (the seam for the mainline reconcile)", () => {
  it("runs every task on every swept repository; a failing task is recorded, not fatal", async () => {
    const fake = new FakeGitHub();
    const shop = fake.repo("acme/shop", {
      files: { ".github/andon.yml": "mainline:\n  fixLabel: hotfix\n" },
    });
    fake.repo("acme/api");
    fake.repo("acme/old", { archived: true });
    const head = fake.push(shop, "feature/old", { date: hoursAgo(fake, 48) }).sha;
    const { probot } = await startAndon({}, fake);
    const seen: Array<
      Pick<RepoTaskContext, "installationId"> & { repo: string; fixLabel: string }
    > = [];
    const summaries: SweepSummary[] = [];
    const sweep = sweepInstallation({
      clock: fake.clock,
      settings: { dryRun: false, commentBudget: 50 },
      repoTasks: [
        async function reconcileMainline(ctx) {
          seen.push({
            repo: ctx.repo.repo,
            installationId: ctx.installationId,
            fixLabel: ctx.config.mainline.fixLabel,
          });
        },
        async function auditTests(ctx) {
          if (ctx.repo.repo === "shop")
            throw Object.assign(new Error("Server Error"), { status: 502 });
        },
      ],
      onSummary: (s) => summaries.push(s),
    });

    const octokit = await probot.auth(1);
    await sweep(sweepJob(1), {
      octokit,
      log: silent,
      enqueue: () => {},
      config: (repo, ref) => loadConfig(octokit, repo, ref),
    });

    expect(seen.sort((a, b) => a.repo.localeCompare(b.repo))).toEqual([
      { repo: "api", installationId: 1, fixLabel: "fix-build" },
      { repo: "shop", installationId: 1, fixLabel: "hotfix" },
    ]);
    expect(fake.commentsOn(shop, head)).toHaveLength(1);
    expect(summaries[0]?.failed).toEqual([
      {
        repo: "acme/shop",
        step: "repo task auditTests",
        status: 502,
        message: "Server Error",
        retry: false,
      },
    ]);
  });
});
