import { formatDuration, shortSha } from "../checks/format.js";
import {
  failingCheckName,
  failingCheckUrl,
  isStopped,
  staleOf,
  type BoardSummary,
  type Figures,
  type RepoSummary,
} from "./board-data.js";
import {
  boardQueryString,
  byStoppedLongest,
  filterRepos,
  PERIODS,
  sortRepos,
  SORTS,
  type BoardQuery,
} from "./filters.js";
import { markup, safeUrl, type SafeHtml } from "./html.js";
import { renderTimeline, TIMELINE_PATTERNS } from "./timeline.js";

export const BOARD_PATH = "/andon";

export interface BoardView {
  summary: BoardSummary;
  query: BoardQuery;
  now: Date;
  /** GitHub's web host for links: `https://github.com`, or a GitHub Enterprise Server. */
  webUrl: string;
  /** A board token the viewer came with (`?token=`): kept in links and the live feed. */
  token?: string;
  /** Who is looking, for the header ("Signed in as octocat", "Wall display"). */
  viewer?: string;
  /** Set when this is the demo: every page says so, and offers the real next step. */
  demo?: { registerUrl?: string };
}

const STATE_LABEL: Record<RepoSummary["state"], { icon: string; word: string }> = {
  red: { icon: "✖", word: "Red" },
  closed: { icon: "⊘", word: "Closed" },
  green: { icon: "✔", word: "Green" },
  pending: { icon: "◷", word: "Building" },
  none: { icon: "–", word: "No CI" },
};

const MISSING_TESTS: Record<"no-tests" | "no-ci", string> = {
  "no-tests": "No test suite: no test files found",
  "no-ci": "Tests exist, but no CI build runs them",
};

const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
const minutes = (m: number | null) => (m === null ? "—" : formatDuration(m * 60_000));
const hours = (h: number | null) => (h === null ? "—" : formatDuration(h * 3_600_000));
const percent = (p: number | null) => (p === null ? "—" : `${Math.round(p * 10) / 10}%`);
const perDay = (n: number | null) => (n === null ? "—" : String(Math.round(n * 10) / 10));
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function badge(state: RepoSummary["state"]): SafeHtml {
  const { icon, word } = STATE_LABEL[state];
  return markup`<span class="badge badge-${state}"><span aria-hidden="true">${icon}</span> ${word}</span>`;
}

function link(href: string | undefined, text: string | SafeHtml): SafeHtml {
  return href ? markup`<a href="${href}">${text}</a>` : markup`${text}`;
}

const repoUrl = (view: BoardView, repo: RepoSummary) => safeUrl(`${view.webUrl}/${repo.repo}`);
const commitUrl = (view: BoardView, repo: RepoSummary, sha: string) =>
  safeUrl(`${view.webUrl}/${repo.repo}/commit/${sha}`);

function stoppedCard(view: BoardView, repo: RepoSummary): SafeHtml {
  const closed = repo.state === "closed";
  const since = closed ? (repo.closedAt ?? repo.redSince) : repo.redSince;
  const forHowLong = since
    ? markup`<p class="since"><strong>${closed ? "Closed" : "Red"} for ${formatDuration(view.now.getTime() - Date.parse(since))}</strong> <span class="muted">since ${utc(since)}</span></p>`
    : "";
  const reason = repo.closedReason ? markup`: “${repo.closedReason}”` : "";
  const closure = closed
    ? markup`<p>Closed by <strong>${repo.closedBy ?? "someone"}</strong>${reason}</p>`
    : "";
  const sha = repo.breakingSha;
  const commit = sha ? commitUrl(view, repo, sha) : undefined;
  const breaking = sha
    ? markup`<p class="breaking">Broken by ${link(commit, markup`<code>${shortSha(sha)}</code>`)} by <strong class="author">${repo.breakingAuthor ?? "unknown"}</strong></p>`
    : "";
  const failing = repo.failingChecks.length
    ? markup`<ul class="failing" aria-label="Failing checks">${repo.failingChecks.map(
        (c) => markup`<li>${link(safeUrl(failingCheckUrl(c)), failingCheckName(c))}</li>`,
      )}</ul>`
    : "";
  const comment = safeUrl(repo.brokenCommentUrl) ?? (commit && `${commit}#comments`);
  const actions = sha
    ? markup`<p class="links">${link(commit, "Commit")} · ${link(commit && `${commit}/checks`, "Failing runs")} · ${link(comment, "Broken-build comment")}</p>`
    : "";
  return markup`<li class="stop stop-${repo.state}" data-repo="${repo.repo}">
<h3>${badge(repo.state)} ${link(repoUrl(view, repo), repo.repo)}</h3>
${forHowLong}${closure}${breaking}${failing}${actions}</li>`;
}

