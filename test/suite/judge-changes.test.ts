import { describe, expect, it } from "@jest/globals";
import type { CheckVerdict } from "../../src/checks/verdict.js";
import { testsSchema } from "../../src/config/schema.js";
import { combineVerdicts, judgePullRequestChanges } from "../../src/suite/judge-changes.js";

const config = testsSchema.parse({});

describe("judgePullRequestChanges", () => {
  it.each([
    ["source without tests", ["src/cart.ts", "README.md"], "warning", ["src/cart.ts"], []],
    [
      "source with its test",
      ["src/cart.ts", "src/cart.test.ts"],
      "ok",
      ["src/cart.ts"],
      ["src/cart.test.ts"],
    ],
    [
      "source with a snapshot update",
      ["lib/view.js", "test/__snapshots__/view.js.snap"],
      "ok",
      ["lib/view.js"],
      ["test/__snapshots__/view.js.snap"],
    ],
    [
      "Go source with a test in another package",
      ["pkg/a/a.go", "pkg/b/b_test.go"],
      "ok",
      ["pkg/a/a.go"],
      ["pkg/b/b_test.go"],
    ],
    ["docs only", ["docs/setup.md", "README.md", "CHANGELOG.md"], "ok", [], []],
    [
      "config only",
      ["package.json", "tsconfig.json", ".eslintrc.js", "vite.config.ts", "setup.py"],
      "ok",
      [],
      [],
    ],
    [
      "CI only",
      [".github/workflows/ci.yml", ".github/actions/setup/action.yml", "Jenkinsfile"],
      "ok",
      [],
      [],
    ],
    [
      "vendored and generated code",
      ["vendor/x/y.go", "dist/index.js", "src/__generated__/schema.ts"],
      "ok",
      [],
      [],
    ],
    ["tests only", ["tests/test_api.py"], "ok", [], ["tests/test_api.py"]],
  ])("judges %s", (_case, changedFiles, level, sourceFiles, testFiles) => {
    expect(judgePullRequestChanges({ changedFiles, labels: [], config })).toEqual({
      level,
      sourceFiles,
      testFiles,
    });
  });

  it("exempts a pull request labelled `tests.exemptLabel`", () => {
    const changes = { changedFiles: ["src/cart.ts"], labels: ["bug", "no-tests-needed"], config };
    expect(judgePullRequestChanges(changes).level).toBe("exempt");
    const custom = { ...changes, config: { ...config, exemptLabel: "trivial" } };
    expect(judgePullRequestChanges(custom).level).toBe("warning");
  });

  it("counts `tests.testPaths` files as test changes", () => {
    const changedFiles = ["lib/backup.sh", "src/backup.py", "qa/backup.bats"];
    const judged = judgePullRequestChanges({
      changedFiles,
      labels: [],
      config: { ...config, testPaths: ["qa/**"] },
    });
    expect(judged).toEqual({
      level: "ok",
      sourceFiles: ["src/backup.py"],
      testFiles: ["qa/backup.bats"],
    });
  });
});

describe("combineVerdicts", () => {
  const suite: CheckVerdict = {
    conclusion: "success",
    title: "12 test files, run by CI in 1 step",
    summary: "SUITE",
  };
  const warning = { level: "warning" as const, sourceFiles: ["src/a.ts"], testFiles: [] };

  it("lets a repository-level failure win over anything the PR does", () => {
    const failing: CheckVerdict = { ...suite, conclusion: "failure", title: "No test files found" };
    expect(combineVerdicts(failing, warning, { ...config, requireTestsInPRs: true })).toBe(failing);
  });

  it("warns with `neutral` when source changed without tests", () => {
    expect(combineVerdicts(suite, warning, config)).toEqual({
      conclusion: "neutral",
      title: "Source changed without tests (1 file)",
      summary: [
        "**This pull request changes 1 source file but no tests.**",
        "",
        "- `src/a.ts`",
        "",
        "Add or update tests for the behaviour it changes, or label it `no-tests-needed` if it needs none.",
        "",
        "SUITE",
      ].join("\n"),
    });
  });

  it("fails instead with `tests.requireTestsInPRs`, listing five files and a count of the rest", () => {
    const many = {
      ...warning,
      sourceFiles: ["a.go", "b.go", "c.go", "d.go", "e.go", "f.go", "g.go"],
    };
    const verdict = combineVerdicts(suite, many, { ...config, requireTestsInPRs: true });
    expect(verdict.conclusion).toBe("failure");
    expect(verdict.title).toBe("Source changed without tests (7 files)");
    expect(verdict.summary).toContain("- `e.go`\n- …and 2 more\n");
    expect(verdict.summary).not.toContain("f.go");
  });

  it("keeps the suite's verdict for an exempt PR, and says why tests were not asked for", () => {
    const exempt = { level: "exempt" as const, sourceFiles: ["src/a.ts"], testFiles: [] };
    expect(combineVerdicts(suite, exempt, config)).toEqual({
      ...suite,
      summary: "Labelled `no-tests-needed`: this pull request needs no test changes.\n\nSUITE",
    });
  });

  it("returns the suite's verdict untouched when tests changed with the source", () => {
    const ok = { level: "ok" as const, sourceFiles: ["src/a.ts"], testFiles: ["src/a.test.ts"] };
    expect(combineVerdicts(suite, ok, config)).toBe(suite);
  });
});
