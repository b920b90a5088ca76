import nock from "nock";
import {
  match,
  notFound,
  unknownParams,
  type FakeRequest,
  type FakeResponse,
  type Route,
} from "./router.js";
import {
  APP_PERMISSIONS,
  shaOf,
  type FakeCheckRun,
  type FakeComment,
  type FakeCommit,
  type FakeIssueComment,
  type FakeInstallation,
  type FakePull,
  type FakeRepo,
  type FakeStatus,
  type FakeWorkflowRun,
  type Person,
} from "./state.js";
import { repoRoutes } from "./routes-repos.js";
import { checkRoutes } from "./routes-checks.js";
import { pullRoutes } from "./routes-pulls.js";
import { graphqlRoutes } from "./routes-graphql.js";
import { issueRoutes } from "./routes-issues.js";
import { actionsRoutes } from "./routes-actions.js";
import { FakeOAuth } from "./routes-users.js";

export const API = "https://api.github.com";
export const ANDON_APP = { id: 1, slug: "andon" };

/** Every fake installed since the last teardown check (see `assertEveryRequestModelled`). */
const installed = new Set<FakeGitHub>();

export interface RecordedRequest {
  method: string;
  path: string;
  /** The route pattern that answered, e.g. `GET /repos/{owner}/{repo}/pulls`. */
  route: string;
  status: number;
  /** When it was answered (`performance.now()`), for benchmarks that time the answers. */
  at: number;
  /** When it was answered on the fake's clock (ms), the time the app judges at. */
  clockAt: number;
  /** What a write sent (benchmarks find a check run's write by its `head_sha`). */
  body?: Record<string, unknown>;
}

/**
 * Simulated request latency for benchmarks (tests leave it off): every read takes
 * `readMs`, and writes — GraphQL too, as Probot's throttling plugin paces it in its write
 * group — are answered one at a time, `writeSpacingMs` apart, as GitHub asks clients to
 * pace content-creating requests ("at least one second between each request").
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#pause-between-mutative-requests
 */
export interface Pacing {
  readMs: number;
  writeSpacingMs: number;
}

export interface Fault {
  method?: string;
  /** Matches the path (a substring or a regex). */
  path?: string | RegExp;
  status: number;
  /** Seconds, sent as `retry-after` (a secondary rate limit). */
  retryAfter?: number;
  message?: string;
  times: number;
  /** Fail only every `every`-th matching request (each one counts, failed or not). */
  every?: number;
  /** Matching requests seen so far (for `every`). */
  seen?: number;
}

export interface CommitSpec {
  files?: Record<string, string | null>;
  message?: string;
  parents?: string[];
  author?: Person;
  committer?: Person;
  /** ISO date; defaults to the fake's clock. */
  date?: string;
  authoredAt?: string;
}

const isRead = (r: RecordedRequest) => r.method === "GET" || r.route === "POST /graphql";

const DEFAULT_PERSON: Person = { name: "Mona Lisa", email: "mona@example.com", login: "mona" };

/**
 * A stateful fake of the GitHub REST API on nock: tests build a scenario (repos,
 * commits, branches, PRs, CI results), drive the real app, then assert on what the
 * app left behind (check runs, comments) and on the requests it made.
 */
export class FakeGitHub {
  readonly repos = new Map<string, FakeRepo>();
  readonly installations = new Map<number, FakeInstallation>();
  readonly requests: RecordedRequest[] = [];
  readonly faults: Fault[] = [];
  /**
   * Requests the fake does not model: an endpoint no route answers
   * (`GET /repos/acme//branches`), or a query parameter or body key the endpoint does
   * not define. Each is answered 501 so the code under test sees an error, never a 404
   * it could read as "absent", and the test kit's teardown fails the test that made it.
   */
  readonly unmodelled: string[] = [];
  /** Trees by sha: the root tree of each commit and every subtree under it. */
  readonly trees = new Map<string, { files: Record<string, string>; dir: string }>();
  /** Blob contents by sha, for every blob a tree listing has shown. */
  readonly blobs = new Map<string, string>();
  /** Logins GitHub does not know (deleted accounts): the permission endpoint answers 404. */
  readonly ghosts = new Set<string>();
  /** Repos whose recursive tree is cut off after this many entries (GitHub: 100,000). */
  treeLimit = 100_000;
  now: Date;
  /** People signing in to the board, and what each can read. */
  readonly oauth: FakeOAuth = new FakeOAuth(this);
  private nextId = 1000;
  private readonly routes: Route[];

