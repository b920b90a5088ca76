import { describe, expect, it } from "@jest/globals";
import { testsSchema } from "../../src/config/schema.js";
import { judgeTestSuite } from "../../src/suite/judge-suite.js";

const config = testsSchema.parse({});

const GO_WORKFLOW = `name: ci
on:
  pull_request:
    paths: ["api/**"]
jobs:
  api:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: go test ./api/...
`;

const LINT_WORKFLOW = `name: lint
on: [push]
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - run: npm run lint
`;

describe("judgeTestSuite", () => {
  it("shows the evidence of a suite that CI runs", () => {
    const { verdict } = judgeTestSuite({
      paths: [
        "go.mod",
        "main.go",
        "store_test.go",
        "api/handler_test.go",
        ".github/workflows/ci.yml",
      ],
      files: { ".github/workflows/ci.yml": GO_WORKFLOW.replace("./api/...", "./...") },
      truncated: false,
      config,
    });
    expect(verdict).toEqual({
      conclusion: "success",
      title: "2 test files, run by CI in 1 step",
      summary: [
        "**Test files by ecosystem**",
        "",
        "| Ecosystem | Test files | Examples |",
        "| --- | ---: | --- |",
        "| Go | 2 | `store_test.go`, `api/handler_test.go` |",
        "",
        "**CI steps that run tests**",
        "",
        "- `.github/workflows/ci.yml:10` — `go test ./...`",
      ].join("\n"),
    });
  });

  it("shows one row per service and what each one lacks", () => {
    const { verdict } = judgeTestSuite({
      paths: [
        "api/go.mod",
        "api/user.go",
        "api/user_test.go",
        "web/package.json",
        "web/src/app.ts",
        ".github/workflows/api.yml",
      ],
      files: { ".github/workflows/api.yml": GO_WORKFLOW, "web/package.json": "{}" },
      truncated: false,
      config: testsSchema.parse({ services: ["api", "web/"] }),
    });
    expect(verdict).toEqual({
      conclusion: "failure",
      title: "Service `web` lacks tests or CI that runs them",
      summary: [
        "**Test files by ecosystem**",
        "",
        "| Ecosystem | Test files | Examples |",
        "| --- | ---: | --- |",
        "| Go | 1 | `api/user_test.go` |",
        "",
        "**CI steps that run tests**",
        "",
        "- `.github/workflows/api.yml:10` — `go test ./api/...`",
        "",
        "| Service | Test files | CI steps that run them | |",
        "| --- | ---: | --- | --- |",
        "| `api` | 1 | `.github/workflows/api.yml:10` | ✅ |",
        "| `web` | 0 | none | ❌ |",
        "",
        "### What is missing",
        "",
        "- **`web` has no tests.** Each service needs its own.",
        "- **No CI step runs `web`'s tests.** Run them with `working-directory: web`, `cd web && …`, or a workflow filtered on `web/**`.",
        "",
        "CI that does not verify behaviour is not CI.",
      ].join("\n"),
    });
  });

  it("fails tests that CI never runs, and annotates the idle CI file", () => {
    const { verdict } = judgeTestSuite({
      paths: ["package.json", "src/a.test.js", ".github/workflows/lint.yml"],
      files: {
        ".github/workflows/lint.yml": LINT_WORKFLOW,
        "package.json": '{"scripts":{"lint":"eslint ."}}',
      },
      truncated: false,
      config,
    });
    expect(verdict).toEqual({
      conclusion: "failure",
      title: "1 test file, but CI never runs them",
      summary: [
        "**Test files by ecosystem**",
        "",
        "| Ecosystem | Test files | Examples |",
        "| --- | ---: | --- |",
        "| JavaScript/TypeScript | 1 | `src/a.test.js` |",
        "",
        "### What is missing",
        "",
        "- **CI runs no tests.** No step of `.github/workflows/lint.yml` runs a test command. Add one that does (`npm test`, `pytest`, `go test ./...`…).",
        "",
        "CI that does not verify behaviour is not CI.",
      ].join("\n"),
      annotations: [
        {
          path: ".github/workflows/lint.yml",
          start_line: 1,
          end_line: 1,
          annotation_level: "warning",
          title: "CI runs no tests",
          message: "No step of this CI definition runs a test command.",
        },
      ],
    });
  });

  it.each([
    [false, "failure", "No test files found"],
    [true, "neutral", "No tests found in the part of the tree GitHub listed"],
  ])("with a truncated tree (%s) judges missing tests %s", (truncated, conclusion, title) => {
    const { verdict } = judgeTestSuite({
      paths: ["main.go", ".github/workflows/ci.yml"],
      files: { ".github/workflows/ci.yml": GO_WORKFLOW },
      truncated,
      config,
    });
    expect([verdict.conclusion, verdict.title]).toEqual([conclusion, title]);
    expect(verdict.summary.includes("GitHub truncated this repository's tree listing")).toBe(
      truncated,
    );
  });

  it("still fails a truncated tree whose CI runs no tests: CI files are never the missing part", () => {
    const { verdict } = judgeTestSuite({
      paths: [".github/workflows/lint.yml"],
      files: { ".github/workflows/lint.yml": LINT_WORKFLOW },
      truncated: true,
      config,
    });
    expect([verdict.conclusion, verdict.title]).toEqual(["failure", "No tests, and CI runs none"]);
  });

  it.each([
    [[], {}, "No tests and no CI"],
    [["a_test.go"], {}, "1 test file, but no CI runs them"],
  ])("titles a tree of %j", (paths, files, title) => {
    expect(judgeTestSuite({ paths, files, truncated: false, config }).verdict.title).toBe(title);
  });
});

describe("judgeTestSuite on chains", () => {
  it("shows the whole chain of a credited step and names a link it could not read", () => {
    const { verdict } = judgeTestSuite({
      paths: ["go.mod", "a_test.go", "Makefile", "scripts/release.sh", ".github/workflows/ci.yml"],
      files: {
        ".github/workflows/ci.yml": [
          "on: [push, pull_request]",
          "jobs:",
          "  ci:",
          "    runs-on: ubuntu-latest",
          "    steps:",
          "      - run: make ci",
          "      - run: ./scripts/release.sh",
          "      - uses: acme/ci/.github/workflows/lint.yml@v2",
          "",
        ].join("\n"),
        Makefile: "ci: vet\n\tgo test ./...\n\nvet:\n\tgo vet ./...\n",
      },
      truncated: false,
      config,
    });
    expect(verdict.conclusion).toBe("success");
    expect(verdict.summary).toContain(
      "- `.github/workflows/ci.yml:6` — `make ci` → `Makefile:2` `go test ./...`",
    );
    expect(verdict.summary).toContain(
      "> Could not read `scripts/release.sh`: a CI step leads to it, but it was not read",
    );
  });
});

describe("judgeTestSuite on a corpus of cases for other software", () => {
  it("leaves its test_* harnesses out and says so", () => {
    const { verdict, evidence } = judgeTestSuite({
      paths: [
        "parsers/test_a.py",
        "parsers/test_b/x.py",
        "parsers/test_c/y.py",
        "parsers/test_d/z.py",
      ],
      files: {},
      truncated: false,
      config,
    });
    expect(evidence.ecosystems).toEqual([]);
    expect(evidence.corpora).toEqual(["parsers"]);
    expect(verdict.summary).toContain("> Not counted: the `test_*` files of `parsers/`");
  });
});
