import type { FakeGitHub } from "./fake-github.js";
import { PAGING, notFound, paginate, route, type FakeRequest, type Route } from "./router.js";
import { pullJson } from "./serialize.js";
import { ancestors, type FakePull, type FakeRepo } from "./state.js";

/** Pull requests, their files and reviews. */
export function pullRoutes(fake: FakeGitHub): Route[] {
  const repoOf = (req: FakeRequest) => fake.getRepo(req.params.owner!, req.params.repo!)!;
  const pullOf = (req: FakeRequest) => repoOf(req).pulls.get(Number(req.params.number));

  return [
    route(
      "GET",
      "/repos/{owner}/{repo}/pulls",
      { query: ["state", "head", "base", "sort", "direction", "per_page", "page"] },
      (req) => {
        const repo = repoOf(req);
        const state = req.query.get("state") ?? "open";
        const base = req.query.get("base");
        const all = [...repo.pulls.values()]
          .filter((p) => (state === "all" || p.state === state) && (!base || p.baseRef === base))
          .sort((a, b) => b.number - a.number)
          .map((p) => pullJson(repo, p));
        const { slice, headers } = paginate(req, all);
        return { status: 200, body: slice, headers };
      },
    ),
    route("GET", "/repos/{owner}/{repo}/pulls/{number}", {}, (req) => {
      const pull = pullOf(req);
      return pull ? pullJson(repoOf(req), pull) : notFound();
    }),
    route("GET", "/repos/{owner}/{repo}/pulls/{number}/files", { query: PAGING }, (req) => {
      const repo = repoOf(req);
      const pull = pullOf(req);
      if (!pull) return notFound();
      const files = pullFiles(repo, pull);
      const { slice, headers } = paginate(
        req,
        files.map((filename) => ({ filename, status: "modified" })),
      );
      return { status: 200, body: slice, headers };
    }),
    route("GET", "/repos/{owner}/{repo}/pulls/{number}/reviews", { query: PAGING }, (req) => {
      const pull = pullOf(req);
      if (!pull) return notFound();
      return pull.approved ? [{ id: 1, state: "APPROVED", user: { login: "reviewer" } }] : [];
    }),
  ];
}

/** The paths a PR changes: as given, or its head against the base branch's head. */
export function pullFiles(repo: FakeRepo, pull: FakePull): string[] {
  if (pull.files) return pull.files;
  const base = repo.branches.get(pull.baseRef)!;
  const fromBase = ancestors(repo, base);
  const mergeBase =
    [...ancestors(repo, pull.headSha)].find((s) => fromBase.has(s) && s === base) ?? base;
  const before = repo.commits.get(mergeBase)!.files;
  const after = repo.commits.get(pull.headSha)!.files;
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (p) => before[p] !== after[p],
  );
}
