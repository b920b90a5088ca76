import { describe, expect, it } from "@jest/globals";
import { commandsOf, workspaceFolder } from "../../src/suite/shell.js";

const run = (text: string, cwd = "") =>
  commandsOf({ text, line: 10, cwd }).map((command) => [command.line, command.cwd, command.text]);

describe("commandsOf", () => {
  it("follows `cd`, `pushd` and `popd` through a script", () => {
    const script = [
      "cd services/api && npm test",
      "pushd ../web",
      "make check",
      "popd",
      "go test ./...",
    ];
    expect(run(script.join("\n"))).toEqual([
      [10, "services/api", "cd services/api"],
      [10, "services/api", "npm test"],
      [11, "services/web", "pushd ../web"],
      [12, "services/web", "make check"],
      [13, "services/api", "popd"],
      [14, "services/api", "go test ./..."],
    ]);
  });

  it("keeps quoted operators inside their command and drops comments", () => {
    const script = ["# set up", 'bash -c "npm ci && npm test" # both', "echo 'a; b' | tee out"];
    expect(commandsOf({ text: script.join("\n"), line: 1, cwd: "" }).map((c) => c.words)).toEqual([
      ["bash", "-c", "npm ci && npm test"],
      ["echo", "a; b"],
      ["tee", "out"],
    ]);
  });

  it("joins continued lines and cites the first", () => {
    expect(run("pytest \\\n  -q \\\n  tests/\nnpm test")).toEqual([
      [10, "", "pytest -q tests/"],
      [13, "", "npm test"],
    ]);
  });

  it("strips shell keywords around a command", () => {
    expect(
      commandsOf({ text: "if make test; then echo ok; fi", line: 1, cwd: "" })[0]?.words,
    ).toEqual(["make", "test"]);
  });
});

describe("workspaceFolder", () => {
  it.each([
    ["$GITHUB_WORKSPACE/web", "web"],
    ["${{ github.workspace }}/build", "build"],
    ["${GITHUB_WORKSPACE}", ""],
    ["~/project/api", "api"],
    ["$(Build.SourcesDirectory)/src/App", "src/App"],
    ["./services/api/", "services/api"],
  ])("reads %s as `%s`", (dir, folder) => {
    expect(workspaceFolder(dir)).toBe(folder);
  });

  it("gives up on a folder named by a variable it cannot know", () => {
    expect(workspaceFolder("$SERVICE_DIR")).toBeUndefined();
    expect(workspaceFolder("~/src")).toBeUndefined();
  });
});