function stoppedSection(view: BoardView, repos: RepoSummary[]): SafeHtml {
  const stopped = repos.filter(isStopped).sort(byStoppedLongest);
  if (stopped.length === 0)
    return markup`<section class="all-green" aria-labelledby="stopped-h"><h2 id="stopped-h"><span aria-hidden="true">✔</span> Every mainline shown is green or building</h2></section>`;
  const heading = plural(stopped.length, "mainline is stopped", "mainlines are stopped");
  return markup`<section aria-labelledby="stopped-h"><h2 id="stopped-h"><span aria-hidden="true">✖</span> ${heading}</h2>
<ol class="stops">${stopped.map((r) => stoppedCard(view, r))}</ol></section>`;
}

function confirmingSection(view: BoardView, repos: RepoSummary[]): SafeHtml | "" {
  const confirming = repos.filter((r) => r.confirming);
  if (confirming.length === 0) return "";
  const items = confirming.map((r) => {
    const checks = r.failingChecks.map(failingCheckName).join(", ");
    return markup`<li>${badge(r.state)} ${link(repoUrl(view, r), r.repo)} ${checks ? markup`<span class="muted">(${checks})</span>` : ""}</li>`;
  });
  return markup`<section aria-labelledby="flaky-h"><h2 id="flaky-h">Maybe flaky: red being confirmed by a re-run</h2>
<ul class="plain">${items}</ul></section>`;
}

