import { describe, expect, it } from "@jest/globals";
import {
  code,
  formatDuration,
  formatHours,
  formatUtc,
  formatUtcDay,
  mention,
  mentionHandle,
  plainText,
  plural,
  shortSha,
} from "../../src/checks/format.js";

const M = 60_000;
const H = 60 * M;
const D = 24 * H;

describe("code", () => {
  it.each([
    ["feature/checkout", "`feature/checkout`"],
    ["fix-`quote`", "`` fix-`quote` ``"],
    ["a``b", "```a``b```"],
    ["`edge", "`` `edge ``"],
  ])("keeps %p one code span", (text, span) => {
    expect(code(text)).toBe(span);
  });
});

describe("mentionHandle", () => {
  it.each([
    ["@mona", "@mona"],
    ["@acme/platform", "@acme/platform"],
    ["@acme/site-reliability_eng", "@acme/site-reliability_eng"],
    [" @mona-lisa ", "@mona-lisa"],
    ["@a", "@a"],
  ])("keeps %p a live mention", (entry, rendered) => {
    expect(mentionHandle(entry)).toBe(rendered);
  });

  it.each([
    ["mona", "`mona`"],
    ["@acme/platform please", "`@acme/platform please`"],
    ["@-mona", "`@-mona`"],
    ["@mona-", "`@mona-`"],
    ["@mo--na", "`@mo--na`"],
    ["@acme/", "`@acme/`"],
    ["@acme/platform/extra", "`@acme/platform/extra`"],
    ["[@mona](https://evil.test)", "`[@mona](https://evil.test)`"],
    ["@" + "a".repeat(40), "`@" + "a".repeat(40) + "`"],
    ["@mona`", "`` @mona` ``"],
  ])("shows %p as code, mentioning nobody", (entry, rendered) => {
    expect(mentionHandle(entry)).toBe(rendered);
  });
});

describe("plainText", () => {
  it.each([
    ["Ada Lovelace", "Ada Lovelace"],
    ["[click](https://evil.test)", "\\[click\\](https://evil.test)"],
    ["Grace @hopper", "Grace @\u200bhopper"],
    ["@acme/core", "@\u200bacme/core"],
    ["#1 dev_ops", "\\#1 dev\\_ops"],
    ["build | lint <b>", "build \\| lint \\<b\\>"],
    ["ci/test (ubuntu, 20)", "ci/test (ubuntu, 20)"],
    ["~~gone~~ +1 !", "\\~\\~gone\\~\\~ \\+1 \\!"],
  ])("renders %p as inert text", (text, inert) => {
    expect(plainText(text)).toBe(inert);
  });
});

describe("mention", () => {
  it.each([
    [{ login: "ada", name: "Ada Lovelace" }, "@ada"],
    [{ name: "Ada Lovelace" }, "Ada Lovelace"],
    [{ login: undefined, name: "Ada Lovelace" }, "Ada Lovelace"],
    // A display name never mentions anyone: not a person, not a team.
    [{ name: "@acme/oncall" }, "@\u200bacme/oncall"],
    [{ login: "", name: "Build *bot*" }, "Build \\*bot\\*"],
  ])("addresses %p as %p", (author, text) => {
    expect(mention(author)).toBe(text);
  });
});

describe("plural", () => {
  it.each([
    [0, "commit", "0 commits"],
    [1, "commit", "1 commit"],
    [40, "commit", "40 commits"],
    [1, "error", "1 error"],
    [2, "error", "2 errors"],
  ])("counts %p %p as %p", (n, noun, text) => {
    expect(plural(n, noun)).toBe(text);
  });
});

describe("UTC times", () => {
  it.each([
    ["2026-11-25T12:34:56Z", "2026-11-25 12:34 UTC", "2026-11-25"],
    ["2026-11-25T23:59:59.999Z", "2026-11-25 23:59 UTC", "2026-11-25"],
    // A committer in another zone: shown in UTC, like every other time.
    ["2026-11-26T01:30:00+02:00", "2026-11-25 23:30 UTC", "2026-11-25"],
  ])("renders %p as %p, day %p", (iso, time, day) => {
    expect(formatUtc(iso)).toBe(time);
    expect(formatUtcDay(iso)).toBe(day);
  });
});

describe("formatDuration", () => {
  it.each([
    [3 * D + 4 * H + 59 * M, "3d 4h"],
    [2 * D + 30 * M, "2d"],
    [5 * H + 12 * M + 59_000, "5h 12m"],
    [24 * H - 1, "23h 59m"],
    [7 * H, "7h"],
    [45 * M + 59_000, "45m"],
    [59_999, "<1m"],
    [-5 * M, "<1m"],
    [Number.NaN, "<1m"],
  ])("renders %p ms as %p, rounding down", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("formatHours", () => {
  it.each([
    [24, "24h"],
    [48, "48h"],
    [0.5, "30m"],
    [1.5, "1h 30m"],
  ])("renders a limit of %p hours as %p", (hours, text) => {
    expect(formatHours(hours)).toBe(text);
  });
});

describe("shortSha", () => {
  it("shows the first 7 characters, as GitHub does", () => {
    expect(shortSha("9fceb02d0ae598e95dc970b74767f19372d61af8")).toBe("9fceb02");
  });
});
