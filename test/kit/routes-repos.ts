import type { FakeGitHub } from "./fake-github.js";
import { PAGING, notFound, paginate, route, type FakeRequest, type Route } from "./router.js";
import { commitJson, repoJson } from "./serialize.js";
import {
  ancestors,
  diffFiles,
  history,
  shaOf,
  treeShaOf,
  type FakeCommit,
  type FakeRepo,
} from "./state.js";

/** Installations, repositories, branches, commits, compare, trees and contents. */
export function repoRoutes(fake: FakeGitHub): Route[] {
  const repoOf = (req: FakeRequest) => fake.getRepo(req.params.owner!, req.params.repo!)!;

  const resolve = (repo: FakeRepo, ref: string): FakeCommit | undefined =>
    repo.commits.get(ref) ??
    repo.commits.get(repo.branches.get(ref.replace(/^(refs\/)?heads\//, "")) ?? "");

  /** The tree sha of `dir` in `files`, registering it so `GET /git/trees/{sha}` finds it. */
  const treeSha = (files: Record<string, string>, dir = ""): string => {
    const sha = treeShaOf(files, dir);
    fake.trees.set(sha, { files, dir });
    return sha;
  };

  /** A root tree named before anything listed it (a push payload's `head_commit.tree_id`). */
  const rootTree = (repo: FakeRepo, sha: string) => {
    for (const c of repo.commits.values()) if (treeSha(c.files) === sha) return fake.trees.get(sha);
    return undefined;
  };

  return [
    route(
      "POST",
      "/app/installations/{id}/access_tokens",
      { body: ["repositories", "repository_ids", "permissions"] },
      (req) => ({
        token: `ghs_fake_${req.params.id}`,
        expires_at: new Date(Date.now() + 3600_000).toISOString(),
        // https://docs.github.com/en/rest/apps/apps#create-an-installation-access-token-for-an-app
        permissions: { ...fake.installations.get(Number(req.params.id))?.permissions },
        repository_selection: "all",
      }),
    ),
    route(
      "GET",
      "/app/installations",
      { query: ["since", "outdated", "per_page", "page"] },
      (req) => {
        const all = [...fake.installations.values()].map((i) => ({
          id: i.id,
          account: { login: i.account },
          suspended_at: i.suspended ? fake.now.toISOString() : null,
          // https://docs.github.com/en/rest/apps/apps#list-installations-for-the-authenticated-app
          created_at: i.createdAt,
        }));
        const { slice, headers } = paginate(req, all);
        return { status: 200, body: slice, headers };
      },
    ),
    route("GET", "/installation/repositories", { query: PAGING }, (req) => {
      const token = /ghs_fake_(\d+)/.exec(String(req.headers.authorization ?? ""));
      const installationId = token ? Number(token[1]) : undefined;
      const all = [...fake.repos.values()]
        .filter((r) => !installationId || r.installationId === installationId)
        .map(repoJson);
      const { slice, headers } = paginate(req, all);
      return { status: 200, body: { total_count: all.length, repositories: slice }, headers };
    }),
    route("GET", "/repos/{owner}/{repo}/installation", {}, (req) => ({
      id: repoOf(req).installationId,
    })),
    route("GET", "/repos/{owner}/{repo}", {}, (req) => repoJson(repoOf(req))),
    route(
      "GET",
      "/repos/{owner}/{repo}/branches",
      { query: ["protected", "per_page", "page"] },
      (req) => {
        const repo = repoOf(req);
        const all = [...repo.branches].map(([name, sha]) => ({
          name,
          commit: { sha },
          protected: name === repo.defaultBranch,
        }));
        const { slice, headers } = paginate(req, all);
        return { status: 200, body: slice, headers };
      },
    ),
    route(
      "GET",
      "/repos/{owner}/{repo}/commits",
      { query: ["sha", "path", "author", "committer", "since", "until", "per_page", "page"] },
      (req) => {
        const repo = repoOf(req);
        const head = resolve(repo, req.query.get("sha") ?? repo.defaultBranch);
        if (!head) return notFound();
        const all = history(repo, head.sha).map((c) => commitJson(repo, c, treeSha(c.files)));
        const { slice, headers } = paginate(req, all);
        return { status: 200, body: slice, headers };
      },
    ),
    route("GET", "/repos/{owner}/{repo}/branches/{branch*}", {}, (req) => {
      const repo = repoOf(req);
      const name = req.params.branch!;
      const sha = repo.branches.get(name);
      if (!sha) return notFound();
      const c = repo.commits.get(sha)!;
      return {
        name,
        commit: commitJson(repo, c, treeSha(c.files)),
        protected: name === repo.defaultBranch,
      };
    }),
    route("GET", "/repos/{owner}/{repo}/git/matching-refs/{ref*}", {}, (req) => {
      const repo = repoOf(req);
      const prefix = req.params.ref!.replace(/^heads\//, "");
      if (!req.params.ref!.startsWith("heads/")) return [];
      return [...repo.branches]
        .filter(([name]) => name.startsWith(prefix))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, sha]) => ({
          ref: `refs/heads/${name}`,
          object: { sha, type: "commit" },
        }));
    }),
    route("GET", "/repos/{owner}/{repo}/git/commits/{sha}", {}, (req) => {
      const c = repoOf(req).commits.get(req.params.sha!);
      if (!c) return notFound();
      return {
        sha: c.sha,
        tree: { sha: treeSha(c.files) },
        parents: c.parents.map((sha) => ({ sha })),
        message: c.message,
        author: { name: c.author.name, email: c.author.email, date: c.author.date },
        committer: { name: c.committer.name, email: c.committer.email, date: c.committer.date },
      };
    }),
    route("GET", "/repos/{owner}/{repo}/git/blobs/{sha}", {}, (req) => {
      const content = fake.blobs.get(req.params.sha!);
      if (content === undefined) return notFound();
      if (String(req.headers.accept ?? "").includes("raw")) return { status: 200, body: content };
      return {
        sha: req.params.sha,
        size: Buffer.byteLength(content),
        encoding: "base64",
        content: Buffer.from(content).toString("base64"),
      };
    }),
    route("GET", "/repos/{owner}/{repo}/commits/{ref}", { query: PAGING }, (req) => {
      const repo = repoOf(req);
      const c = resolve(repo, req.params.ref!);
      if (!c) return notFound();
      // Against the first parent, as GitHub shows a commit's changes.
      const parent = c.parents[0] ? repo.commits.get(c.parents[0])!.files : {};
      return { ...commitJson(repo, c, treeSha(c.files)), files: diffFiles(parent, c.files) };
    }),
    route("GET", "/repos/{owner}/{repo}/compare/{basehead}", { query: PAGING }, (req) => {
      const repo = repoOf(req);
      const [baseRef, headRef] = req.params.basehead!.split("...") as [string, string];
      const base = resolve(repo, baseRef);
      const head = resolve(repo, headRef);
      if (!base || !head) return notFound();
      const fromBase = ancestors(repo, base.sha);
      const fromHead = ancestors(repo, head.sha);
      // Oldest first, and never a child before its parent (equal dates happen in tests).
      const ahead = history(repo, head.sha)
        .filter((c) => !fromBase.has(c.sha))
        .reverse();
      const behind = [...fromBase].filter((s) => !fromHead.has(s)).length;
      // The newest common ancestor: `history` lists every commit before its parents.
      const mergeBase = history(repo, head.sha).find((c) => fromBase.has(c.sha));
      // https://docs.github.com/en/rest/commits/commits#compare-two-commits: without
      // paging parameters at most 250 commits; with them, pages of `per_page` (default
      // 30, max 100), and the changed files on the first page only.
      const paged = req.query.has("per_page") || req.query.has("page");
      const perPage = paged ? Math.min(Number(req.query.get("per_page") ?? 30), 100) : 250;
      const page = Number(req.query.get("page") ?? 1);
      const slice = ahead.slice((page - 1) * perPage, page * perPage);
      const headers: Record<string, string> = {};
      if (page * perPage < ahead.length) {
        headers.link = `<https://api.github.com${req.path}?per_page=${perPage}&page=${page + 1}>; rel="next"`;
      }
      return {
        status: 200,
        headers,
        body: {
          status:
            ahead.length && behind
              ? "diverged"
              : ahead.length
                ? "ahead"
                : behind
                  ? "behind"
                  : "identical",
          ahead_by: ahead.length,
          behind_by: behind,
          total_commits: ahead.length,
          merge_base_commit: mergeBase
            ? commitJson(repo, mergeBase, treeSha(mergeBase.files))
            : null,
          commits: slice.map((c) => commitJson(repo, c, treeSha(c.files))),
          files: page === 1 ? diffFiles(mergeBase?.files ?? {}, head.files) : [],
        },
      };
    }),
    route("GET", "/repos/{owner}/{repo}/git/trees/{sha}", { query: ["recursive"] }, (req) => {
      const repo = repoOf(req);
      const known = fake.trees.get(req.params.sha!) ?? rootTree(repo, req.params.sha!);
      const commit = known ? undefined : resolve(repo, req.params.sha!);
      if (!known && !commit) return notFound();
      const { files, dir } = known ?? { files: commit!.files, dir: "" };
      const prefix = dir ? `${dir}/` : "";
      const recursive = req.query.has("recursive");
      const entries = new Map<
        string,
        { path: string; type: string; sha: string; mode: string; size?: number }
      >();
      for (const [full, content] of Object.entries(files)) {
        if (!full.startsWith(prefix)) continue;
        const rel = full.slice(prefix.length);
        const parts = rel.split("/");
        for (let i = 1; i < parts.length; i++) {
          const sub = parts.slice(0, i).join("/");
          if (!recursive && i > 1) break;
          entries.set(sub, {
            path: sub,
            type: "tree",
            mode: "040000",
            sha: treeSha(files, prefix + sub),
          });
        }
        if (recursive || parts.length === 1) {
          const sha = shaOf("blob", content);
          fake.blobs.set(sha, content);
          entries.set(rel, {
            path: rel,
            type: "blob",
            mode: "100644",
            sha,
            size: Buffer.byteLength(content),
          });
        }
      }
      const all = [...entries.values()].sort((a, b) => a.path.localeCompare(b.path));
      const truncated = recursive && all.length > fake.treeLimit;
      return {
        sha: req.params.sha,
        tree: truncated ? all.slice(0, fake.treeLimit) : all,
        truncated,
      };
    }),
    route("GET", "/repos/{owner}/{repo}/contents/{path*}", { query: ["ref"] }, (req) => {
      const repo = repoOf(req);
      const commit = resolve(repo, req.query.get("ref") ?? repo.defaultBranch);
      const path = req.params.path!;
      const content = commit?.files[path];
      if (content === undefined) {
        const children = Object.keys(commit?.files ?? {}).filter((p) => p.startsWith(`${path}/`));
        if (!children.length) return notFound();
        return children.map((p) => ({ type: "file", path: p, name: p.split("/").pop() }));
      }
      if (String(req.headers.accept ?? "").includes("raw")) return { status: 200, body: content };
      return {
        type: "file",
        path,
        encoding: "base64",
        content: Buffer.from(content).toString("base64"),
        sha: shaOf("blob", content),
      };
    }),
  ];
}
