import { ANDON_APP, type FakeGitHub } from "./fake-github.js";
import { PAGING, notFound, paginate, route, type FakeRequest, type Route } from "./router.js";
import { checkRunJson, commentJson, statusJson } from "./serialize.js";
import type { FakeCheckRun, FakeRepo } from "./state.js";

/** Check runs, commit statuses and commit comments. */
export function checkRoutes(fake: FakeGitHub): Route[] {
  const repoOf = (req: FakeRequest) => fake.getRepo(req.params.owner!, req.params.repo!)!;
  const shaOf = (repo: FakeRepo, ref: string) => repo.branches.get(ref) ?? ref;
  const runOf = (req: FakeRequest) =>
    repoOf(req).checkRuns.find((r) => r.id === Number(req.params.id));

  const applyOutput = (run: FakeCheckRun, body: Record<string, unknown>) => {
    const output = body.output as Record<string, unknown> | undefined;
    if (output) {
      run.output = {
        title: (output.title as string) ?? run.output.title,
        summary: (output.summary as string) ?? run.output.summary,
        text: (output.text as string) ?? null,
      };
      run.annotations.push(...((output.annotations as Record<string, unknown>[]) ?? []));
    }
    if (body.status) run.status = body.status as string;
    if ("conclusion" in body) run.conclusion = body.conclusion as string;
    // A conclusion completes the run, whatever `status` says
    // (https://docs.github.com/en/rest/checks/runs#create-a-check-run), and GitHub
    // records when unless the request gives `completed_at`.
    if (body.conclusion) run.status = "completed";
    if (body.completed_at) run.completed_at = body.completed_at as string;
    else if (body.conclusion) run.completed_at = fake.now.toISOString();
    if (body.actions) run.actions = body.actions as Record<string, unknown>[];
  };

  return [
    route(
      "POST",
      "/repos/{owner}/{repo}/check-runs",
      {
        body: [
          "name",
          "head_sha",
          "details_url",
          "external_id",
          "status",
          "started_at",
          "conclusion",
          "completed_at",
          "output",
          "actions",
        ],
      },
      (req) => {
        const repo = repoOf(req);
        if (!repo.commits.has(String(req.body.head_sha))) {
          return {
            status: 422,
            body: { message: "No commit found for SHA: " + String(req.body.head_sha) },
          };
        }
        const run: FakeCheckRun = {
          id: fake.id(),
          name: String(req.body.name),
          head_sha: String(req.body.head_sha),
          status: "queued",
          conclusion: null,
          started_at: fake.now.toISOString(),
          completed_at: null,
          html_url: "",
          app: { ...ANDON_APP },
          output: { title: null, summary: null, text: null },
          annotations: [],
          actions: [],
        };
        run.html_url = `https://github.com/${repo.owner}/${repo.name}/runs/${run.id}`;
        applyOutput(run, req.body);
        repo.checkRuns.push(run);
        return { status: 201, body: checkRunJson(repo, run) };
      },
    ),
    route(
      "PATCH",
      "/repos/{owner}/{repo}/check-runs/{id}",
      {
        body: [
          "name",
          "details_url",
          "external_id",
          "started_at",
          "status",
          "conclusion",
          "completed_at",
          "output",
          "actions",
        ],
      },
      (req) => {
        const run = runOf(req);
        if (!run) return notFound();
        applyOutput(run, req.body);
        return checkRunJson(repoOf(req), run);
      },
    ),
    route("GET", "/repos/{owner}/{repo}/check-runs/{id}", {}, (req) => {
      const run = runOf(req);
      return run ? checkRunJson(repoOf(req), run) : notFound();
    }),
    route(
      "GET",
      "/repos/{owner}/{repo}/commits/{ref}/check-runs",
      { query: ["check_name", "status", "filter", "per_page", "page", "app_id"] },
      (req) => {
        const repo = repoOf(req);
        const sha = shaOf(repo, req.params.ref!);
        const name = req.query.get("check_name");
        let runs = repo.checkRuns
          .filter((r) => r.head_sha === sha && (!name || r.name === name))
          .sort((a, b) => b.id - a.id);
        if (req.query.get("filter") !== "all") {
          const seen = new Set<string>();
          runs = runs.filter((r) => !seen.has(r.name) && seen.add(r.name));
        }
        const { slice, headers } = paginate(req, runs);
        return {
          status: 200,
          body: { total_count: runs.length, check_runs: slice.map((r) => checkRunJson(repo, r)) },
          headers,
        };
      },
    ),
    route("GET", "/repos/{owner}/{repo}/commits/{ref}/statuses", { query: PAGING }, (req) => {
      const repo = repoOf(req);
      const sha = shaOf(repo, req.params.ref!);
      const { slice, headers } = paginate(
        req,
        repo.statuses.filter((s) => s.sha === sha).map(statusJson),
      );
      return { status: 200, body: slice, headers };
    }),
    route("GET", "/repos/{owner}/{repo}/commits/{ref}/status", { query: PAGING }, (req) => {
      const repo = repoOf(req);
      const sha = shaOf(repo, req.params.ref!);
      const seen = new Set<string>();
      const latest = repo.statuses.filter(
        (s) => s.sha === sha && !seen.has(s.context) && seen.add(s.context),
      );
      const state = latest.some((s) => s.state === "failure" || s.state === "error")
        ? "failure"
        : latest.some((s) => s.state === "pending") || !latest.length
          ? "pending"
          : "success";
      return { state, sha, total_count: latest.length, statuses: latest.map(statusJson) };
    }),
    route("GET", "/repos/{owner}/{repo}/commits/{sha}/comments", { query: PAGING }, (req) => {
      const repo = repoOf(req);
      const { slice, headers } = paginate(
        req,
        fake.commentsOn(repo, req.params.sha!).map((c) => commentJson(repo, c)),
      );
      return { status: 200, body: slice, headers };
    }),
    route(
      "POST",
      "/repos/{owner}/{repo}/commits/{sha}/comments",
      { body: ["body", "path", "position", "line"] },
      (req) => {
        const repo = repoOf(req);
        if (!repo.commits.has(req.params.sha!))
          return { status: 422, body: { message: "sha not found" } };
        const at = fake.now.toISOString();
        const comment = {
          id: fake.id(),
          commit_id: req.params.sha!,
          body: String(req.body.body),
          user: "andon[bot]",
          created_at: at,
          updated_at: at,
        };
        repo.comments.push(comment);
        return { status: 201, body: commentJson(repo, comment) };
      },
    ),
    route("PATCH", "/repos/{owner}/{repo}/comments/{id}", { body: ["body"] }, (req) => {
      const repo = repoOf(req);
      const comment = repo.comments.find((c) => c.id === Number(req.params.id));
      if (!comment) return notFound();
      comment.body = String(req.body.body);
      comment.updated_at = fake.now.toISOString();
      return commentJson(repo, comment);
    }),
  ];
}
