import { describe, expect, it } from "@jest/globals";
import { parseBoardQuery } from "../../src/board/filters.js";
import { renderBoardPage, type BoardView } from "../../src/board/render-board.js";
import { NOW, red, repo, summary } from "./fixtures.js";

function view(fields: Partial<BoardView> & Pick<BoardView, "summary">, query = ""): BoardView {
  return {
    query: parseBoardQuery(new URLSearchParams(query)),
    now: NOW,
    webUrl: "https://github.com",
    ...fields,
  };
}

/** The repositories in the "stopped" list, in the order shown. */
function stoppedOrder(page: string): string[] {
  const list = page.match(/<ol class="stops">([\s\S]*?)<\/ol>/)?.[1] ?? "";
  return [...list.matchAll(/<li class="stop[^"]*" data-repo="([^"]+)"/g)].map((m) => m[1]!);
}

function tableOrder(page: string): string[] {
  return [...page.matchAll(/<tr data-repo="([^"]+)"/g)].map((m) => m[1]!);
}

describe("the board page", () => {
  it("lists red and closed mainlines first, the one stopped longest first", () => {
    const page = renderBoardPage(
      view({
        summary: summary([
          repo("acme/green"),
          red("acme/recent", "2026-11-25T11:30:00Z"),
          repo("acme/closed", {
            state: "closed",
            closedAt: "2026-11-25T10:00:00Z",
            closedBy: "lead",
            closedReason: "release freeze",
          }),
          red("acme/oldest", "2026-11-25T08:00:00Z", {
            breakingSha: "abcdef0123456789abcdef0123456789abcdef01",
            breakingAuthor: "octocat",
            failingChecks: [{ name: "unit tests", url: "https://github.com/acme/oldest/runs/1" }],
          }),
        ]),
      }),
    );
    expect(stoppedOrder(page)).toEqual(["acme/oldest", "acme/closed", "acme/recent"]);
    const oldest = page.slice(page.indexOf('data-repo="acme/oldest"'));
    expect(oldest).toContain("Red for 4h</strong>");
    expect(oldest).toContain('<code>abcdef0</code></a> by <strong class="author">octocat</strong>');
    expect(oldest).toContain('<a href="https://github.com/acme/oldest/runs/1">unit tests</a>');
    expect(oldest).toContain(
      '<a href="https://github.com/acme/oldest/commit/abcdef0123456789abcdef0123456789abcdef01/checks">Failing runs</a>',
    );
    expect(page).toContain("Closed by <strong>lead</strong>: “release freeze”");
    expect(page).toContain("<title>✖ 3 stopped · Andon</title>");
  });

  it("says every mainline is green when none is stopped", () => {
    const page = renderBoardPage(view({ summary: summary([repo("acme/a")]) }));
    expect(stoppedOrder(page)).toEqual([]);
    expect(page).toContain("Every mainline shown is green or building");
    expect(page).toContain("<title>✔ all green · Andon</title>");
  });

  it("lists repositories without a test suite that CI runs, and what is missing", () => {
    const page = renderBoardPage(
      view({
        summary: summary([
          repo("acme/none", { tests: "no-tests" }),
          repo("acme/unrun", { tests: "no-ci" }),
          repo("acme/fine"),
        ]),
      }),
    );
    const section = page.slice(
      page.indexOf('id="tests-h"'),
      page.indexOf("</section>", page.indexOf('id="tests-h"')),
    );
    expect(section).toContain("No test suite that CI runs (2)");
    expect(section).toMatch(/acme\/none<\/a><\/th><td>.*No test suite: no test files found/);
    expect(section).toMatch(/acme\/unrun<\/a><\/th><td>.*no CI build runs them/);
    expect(section).not.toContain("acme/fine");
  });

  it("lists stale branches with the count, the oldest and its author when known", () => {
    const page = renderBoardPage(
      view({
        summary: summary([
          repo("acme/a", { staleBranches: 2 }),
          repo("acme/b", {
            staleBranches: { count: 5, oldestBranch: "feature/x", oldestHours: 50, author: "mona" },
          }),
        ]),
      }),
    );
    const section = page.slice(page.indexOf('id="stale-h"'));
    expect(section.indexOf("acme/b")).toBeLessThan(section.indexOf("acme/a"));
    expect(section).toContain(
      '<td class="num">5</td><td><code>feature/x</code> 2d 2h</td><td>mona</td>',
    );
  });

  it("shows the installation's figures and each repository's, with a timeline", () => {
    const page = renderBoardPage(
      view({
        summary: summary([
          repo("acme/a", {
            greenPct: 91.25,
            episodes: 2,
            flakyEpisodes: 1,
            restoreMinutes: { median: 45, p90: 130 },
            mergesPerDay: 3.333,
            mergedBranchAgeHours: { median: 5.5 },
            episodeList: [
              { start: "2026-11-20T10:00:00Z", end: "2026-11-20T10:45:00Z" },
              { start: "2026-11-21T10:00:00Z", end: "2026-11-21T10:05:00Z", flaky: true },
            ],
          }),
        ]),
      }),
    );
    expect(page).toContain("<dt>Green</dt><dd>97.5%</dd>");
    const row = page.slice(page.indexOf('<tr data-repo="acme/a"'));
    expect(row).toMatch(
      /91\.3%<\/td><td class="num">2<\/td><td class="num">1<\/td><td class="num">45m<\/td><td class="num">2h 10m<\/td><td class="num">3\.3<\/td><td class="num">5h 30m<\/td>/,
    );
    expect(row).toContain('aria-label="Red 2 times, 50m in all"');
    expect(row).toContain('fill="url(#tl-red)"');
    expect(row).toContain('fill="url(#tl-flaky)"');
  });

  it.each([
    ["team=pay", ["acme/pay-api", "acme/pay-web"]],
    ["team=ACME/PAY-W", ["acme/pay-web"]],
    ["only=red", ["acme/pay-api", "acme/shop"]],
    ["only=tests", ["acme/pay-web", "acme/shop"]],
    ["only=red&only=tests", ["acme/shop"]],
    ["team=pay&only=red", ["acme/pay-api"]],
  ])("filters with %s", (query, shown) => {
    const page = renderBoardPage(
      view(
        {
          summary: summary([
            red("acme/pay-api", "2026-11-25T11:00:00Z"),
            repo("acme/pay-web", { tests: "no-ci" }),
            red("acme/shop", "2026-11-25T11:00:00Z", { tests: "no-tests" }),
            repo("acme/docs"),
          ]),
        },
        query,
      ),
    );
    expect(tableOrder(page).sort()).toEqual(shown);
  });

  it.each([
    ["", ["acme/red", "acme/untested", "acme/stale", "acme/low", "acme/high"]],
    ["sort=name", ["acme/high", "acme/low", "acme/red", "acme/stale", "acme/untested"]],
    ["sort=green", ["acme/low", "acme/red", "acme/stale", "acme/untested", "acme/high"]],
    ["sort=episodes", ["acme/red", "acme/high", "acme/low", "acme/stale", "acme/untested"]],
  ])("sorts with %j", (query, order) => {
    const page = renderBoardPage(
      view(
        {
          summary: summary([
            repo("acme/high", { greenPct: 99, episodes: 1 }),
            repo("acme/low", { greenPct: 50 }),
            repo("acme/stale", { greenPct: 80, staleBranches: 1 }),
            repo("acme/untested", { greenPct: 90, tests: "no-tests" }),
            red("acme/red", "2026-11-25T11:00:00Z", { greenPct: 70, episodes: 4 }),
          ]),
        },
        query,
      ),
    );
    expect(tableOrder(page)).toEqual(order);
  });

  it("escapes every name people control, and links only to http(s)", () => {
    const evil = '<img src=x onerror="alert(1)">';
    const hostile = summary([
      red(`acme/${evil}`, "2026-11-25T11:00:00Z", {
        breakingAuthor: `"><script>alert(2)</script>`,
        failingChecks: [{ name: `</li><script>alert(3)</script>`, url: "javascript:alert(4)" }],
        staleBranches: { count: 1, oldestBranch: "<b>x</b>", author: "<i>y</i>" },
        tests: "no-tests",
      }),
      repo("acme/closed", { state: "closed", closedBy: "<u>z</u>", closedReason: "<marquee>" }),
    ]);
    const page = renderBoardPage(view({ summary: hostile }));
    expect(page).not.toMatch(/<script>|<img|<marquee|<b>x|<i>y|<u>z|javascript:/);
    expect(page).toContain("acme/&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</a>");
    expect(page).toContain("&lt;/li&gt;&lt;script&gt;alert(3)&lt;/script&gt;</li>");
    const filtered = renderBoardPage(
      view({ summary: hostile }, `team=${encodeURIComponent('"><script>alert(5)</script>')}`),
    );
    expect(filtered).not.toContain("<script>");
    expect(filtered).toContain('value="&quot;&gt;&lt;script&gt;alert(5)&lt;/script&gt;"');
  });

  it("marks the demo on the page and offers registering the real app", () => {
    const page = renderBoardPage(view({ summary: summary([]), demo: { registerUrl: "/probot" } }));
    expect(page).toContain("<strong>DEMO</strong>");
    expect(page).toContain('<a href="/probot">Register Andon on your organisation</a>');
    expect(page).toContain("<title>DEMO · ");
  });

  it("keeps a wall display's token in the filters and the live feed", () => {
    const page = renderBoardPage(view({ summary: summary([]), token: "t&k" }, "days=7&only=red"));
    expect(page).toContain('<input type="hidden" name="token" value="t&amp;k">');
    expect(page).toContain('data-events="/andon/events?days=7&amp;only=red&amp;token=t%26k"');
  });
});

describe("parseBoardQuery", () => {
  it.each([
    ["", { days: 30, team: "", onlyRed: false, onlyFailingTests: false, sort: "worst" }],
    [
      "days=7&team=%20pay-%20&only=red&sort=green",
      { days: 7, team: "pay-", onlyRed: true, onlyFailingTests: false, sort: "green" },
    ],
    [
      "days=365&sort=constructor&only=tests",
      { days: 30, team: "", onlyRed: false, onlyFailingTests: true, sort: "worst" },
    ],
    [
      `team=${"x".repeat(500)}`,
      { days: 30, team: "x".repeat(100), onlyRed: false, onlyFailingTests: false, sort: "worst" },
    ],
  ])("reads %j leniently", (query, expected) => {
    expect(parseBoardQuery(new URLSearchParams(query))).toEqual(expected);
  });
});
