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

describe("commandsOf on loops", () => {
  it("unrolls a loop over listed folders, each pass from the loop's folder", () => {
    const commands = commandsOf({
      text: "for s in api web; do\n  pushd services/$s\n  go test\n  popd\ndone\nmake lint",
      line: 10,
      cwd: "",
    });
    expect(commands.map((c) => [c.line, c.text, c.cwd])).toEqual([
      [11, "pushd services/api", "services/api"],
      [12, "go test", "services/api"],
      [13, "popd", ""],
      [11, "pushd services/web", "services/web"],
      [12, "go test", "services/web"],
      [13, "popd", ""],
      [15, "make lint", ""],
    ]);
  });

  it("stops unrolling nested loops at a bound", () => {
    const loop = "for a in 1 2 3 4 5 6 7 8 9 10 11 12; do\n";
    const nested = loop.repeat(8) + "true\n" + "done\n".repeat(8);
    expect(commandsOf({ text: nested, line: 1, cwd: "" }).length).toBeLessThanOrEqual(2_100);
  });
});