  constructor(now = new Date("2026-11-25T12:00:00Z")) {
    this.now = now;
    this.routes = [
      ...repoRoutes(this),
      ...checkRoutes(this),
      ...pullRoutes(this),
      ...graphqlRoutes(this),
      ...issueRoutes(this),
      ...actionsRoutes(this),
      ...this.oauth.routes(),
    ];
  }

  id(): number {
    return this.nextId++;
  }

  /** Moves the clock on: the fake's and, through `clock`, the app's. */
  advance(ms: number): void {
    this.now = new Date(this.now.getTime() + ms);
  }

  readonly clock = (): Date => this.now;

  /** An installation; by default one made long ago (a year before the fake's start). */
  installation(
    id: number,
    account: string,
    suspended = false,
    createdAt = new Date(this.now.getTime() - 365 * 86_400_000).toISOString(),
  ): FakeInstallation {
    const inst = { id, account, suspended, createdAt, permissions: { ...APP_PERMISSIONS } };
    this.installations.set(id, inst);
    return inst;
  }

  /** A repository with one commit on its default branch. */
  repo(
    fullName: string,
    options: Partial<Pick<FakeRepo, "defaultBranch" | "archived" | "fork" | "installationId">> & {
      files?: Record<string, string>;
    } = {},
  ): FakeRepo {
    const [owner, name] = fullName.split("/") as [string, string];
    if (!this.installations.size) this.installation(1, owner);
    const repo: FakeRepo = {
      id: this.id(),
      owner,
      name,
      defaultBranch: options.defaultBranch ?? "main",
      archived: options.archived ?? false,
      disabled: false,
      fork: options.fork ?? false,
      installationId: options.installationId ?? [...this.installations.keys()][0]!,
      commits: new Map(),
      branches: new Map(),
      pulls: new Map(),
      checkRuns: [],
      statuses: [],
      comments: [],
    };
    this.repos.set(fullName, repo);
    const root = this.commit(repo, {
      files: options.files ?? { "README.md": "# " + name },
      parents: [],
      message: "Initial commit",
    });
    repo.branches.set(repo.defaultBranch, root.sha);
    return repo;
  }

  getRepo(owner: string, name: string): FakeRepo | undefined {
    return this.repos.get(`${owner}/${name}`);
  }

  /** A commit on top of `parents` (default: none), its tree = parent's tree + `files` (null deletes). */
  commit(repo: FakeRepo, spec: CommitSpec): FakeCommit {
    const parents = spec.parents ?? [];
    const base = parents[0] ? repo.commits.get(parents[0])!.files : {};
    const files = { ...base };
    for (const [path, content] of Object.entries(spec.files ?? {})) {
      if (content === null) delete files[path];
      else files[path] = content;
    }
    const date = spec.date ?? this.now.toISOString();
    const author = spec.author ?? DEFAULT_PERSON;
    const commit: FakeCommit = {
      sha: shaOf(repo.name, parents, spec.message, date, this.nextId++),
      parents,
      message: spec.message ?? "Change",
      files,
      author: { ...author, date: spec.authoredAt ?? date },
      committer: { ...(spec.committer ?? author), date },
    };
    repo.commits.set(commit.sha, commit);
    return commit;
  }

