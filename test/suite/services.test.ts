import { describe, expect, it } from "@jest/globals";
import { coversEveryService, serviceOf } from "../../src/suite/services.js";

const services = ["services/api", "services/web", "worker"];
const place = (overrides: Partial<Parameters<typeof serviceOf>[0]>) => ({
  file: ".github/workflows/ci.yml",
  cwd: "",
  words: ["npm", "test"],
  scope: [],
  ...overrides,
});

describe("serviceOf", () => {
  it.each([
    ["its working directory", place({ cwd: "services/api/src" }), "services/api"],
    ["a path argument", place({ words: ["go", "test", "./services/web/..."] }), "services/web"],
    [
      "a `--manifest-path=` argument",
      place({ words: ["cargo", "test", "--manifest-path=worker/Cargo.toml"] }),
      "worker",
    ],
    ["a Gradle project path", place({ words: ["./gradlew", ":worker:test"] }), "worker"],
    ["the CI file's folder", place({ file: "services/web/Jenkinsfile" }), "services/web"],
    [
      "path filters on one service",
      place({ scope: ["services/api/**", ".github/workflows/ci.yml"] }),
      "services/api",
    ],
    ["a per-service workflow name", place({ file: ".github/workflows/worker-ci.yml" }), "worker"],
  ])("places a step by %s", (_how, where, expected) => {
    expect(serviceOf(where, services)).toBe(expected);
  });

  it.each([
    ["a root step", place({})],
    ["path filters on two services", place({ scope: ["services/api/**", "services/web/**"] })],
    ["a workflow named after nothing", place({ file: ".github/workflows/apis.yml" })],
  ])("leaves %s unplaced", (_how, where) => {
    expect(serviceOf(where, services)).toBeUndefined();
  });
});

describe("coversEveryService", () => {
  it.each([
    ["go test -race ./...", true],
    ["bazel test //...", true],
    ["npm test --workspaces", true],
    ["pnpm -r test", true],
    ["npx turbo run test", true],
    ["cargo test --workspace", true],
    ["npm test", false],
    ["pytest", false],
  ])("`%s` covers every service: %s", (command, expected) => {
    expect(coversEveryService({ file: "ci.yml", line: 1, command })).toBe(expected);
  });

  it("never lets a step placed in one service cover the others", () => {
    const step = { file: "ci.yml", line: 1, command: "go test ./...", service: "worker" };
    expect(coversEveryService(step)).toBe(false);
  });
});
