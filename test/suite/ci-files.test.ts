import { describe, expect, it } from "@jest/globals";
import { ciKindOf, filesToRead } from "../../src/suite/ci-files.js";

describe("ciKindOf", () => {
  it.each([
    [".github/workflows/ci.yml", "github-actions"],
    [".github/workflows/release.yaml", "github-actions"],
    [".github/actions/setup/action.yml", "github-action"],
    [".gitlab-ci.yml", "gitlab"],
    [".gitlab/ci/test.gitlab-ci.yml", "gitlab"],
    [".circleci/config.yml", "circleci"],
    ["Jenkinsfile", "jenkins"],
    ["services/api/Jenkinsfile", "jenkins"],
    ["ci/release.jenkinsfile", "jenkins"],
    [".travis.yml", "travis"],
    ["azure-pipelines.yml", "azure"],
    ["build/azure-pipelines.pr.yml", "azure"],
    [".buildkite/pipeline.yml", "buildkite"],
  ])("knows %s as %s", (path, kind) => {
    expect(ciKindOf(path)).toBe(kind);
  });

  it.each([
    "action.yml",
    ".github/workflows/nested/ci.yml",
    ".github/dependabot.yml",
    "node_modules/some-lib/.travis.yml",
    "vendor/acme/Jenkinsfile",
    "docs/ci.yml",
  ])("does not take %s for a CI definition", (path) => {
    expect(ciKindOf(path)).toBeUndefined();
  });
});

describe("filesToRead", () => {
  const none = { services: [] };

  it("asks for CI definitions, composite actions and the shallow package.json files", () => {
    const paths = [
      ".github/workflows/ci.yml",
      ".github/actions/setup/action.yml",
      ".github/dependabot.yml",
      "package.json",
      "web/package.json",
      "web/src/index.ts",
      "node_modules/jest/package.json",
      "README.md",
    ];
    expect(filesToRead(paths, none)).toEqual([
      ".github/workflows/ci.yml",
      ".github/actions/setup/action.yml",
      "package.json",
      "web/package.json",
    ]);
  });

  it("caps package.json files at ten, but always reads each service's", () => {
    const packages = Array.from(
      { length: 30 },
      (_, i) => `packages/p${String(i).padStart(2, "0")}/package.json`,
    );
    const paths = ["package.json", ...packages, "deep/down/here/svc/package.json"];
    const wanted = filesToRead(paths, { services: ["deep/down/here/svc"] });
    expect(wanted).toContain("deep/down/here/svc/package.json");
    expect(wanted).toContain("package.json");
    expect(wanted.length).toBe(11);
  });

  it("reads Rust sources only when no test file shows by its path, lib.rs and main.rs first", () => {
    const crate = [
      "Cargo.toml",
      "src/a.rs",
      "src/b.rs",
      "src/c.rs",
      "src/d.rs",
      "src/lib.rs",
      "src/main.rs",
      "src/x/deep.rs",
    ];
    expect(filesToRead(crate, none)).toEqual([
      "src/lib.rs",
      "src/main.rs",
      "src/a.rs",
      "src/b.rs",
      "src/c.rs",
    ]);
    expect(filesToRead([...crate, "tests/it.rs"], none)).toEqual([]);
  });

  it("reads the CMakeLists.txt that register tests and the phpunit configuration", () => {
    const paths = [
      "CMakeLists.txt",
      "src/CMakeLists.txt",
      "test/CMakeLists.txt",
      "third_party/gtest/test/CMakeLists.txt",
      "phpunit.xml.dist",
    ];
    expect(filesToRead(paths, none)).toEqual([
      "CMakeLists.txt",
      "test/CMakeLists.txt",
      "phpunit.xml.dist",
    ]);
  });
});