  /** Adds a commit on top of `branch` and moves the branch to it (creating the branch from main). */
  push(repo: FakeRepo, branch: string, spec: CommitSpec = {}): FakeCommit {
    const head = repo.branches.get(branch) ?? repo.branches.get(repo.defaultBranch)!;
    const commit = this.commit(repo, { ...spec, parents: spec.parents ?? [head] });
    repo.branches.set(branch, commit.sha);
    return commit;
  }

  head(repo: FakeRepo, branch = repo.defaultBranch): string {
    return repo.branches.get(branch)!;
  }

  pull(repo: FakeRepo, spec: Partial<FakePull> & { headRef: string }): FakePull {
    const pull: FakePull = {
      number: repo.pulls.size + 1,
      title: "A change",
      state: "open",
      draft: false,
      headSha: repo.branches.get(spec.headRef)!,
      baseRef: repo.defaultBranch,
      labels: [],
      user: "octocat",
      autoMerge: false,
      approved: false,
      ...spec,
    };
    repo.pulls.set(pull.number, pull);
    return pull;
  }

  /**
   * A CI check run (from another app than Andon): by default a GitHub Actions job, in a
   * workflow run of its own unless `options.workflow` names one to join.
   */
  ciRun(
    repo: FakeRepo,
    sha: string,
    name: string,
    conclusion: string | null,
    status = conclusion ? "completed" : "in_progress",
    options: { app?: { id: number; slug: string }; workflow?: FakeWorkflowRun } = {},
  ): FakeCheckRun {
    const app = options.app ?? { id: 15368, slug: "github-actions" };
    const actions = app.slug === "github-actions";
    const workflow = options.workflow ?? (actions ? this.workflowRun(repo, sha, name) : undefined);
    const run: FakeCheckRun = {
      id: this.id(),
      name,
      head_sha: sha,
      status,
      conclusion,
      started_at: this.now.toISOString(),
      completed_at: conclusion ? this.now.toISOString() : null,
      html_url: `https://github.com/${repo.owner}/${repo.name}/actions/runs/${this.nextId}`,
      app: { ...app },
      output: { title: null, summary: null, text: null },
      annotations: [],
      actions: [],
      check_suite_id: workflow?.check_suite_id ?? this.id(),
    };
    repo.checkRuns.push(run);
    workflow?.jobs.push(run.id);
    return run;
  }

  /** A GitHub Actions workflow run on `sha` with no job yet (`ciRun` adds them). */
  workflowRun(repo: FakeRepo, sha: string, name: string): FakeWorkflowRun {
    const workflow: FakeWorkflowRun = {
      id: this.id(),
      name,
      head_sha: sha,
      check_suite_id: this.id(),
      run_attempt: 1,
      jobs: [],
    };
    (repo.workflowRuns ??= []).push(workflow);
    return workflow;
  }

  /** CI finishes a run that was queued or in progress (a re-run's job, say). */
  complete(run: FakeCheckRun, conclusion: string): FakeCheckRun {
    run.status = "completed";
    run.conclusion = conclusion;
    run.completed_at = this.now.toISOString();
    return run;
  }

  /** The newest check run of `name` on `sha`: the one GitHub counts. */
  latestRun(repo: FakeRepo, sha: string, name: string): FakeCheckRun | undefined {
    return repo.checkRuns.filter((r) => r.head_sha === sha && r.name === name).at(-1);
  }

  ciStatus(repo: FakeRepo, sha: string, context: string, state: string): FakeStatus {
    const at = this.now.toISOString();
    const status = {
      id: this.id(),
      sha,
      context,
      state,
      target_url: `https://ci.example.com/${context}`,
      description: null,
      created_at: at,
      updated_at: at,
    };
    repo.statuses.unshift(status);
    return status;
  }

  /** Andon's check runs on a commit, newest first. */
  andonRuns(repo: FakeRepo, sha: string, name?: string): FakeCheckRun[] {
    return repo.checkRuns
      .filter(
        (r) => r.app.slug === ANDON_APP.slug && r.head_sha === sha && (!name || r.name === name),
      )
      .sort((a, b) => b.id - a.id);
  }

