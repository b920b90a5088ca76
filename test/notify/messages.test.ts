import { describe, expect, it } from "@jest/globals";
import type { MainlineTransition } from "../../src/mainline/transition.js";
import { jsonEvent, slackMessage, teamsCard } from "../../src/notify/messages.js";
import { slackProblems, teamsProblems } from "./chat-shapes.js";

const BREAKING = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
const FIXING = "f1e2d3c4b5a60718293a4b5c6d7e8f9012345678";

const red: MainlineTransition = {
  event: "red",
  installationId: 1,
  repository: "acme/shop",
  sha: BREAKING,
  breakingSha: BREAKING,
  fixingSha: null,
  author: "bea",
  failingChecks: ["test (node 20)", "lint"],
  reason: null,
  url: `https://github.com/acme/shop/commit/${BREAKING}`,
  at: "2026-11-25T12:00:00Z",
};
const green: MainlineTransition = {
  ...red,
  event: "green",
  sha: FIXING,
  fixingSha: FIXING,
  author: "finn",
  failingChecks: [],
  url: `https://github.com/acme/shop/commit/${FIXING}`,
  at: "2026-11-25T14:00:00Z",
};
const flaky: MainlineTransition = {
  ...green,
  fixingSha: BREAKING,
  flaky: true,
  flippedChecks: ["e2e"],
};
const closed: MainlineTransition = {
  event: "closed",
  installationId: 1,
  repository: "acme/shop",
  sha: FIXING,
  breakingSha: null,
  fixingSha: null,
  author: "mona",
  failingChecks: [],
  reason: "release 2.0 freeze",
  url: "https://github.com/acme/shop/issues/7#issuecomment-99",
  at: "2026-11-25T15:00:00Z",
};
const opened: MainlineTransition = { ...closed, event: "opened", reason: null };

const ALL = { red, green, flaky, closed, opened };

describe("the JSON event", () => {
  it("has exactly the documented keys, absent values null", () => {
    expect(jsonEvent(closed)).toEqual({
      event: "closed",
      repository: "acme/shop",
      sha: FIXING,
      breakingSha: null,
      fixingSha: null,
      author: "mona",
      failingChecks: [],
      reason: "release 2.0 freeze",
      url: "https://github.com/acme/shop/issues/7#issuecomment-99",
      at: "2026-11-25T15:00:00Z",
    });
    // Internal fields (installation, flaky details) stay out of the public event.
    expect(Object.keys(jsonEvent(flaky)).sort()).toEqual(
      [
        "event",
        "repository",
        "sha",
        "breakingSha",
        "fixingSha",
        "author",
        "failingChecks",
        "reason",
        "url",
        "at",
      ].sort(),
    );
  });
});

describe.each(Object.entries(ALL))("the %s transition in chat", (_name, t) => {
  it("is a valid Slack message", () => {
    expect(slackProblems(slackMessage(t))).toEqual([]);
  });

  it("is a valid Teams message card", () => {
    expect(teamsProblems(teamsCard(t))).toEqual([]);
  });
});

describe("chat texts", () => {
  it("say what happened, with the commit and who", () => {
    expect(slackMessage(red).text).toBe("acme/shop: the mainline is red");
    expect(JSON.stringify(slackMessage(red).blocks)).toContain("a1b2c3d by bea");
    expect(JSON.stringify(slackMessage(red).blocks)).toContain("test (node 20), lint");
    expect(slackMessage(green).text).toBe("acme/shop: the mainline is green again");
    expect(slackMessage(flaky).text).toContain("flaky");
    expect(JSON.stringify(teamsCard(flaky))).toContain("e2e");
    expect(teamsCard(closed).title).toBe("acme/shop: the mainline is closed by mona");
    expect(JSON.stringify(teamsCard(closed).sections)).toContain("release 2.0 freeze");
    expect(slackMessage(opened).text).toBe(
      "acme/shop: the mainline is open again (opened by mona)",
    );
  });

  it("neutralise mentions, links and markup in what people wrote", () => {
    const hostile: MainlineTransition = {
      ...closed,
      reason: "<!channel> @here *urgent* [click](https://evil.example) <https://evil.example|x>",
      failingChecks: ["<@U123>"],
    };
    const slack = JSON.stringify(slackMessage(hostile));
    expect(slack).not.toMatch(/<!channel>|<@U123>|<https:/);
    expect(slack).not.toContain("@here");
    expect(slack).toContain("&lt;!channel&gt;");
    const teams = JSON.stringify(teamsCard(hostile));
    expect(teams).not.toContain("@here");
    expect(teams).not.toContain("[click](");
    expect(teams).toContain("\\\\*urgent\\\\*");
  });

  it("cap long check lists and reasons", () => {
    const many = { ...red, failingChecks: Array.from({ length: 40 }, (_, i) => `job ${i}`) };
    expect(JSON.stringify(slackMessage(many))).toContain("and 30 more");
    const long = { ...closed, reason: "x".repeat(5000) };
    expect(slackProblems(slackMessage(long))).toEqual([]);
    expect(JSON.stringify(teamsCard(long)).length).toBeLessThan(2000);
  });
});
