import { afterEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { findWorkflowRuns, rerunFailedJobs } from "../../src/github/actions.js";
import { fakeWithOctokit } from "./fake-octokit.js";

afterEach(() => nock.cleanAll());

const SHOP = { owner: "acme", repo: "shop" };

/** acme/shop with a workflow run of two jobs on main's head: `lint` passed, `test` failed. */
async function failedWorkflow(actions: "read" | "write") {
  const { fake, octokit } = await fakeWithOctokit();
  const repo = fake.repo("acme/shop");
  fake.installations.get(1)!.permissions.actions = actions;
  const sha = fake.head(repo);
  const workflow = fake.workflowRun(repo, sha, "CI");
  const lint = fake.ciRun(repo, sha, "lint", "success", "completed", { workflow });
  const test = fake.ciRun(repo, sha, "test", "failure", "completed", { workflow });
  return { fake, octokit, repo, sha, workflow, lint, test };
}

describe("the fake's GitHub Actions workflow runs", () => {
  it("lists the workflow run of a job's check suite, completed once every job is", async () => {
    const { octokit, workflow, test } = await failedWorkflow("read");
    expect(test.check_suite_id).toBe(workflow.check_suite_id);
    expect(await findWorkflowRuns(octokit, SHOP, workflow.check_suite_id)).toEqual([
      { id: workflow.id, status: "completed", runAttempt: 1 },
    ]);
    expect(await findWorkflowRuns(octokit, SHOP, 424242)).toEqual([]);
  });

  it("re-runs only the failed jobs, as new check runs of a new attempt", async () => {
    const { fake, octokit, repo, sha, workflow, lint, test } = await failedWorkflow("write");
    expect(await rerunFailedJobs(octokit, SHOP, workflow.id)).toEqual({ accepted: true });

    const again = fake.latestRun(repo, sha, "test")!;
    expect(again).toMatchObject({ status: "queued", conclusion: null });
    expect(again.id).not.toBe(test.id);
    expect(fake.latestRun(repo, sha, "lint")!.id).toBe(lint.id);
    expect(workflow).toMatchObject({ run_attempt: 2, jobs: [lint.id, again.id] });
    expect(await findWorkflowRuns(octokit, SHOP, workflow.check_suite_id)).toEqual([
      { id: workflow.id, status: "queued", runAttempt: 2 },
    ]);
  });

  it("answers 403 'Resource not accessible by integration' without actions: write, as GitHub does", async () => {
    const { fake, octokit, repo, sha, workflow, test } = await failedWorkflow("read");
    const answer = await rerunFailedJobs(octokit, SHOP, workflow.id);
    expect(answer).toMatchObject({ accepted: false });
    expect(answer.accepted ? "" : answer.message).toMatch(
      /^Resource not accessible by integration/,
    );
    expect(fake.latestRun(repo, sha, "test")!.id).toBe(test.id);
    expect(workflow.run_attempt).toBe(1);
  });

  it("throws a rate limit, which is a 403 too, for the work runner to retry", async () => {
    const { fake, octokit, workflow } = await failedWorkflow("write");
    fake.fail({ path: "/rerun-failed-jobs", status: 403, retryAfter: 60 });
    await expect(rerunFailedJobs(octokit, SHOP, workflow.id)).rejects.toMatchObject({
      status: 403,
    });
  });
});