  /** The latest Andon run of `name` on `sha`: what GitHub shows on the PR. */
  andonRun(repo: FakeRepo, sha: string, name: string): FakeCheckRun | undefined {
    return this.andonRuns(repo, sha, name)[0];
  }

  /** Gives `login` a role on `repo` (`admin`, `maintain`, `write`, `triage`, `read`). */
  collaborator(repo: FakeRepo, login: string, role: string): void {
    (repo.collaborators ??= new Map()).set(login.toLowerCase(), role);
  }

  /** Someone comments on issue or PR `issue` of `repo`. */
  issueComment(
    repo: FakeRepo,
    spec: { issue: number; user: string; body: string; userType?: "User" | "Bot" },
  ): FakeIssueComment {
    const id = this.id();
    const comment: FakeIssueComment = {
      id,
      issue: spec.issue,
      user: spec.user,
      userType: spec.userType ?? "User",
      body: spec.body,
      created_at: this.now.toISOString().replace(/\.\d{3}Z$/, "Z"),
      html_url: `https://github.com/${repo.owner}/${repo.name}/issues/${spec.issue}#issuecomment-${id}`,
      reactions: [],
    };
    (repo.issueComments ??= []).push(comment);
    return comment;
  }

  commentsOn(repo: FakeRepo, sha: string): FakeComment[] {
    return repo.comments.filter((c) => c.commit_id === sha);
  }

  /** Fail the next `times` matching requests. */
  fail(fault: Omit<Fault, "times"> & { times?: number }): void {
    this.faults.push({ times: 1, ...fault });
  }

  count(filter: (r: RecordedRequest) => boolean = () => true): number {
    return this.requests.filter(filter).length;
  }

  /** GETs and GraphQL queries (Andon sends no mutation): what costs read rate limit. */
  reads(): number {
    return this.count((r) => isRead(r) && !r.route.includes("access_tokens"));
  }

  writes(): number {
    return this.count((r) => !isRead(r) && !r.route.includes("access_tokens"));
  }

  /** Identical requests (method + path + query) made more than once. */
  repeated(): string[] {
    const seen = new Map<string, number>();
    for (const r of this.requests) {
      if (r.method !== "GET" || r.route.includes("access_tokens")) continue;
      seen.set(r.path, (seen.get(r.path) ?? 0) + 1);
    }
    return [...seen].filter(([, n]) => n > 1).map(([p, n]) => `${p} ×${n}`);
  }

  resetRequests(): void {
    this.requests.length = 0;
  }

  /** Answers every api.github.com request from this fake until `nock.cleanAll()`. */
  install(): this {
    installed.add(this);
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const fake = this;
    for (const method of ["GET", "POST", "PATCH", "PUT", "DELETE"]) {
      nock(API)
        .persist()
        .intercept(/.*/, method)
        .reply(function (uri, body, callback) {
          const answer = () =>
            callback(
              null,
              fake.handle(
                method,
                uri,
                body,
                this.req.headers as Record<string, string>,
              ) as nock.ReplyFnResult,
            );
          const delay = fake.delayOf(method, uri);
          if (delay > 0) setTimeout(answer, delay);
          else answer();
        });
    }
    this.oauth.install();
    return this;
  }

  /** Off (0) unless a benchmark set `pacing`. */
  pacing: Pacing | undefined;
  private nextWriteAt = 0;

  private delayOf(method: string, uri: string): number {
    if (!this.pacing || uri.includes("access_tokens")) return 0;
    const now = performance.now();
    if (method === "GET") return this.pacing.readMs;
    const at = Math.max(now, this.nextWriteAt);
    this.nextWriteAt = at + this.pacing.writeSpacingMs;
    return at - now + this.pacing.readMs;
  }

