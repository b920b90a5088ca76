import type { FakeGitHub } from "./fake-github.js";
import { notFound, route, type FakeRequest, type FakeResponse, type Route } from "./router.js";
import type { FakeCheckRun, FakeRepo, FakeWorkflowRun } from "./state.js";

/** Conclusions whose jobs "Re-run failed jobs" runs again. */
const FAILED = new Set(["failure", "timed_out", "cancelled", "startup_failure"]);

/**
 * What GitHub answers a GitHub App whose installation lacks the permission an endpoint
 * needs ("Resource not accessible by integration", 403).
 * https://docs.github.com/en/rest/authentication/permissions-required-for-github-apps
 */
const forbidden = (doc: string): FakeResponse => ({
  status: 403,
  body: { message: "Resource not accessible by integration", documentation_url: doc },
});

const LIST_DOC =
  "https://docs.github.com/rest/actions/workflow-runs#list-workflow-runs-for-a-repository";
const RERUN_DOC =
  "https://docs.github.com/rest/actions/workflow-runs#re-run-failed-jobs-from-a-workflow-run";

/** GitHub Actions workflow runs: listing them by check suite, re-running failed jobs. */
export function actionsRoutes(fake: FakeGitHub): Route[] {
  const repoOf = (req: FakeRequest) => fake.getRepo(req.params.owner!, req.params.repo!)!;
  // The installation token names the installation (`ghs_fake_<id>`); its permissions decide.
  const access = (req: FakeRequest, repo: FakeRepo) => {
    const token = /ghs_fake_(\d+)/.exec(String(req.headers.authorization ?? ""))?.[1];
    const id = token ? Number(token) : repo.installationId;
    return fake.installations.get(id)?.permissions.actions;
  };
  const jobsOf = (repo: FakeRepo, workflow: FakeWorkflowRun) =>
    workflow.jobs.map((id) => repo.checkRuns.find((r) => r.id === id)!);
  // A run is completed once every job of its latest attempt is, failed if any job failed.
  const statusOf = (repo: FakeRepo, workflow: FakeWorkflowRun) => {
    const jobs = jobsOf(repo, workflow);
    if (jobs.some((j) => j.status !== "completed")) {
      return {
        status: jobs.some((j) => j.status === "in_progress") ? "in_progress" : "queued",
        conclusion: null,
      };
    }
    const failed = jobs.some((j) => FAILED.has(j.conclusion ?? ""));
    return { status: "completed", conclusion: failed ? "failure" : "success" };
  };
  const runJson = (repo: FakeRepo, w: FakeWorkflowRun) => ({
    id: w.id,
    name: w.name,
    head_sha: w.head_sha,
    check_suite_id: w.check_suite_id,
    run_attempt: w.run_attempt,
    ...statusOf(repo, w),
    html_url: `https://github.com/${repo.owner}/${repo.name}/actions/runs/${w.id}`,
  });

  return [
    // https://docs.github.com/en/rest/actions/workflow-runs#list-workflow-runs-for-a-repository
    // ("Actions" repository permissions (read)).
    route(
      "GET",
      "/repos/{owner}/{repo}/actions/runs",
      {
        query: [
          "actor",
          "branch",
          "event",
          "status",
          "per_page",
          "page",
          "created",
          "exclude_pull_requests",
          "check_suite_id",
          "head_sha",
        ],
      },
      (req) => {
        const repo = repoOf(req);
        if (!access(req, repo)) return forbidden(LIST_DOC);
        const suite = req.query.get("check_suite_id");
        const sha = req.query.get("head_sha");
        const runs = (repo.workflowRuns ?? [])
          .filter(
            (w) => (!suite || w.check_suite_id === Number(suite)) && (!sha || w.head_sha === sha),
          )
          .sort((a, b) => b.id - a.id);
        return { total_count: runs.length, workflow_runs: runs.map((w) => runJson(repo, w)) };
      },
    ),
    // https://docs.github.com/en/rest/actions/workflow-runs#re-run-failed-jobs-from-a-workflow-run
    // ("Actions" repository permissions (write)): the failed jobs run again as a new attempt
    // of the same run, each job a new check run; jobs that passed keep theirs. The fake does
    // not model dependent jobs, nor re-running a run that has not completed.
    route(
      "POST",
      "/repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs",
      { body: ["enable_debug_logging"] },
      (req) => {
        const repo = repoOf(req);
        if (access(req, repo) !== "write") return forbidden(RERUN_DOC);
        const workflow = repo.workflowRuns?.find((w) => w.id === Number(req.params.run_id));
        if (!workflow) return notFound();
        if (statusOf(repo, workflow).status !== "completed") {
          fake.unmodelled.push(`POST ${req.path} (re-run of a workflow run not completed)`);
          return { status: 501, body: { message: "The fake does not model this re-run" } };
        }
        workflow.run_attempt += 1;
        workflow.jobs = jobsOf(repo, workflow).map((job) => {
          if (!FAILED.has(job.conclusion ?? "")) return job.id;
          const again: FakeCheckRun = {
            ...structuredClone(job),
            id: fake.id(),
            status: "queued",
            conclusion: null,
            started_at: fake.now.toISOString(),
            completed_at: null,
          };
          repo.checkRuns.push(again);
          return again.id;
        });
        return { status: 201, body: {} };
      },
    ),
  ];
}
