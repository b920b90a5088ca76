import { describe, expect, it } from "@jest/globals";
import { MAX_REASON, parseCommand } from "../../src/commands/parse-command.js";

describe("parseCommand", () => {
  it.each([
    ["/andon close release freeze", { kind: "close", reason: "release freeze" }],
    ["/andon close   bad deploy, see #12  ", { kind: "close", reason: "bad deploy, see #12" }],
    ["/ANDON Close incident\nmore context below", { kind: "close", reason: "incident" }],
    ["\uFEFF/andon open", { kind: "open" }],
    ["/andon open\r\nthanks all", { kind: "open" }],
    ["  /andon open  ", { kind: "open" }],
    ["/andon close", { kind: "invalid", why: "`/andon close` needs a reason" }],
    ["/andon close    ", { kind: "invalid", why: "`/andon close` needs a reason" }],
    ["/andon", { kind: "invalid", why: "unknown command (none)" }],
    ["/andon shut it", { kind: "invalid", why: "unknown command `shut`" }],
  ])("reads %j", (body, expected) => {
    expect(parseCommand(body)).toEqual(expected);
  });

  it.each([
    "",
    "LGTM",
    "/andonclose no space",
    "please /andon close this",
    "> /andon close quoted",
    "Thanks!\n/andon close on the second line",
    "`/andon close` in code",
  ])("ignores %j: not a command on the first line", (body) => {
    expect(parseCommand(body)).toBeUndefined();
  });

  it("ignores a comment without a body", () => {
    expect(parseCommand(null)).toBeUndefined();
  });

  it("cuts a reason longer than a title can carry", () => {
    const parsed = parseCommand(`/andon close ${"x".repeat(500)}`);
    expect(parsed?.kind === "close" && parsed.reason.length).toBe(MAX_REASON);
  });
});