  handle(
    method: string,
    uri: string,
    rawBody: unknown,
    headers: Record<string, string>,
  ): [number, unknown, Record<string, string>] {
    const url = new URL(uri, API);
    const path = url.pathname.replace(/^\/api\/v3/, "");
    const found = match(this.routes, method, path);
    const routeName = found ? `${method} ${found.route.pattern}` : `${method} ${path}`;
    const fault = this.faults.find(
      (f) =>
        f.times > 0 &&
        (!f.method || f.method === method) &&
        (!f.path || (typeof f.path === "string" ? path.includes(f.path) : f.path.test(path))) &&
        (!f.every || (f.seen = (f.seen ?? 0) + 1) % f.every === 0),
    );
    let response: FakeResponse;
    if (fault) {
      fault.times--;
      response = {
        status: fault.status,
        // A secondary rate limit as GitHub answers it: 403, `retry-after` in seconds, a
        // message saying so and the page that documents it.
        // https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
        body:
          fault.retryAfter !== undefined && fault.message === undefined
            ? {
                message:
                  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                documentation_url:
                  "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits",
              }
            : { message: fault.message ?? "Server Error" },
        headers: fault.retryAfter !== undefined ? { "retry-after": String(fault.retryAfter) } : {},
      };
    } else if (!found) {
      this.unmodelled.push(`${method} ${path}${url.search}`);
      response = {
        status: 501,
        body: { message: `The fake GitHub does not model ${method} ${path}` },
      };
    } else {
      const body = typeof rawBody === "string" && rawBody ? JSON.parse(rawBody) : (rawBody ?? {});
      const unknown = unknownParams(found.route, url.searchParams, body as Record<string, unknown>);
      if (unknown.length > 0) {
        this.unmodelled.push(`${method} ${path}${url.search} (not defined: ${unknown.join(", ")})`);
        response = {
          status: 501,
          body: { message: `${routeName} does not define ${unknown.join(", ")}` },
        };
      } else {
        const req: FakeRequest = {
          method,
          path,
          query: url.searchParams,
          body: body as Record<string, unknown>,
          headers,
          params: found.params,
        };
        response = this.answer(req, found.route);
      }
    }
    this.requests.push({
      method,
      path: path + url.search,
      route: routeName,
      status: response.status,
      at: performance.now(),
      clockAt: this.now.getTime(),
      ...(method !== "GET" && typeof rawBody === "string" && rawBody.startsWith("{")
        ? { body: JSON.parse(rawBody) as Record<string, unknown> }
        : rawBody && typeof rawBody === "object"
          ? { body: rawBody as Record<string, unknown> }
          : {}),
    });
    const isText = typeof response.body === "string";
    return [
      response.status,
      response.body ?? "",
      {
        "content-type": isText ? "text/plain; charset=utf-8" : "application/json; charset=utf-8",
        ...response.headers,
      },
    ];
  }

  private answer(req: FakeRequest, route: Route): FakeResponse {
    const repo =
      req.params.owner && req.params.repo
        ? this.getRepo(req.params.owner, req.params.repo)
        : undefined;
    if (req.params.owner && req.params.repo && (!repo || repo.gone))
      return repo?.gone ? { status: repo.gone, body: { message: "Server Error" } } : notFound();
    const result = route.handler(req);
    if (
      result &&
      typeof result === "object" &&
      "status" in result &&
      typeof (result as FakeResponse).status === "number"
    )
      return result as FakeResponse;
    return { status: req.method === "POST" ? 201 : 200, body: result };
  }
}

/**
 * Throws when any fake installed since the last call saw a request it does not model,
 * then forgets them. The test kit's teardown (`test/kit/teardown.ts`) calls it after
 * every test, so an unmodelled request fails the test that made it.
 */
export function assertEveryRequestModelled(): void {
  const seen = [...installed].flatMap((fake) => fake.unmodelled.splice(0));
  installed.clear();
  if (seen.length > 0) {
    throw new Error(
      `The fake GitHub answered ${seen.length} request(s) it does not model:\n` +
        seen.map((r) => `  ${r}`).join("\n") +
        "\nModel the endpoint in test/kit/ (citing GitHub's docs) or fix the request.",
    );
  }
}
