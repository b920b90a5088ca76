import { describe, expect, it } from "@jest/globals";
import { code, count, plainName } from "../../src/integration/markdown.js";

describe("code", () => {
  it.each([
    ["feature/checkout", "`feature/checkout`"],
    ["fix-`quote`", "`` fix-`quote` ``"],
    ["a``b", "```a``b```"],
  ])("keeps %p one code span", (text, span) => {
    expect(code(text)).toBe(span);
  });
});

describe("plainName", () => {
  it.each([
    ["Ada Lovelace", "Ada Lovelace"],
    ["[click](https://evil.test)", "\\[click\\]\\(https://evil.test\\)"],
    ["Grace @hopper", "Grace @\u200bhopper"],
    ["#1 dev_ops", "\\#1 dev\\_ops"],
  ])("renders %p as inert text", (name, text) => {
    expect(plainName(name)).toBe(text);
  });
});

describe("count", () => {
  it.each([
    [0, "0 commits"],
    [1, "1 commit"],
    [40, "40 commits"],
  ])("counts %p as %p", (n, text) => {
    expect(count(n, "commit")).toBe(text);
  });
});
