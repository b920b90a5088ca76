import type { IncomingMessage, ServerResponse } from "node:http";
import { markup, type SafeHtml } from "../src/board/html.js";
import type { FakeGitHub } from "../test/kit/fake-github.js";
import type { FakeRepo } from "../test/kit/state.js";

/**
 * The web pages the board links to (a repository, a commit, its checks), drawn from the
 * simulated GitHub's state: in the demo a click on a breaking commit shows its failing
 * checks and Andon's broken-build comment, as github.com would.
 */
export function simulatedWeb(fake: FakeGitHub) {
  const page = (title: string, body: SafeHtml) =>
    markup`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · simulated GitHub</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.45}pre{white-space:pre-wrap;background:#f6f8fa;padding:.8rem;border-radius:6px}.note{background:#fff8c5;padding:.4rem .8rem}</style></head>
<body><p class="note">The demo's <strong>simulated GitHub</strong>: nothing here is real.</p>${body}</body></html>`
      .value;

  const repoPage = (repo: FakeRepo) => {
    const head = fake.head(repo);
    const recent = [...repo.commits.values()].slice(-15).reverse();
    return page(
      `${repo.owner}/${repo.name}`,
      markup`<h1>${repo.owner}/${repo.name}</h1><p>Default branch <code>${repo.defaultBranch}</code> at <a href="/${repo.owner}/${repo.name}/commit/${head}"><code>${head.slice(0, 7)}</code></a></p>
<h2>Recent commits</h2><ul>${recent.map((c) => markup`<li><a href="/${repo.owner}/${repo.name}/commit/${c.sha}"><code>${c.sha.slice(0, 7)}</code></a> ${c.message} — ${c.author.login ?? c.author.name}</li>`)}</ul>`,
    );
  };

  const commitPage = (repo: FakeRepo, sha: string) => {
    const commit = repo.commits.get(sha);
    if (!commit) return undefined;
    const runs = repo.checkRuns.filter((r) => r.head_sha === sha).sort((a, b) => a.id - b.id);
    const comments = repo.comments.filter((c) => c.commit_id === sha);
    return page(
      `${commit.message} · ${repo.owner}/${repo.name}@${sha.slice(0, 7)}`,
      markup`<p><a href="/${repo.owner}/${repo.name}">${repo.owner}/${repo.name}</a></p><h1>${commit.message}</h1>
<p><code>${sha}</code> by <strong>${commit.author.login ?? commit.author.name}</strong>, ${commit.committer.date}</p>
<h2 id="checks">Checks</h2><ul>${runs.map((r) => markup`<li><strong>${r.name}</strong>: ${r.conclusion ?? r.status}${r.output.title ? markup` — ${r.output.title}` : ""}</li>`)}</ul>
<h2 id="comments">Comments</h2>${comments.length ? comments.map((c) => markup`<article><p><strong>${c.user}</strong> commented at ${c.created_at}</p><pre>${c.body}</pre></article>`) : markup`<p>None.</p>`}`,
    );
  };

  /** Answers a web page of the simulated GitHub; false when the path is not one. */
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== "GET") return false;
    const path = new URL(req.url ?? "/", "http://simulated").pathname;
    const match = /^\/([^/]+)\/([^/]+)(?:\/commit\/([0-9a-f]{40})(?:\/checks)?)?\/?$/.exec(path);
    if (!match || ["repos", "app", "installation", "user"].includes(match[1]!)) return false;
    const repo = fake.getRepo(decodeURIComponent(match[1]!), decodeURIComponent(match[2]!));
    const html = repo && (match[3] ? commitPage(repo, match[3]) : repoPage(repo));
    if (!html) return false;
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
    return true;
  };
}