function testsSection(view: BoardView, repos: RepoSummary[]): SafeHtml | "" {
  const missing = repos.filter((r) => r.tests === "no-tests" || r.tests === "no-ci");
  if (missing.length === 0) return "";
  const rows = missing.map(
    (r) =>
      markup`<tr><th scope="row">${link(repoUrl(view, r), r.repo)}</th><td><span aria-hidden="true">⚠</span> ${MISSING_TESTS[r.tests as "no-tests" | "no-ci"]}</td></tr>`,
  );
  return markup`<section aria-labelledby="tests-h"><h2 id="tests-h">No test suite that CI runs (${missing.length})</h2>
<div class="scroll"><table><thead><tr><th scope="col">Repository</th><th scope="col">What is missing</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

function staleSection(view: BoardView, repos: RepoSummary[]): SafeHtml | "" {
  const stale = repos
    .map((repo) => ({ repo, stale: staleOf(repo) }))
    .filter((s) => s.stale.count > 0)
    .sort((a, b) => b.stale.count - a.stale.count || a.repo.repo.localeCompare(b.repo.repo));
  if (stale.length === 0) return "";
  const rows = stale.map(({ repo, stale: s }) => {
    const branch = s.oldestBranch ? markup`<code>${s.oldestBranch}</code> ` : "";
    const age = s.oldestHours != null ? hours(s.oldestHours) : "";
    return markup`<tr><th scope="row">${link(repoUrl(view, repo), repo.repo)}</th><td class="num">${s.count}</td><td>${branch}${age}</td><td>${s.author ?? ""}</td></tr>`;
  });
  return markup`<section aria-labelledby="stale-h"><h2 id="stale-h">Stale branches</h2>
<div class="scroll"><table><thead><tr><th scope="col">Repository</th><th scope="col" class="num">Branches</th><th scope="col">Oldest</th><th scope="col">Author</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

function figureList(figures: Figures): SafeHtml {
  const item = (term: string, value: string) =>
    markup`<div><dt>${term}</dt><dd>${value}</dd></div>`;
  return markup`<dl class="figures">${[
    item("Green", percent(figures.greenPct)),
    item("Red episodes", String(figures.episodes)),
    item("Flaky", String(figures.flakyEpisodes)),
    item("Time to restore (median)", minutes(figures.restoreMinutes.median)),
    item("Time to restore (p90)", minutes(figures.restoreMinutes.p90)),
    item("Merges per day", perDay(figures.mergesPerDay)),
    item("Merged branch age (median)", hours(figures.mergedBranchAgeHours.median)),
  ]}</dl>`;
}

const FIGURE_HEADINGS = markup`<tr><th scope="col">Repository</th><th scope="col">Now</th><th scope="col" class="num">Green</th><th scope="col" class="num">Episodes</th><th scope="col" class="num">Flaky</th><th scope="col" class="num">Restore median</th><th scope="col" class="num">Restore p90</th><th scope="col" class="num">Merges/day</th><th scope="col" class="num">Branch age</th><th scope="col" class="tl-col">Timeline <span class="legend"><span class="key key-green" aria-hidden="true"></span>green <span class="key key-red" aria-hidden="true"></span>red <span class="key key-flaky" aria-hidden="true"></span>flaky</span></th></tr>`;

function figureRow(view: BoardView, r: RepoSummary, from: Date, to: Date): SafeHtml {
  return markup`<tr data-repo="${r.repo}" data-state="${r.state}"><th scope="row">${link(repoUrl(view, r), r.repo)}</th><td>${badge(r.state)}</td><td class="num">${percent(r.greenPct)}</td><td class="num">${r.episodes}</td><td class="num">${r.flakyEpisodes}</td><td class="num">${minutes(r.restoreMinutes.median)}</td><td class="num">${minutes(r.restoreMinutes.p90)}</td><td class="num">${perDay(r.mergesPerDay)}</td><td class="num">${hours(r.mergedBranchAgeHours.median)}</td><td class="tl-col">${renderTimeline(r, from, to)}</td></tr>`;
}

function figuresSection(view: BoardView, repos: RepoSummary[]): SafeHtml {
  const { summary, query } = view;
  const from = new Date(summary.from);
  const to = new Date(summary.to);
  const rows = sortRepos(repos, query.sort).map((r) => figureRow(view, r, from, to));
  const shown = `${rows.length} of ${summary.repos.length}, ${SORTS[query.sort].toLowerCase()}`;
  return markup`<section aria-labelledby="figures-h"><h2 id="figures-h">Last ${summary.days} days</h2>
<h3 class="sub">Whole installation</h3>${figureList(summary.installation)}
<h3 class="sub">Per repository <span class="muted">(${shown})</span></h3>
<div class="scroll" tabindex="0" role="region" aria-label="Figures per repository"><table class="repos"><thead>${FIGURE_HEADINGS}</thead>
<tbody>${rows}</tbody></table></div></section>`;
}

/** The live part of the board: replaced whole on every update. */
export function renderBoardMain(view: BoardView): SafeHtml {
  const repos = filterRepos(view.summary.repos, view.query);
  return markup`${stoppedSection(view, repos)}${confirmingSection(view, repos)}${testsSection(view, repos)}${staleSection(view, repos)}${figuresSection(view, repos)}
<p class="updated muted">Updated ${utc(view.now.toISOString())}</p>`;
}

/** The page title: the count of stopped mainlines first, readable in a tab or on a wall. */
export function boardTitle(view: BoardView): string {
  const stopped = filterRepos(view.summary.repos, view.query).filter(isStopped).length;
  const demo = view.demo ? "DEMO · " : "";
  return `${demo}${stopped ? `✖ ${stopped} stopped` : "✔ all green"} · Andon`;
}

const selected = (yes: boolean) => (yes ? markup` selected` : "");
const checked = (yes: boolean) => (yes ? markup` checked` : "");

function filtersForm(view: BoardView): SafeHtml {
  const q = view.query;
  const periods = PERIODS.map(
    (d) => markup`<option value="${d}"${selected(d === q.days)}>${d} days</option>`,
  );
  const sorts = Object.entries(SORTS).map(
    ([k, v]) => markup`<option value="${k}"${selected(k === q.sort)}>${v}</option>`,
  );
  const token = view.token ? markup`<input type="hidden" name="token" value="${view.token}">` : "";
  return markup`<form class="filters" method="get" action="${BOARD_PATH}" role="search" aria-label="Filter the board">${token}
<label>Period <select name="days">${periods}</select></label>
<label>Team prefix <input type="search" name="team" value="${q.team}" placeholder="e.g. payments-" maxlength="100" autocomplete="off"></label>
<label class="check"><input type="checkbox" name="only" value="red"${checked(q.onlyRed)}> Only red</label>
<label class="check"><input type="checkbox" name="only" value="tests"${checked(q.onlyFailingTests)}> Only failing tests</label>
<label>Sort <select name="sort">${sorts}</select></label>
<button type="submit">Apply</button></form>`;
}

function demoBanner(view: BoardView): SafeHtml | "" {
  if (!view.demo) return "";
  const register = view.demo.registerUrl
    ? markup` <a href="${view.demo.registerUrl}">Register Andon on your organisation</a>`
    : "";
  return markup`<p class="demo" role="note"><strong>DEMO</strong> — a simulated organisation playing a working day; nothing here is real GitHub.${register}</p>`;
}

/** The whole board page: server-rendered, readable without script; the script only keeps it live. */
export function renderBoardPage(view: BoardView): string {
  const feed = boardQueryString(view.query, view.token ? { token: view.token } : {});
  const viewer = view.viewer ? markup`<p class="viewer muted">${view.viewer}</p>` : "";
  return markup`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${boardTitle(view)}</title><link rel="stylesheet" href="${BOARD_PATH}/board.css"><script src="${BOARD_PATH}/board.js" defer></script></head>
<body>${demoBanner(view)}
<header class="top"><h1>Andon board</h1>${viewer}<p class="live muted" id="live" role="status" aria-live="polite">Live updates on</p></header>
${filtersForm(view)}${TIMELINE_PATTERNS}
<main id="board" data-events="${BOARD_PATH}/events${feed}">${renderBoardMain(view)}</main>
</body></html>`.value;
}
