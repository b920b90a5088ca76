import { describe, expect, it } from "@jest/globals";
import { compileCheckGlobs } from "../../src/mainline/check-name-glob.js";

describe("compileCheckGlobs", () => {
  it.each([
    ["matches a matrix job by its exact name", ["test (18.x)"], "test (18.x)", true],
    ["keeps matrix parentheses literal", ["test (18.x)"], "test 18.x", false],
    ["matches every matrix job with a star", ["test (*)"], "test (20.x)", true],
    ["lets a star cross slashes", ["ci/*"], "ci/jenkins/branch", true],
    ["matches a reusable-workflow job", ["build / *"], "build / compile", true],
    ["matches brackets literally when named exactly", ["build [linux]"], "build [linux]", true],
    ["does not match a prefix without a star", ["lint"], "lint / eslint", false],
    ["matches nothing with no globs", [], "lint", false],
  ])("%s", (_behaviour, globs, name, expected) => {
    expect(compileCheckGlobs(globs)(name)).toBe(expected);
  });
});
