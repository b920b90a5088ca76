import { describe, expect, it } from "@jest/globals";
import { readdirSync, readFileSync } from "node:fs";
import { testsSchema } from "../../src/config/schema.js";
import { MAX_CHAIN_ROUNDS, moreFilesToRead } from "../../src/suite/chain-links.js";
import { filesToRead } from "../../src/suite/ci-files.js";
import { judgeTestSuite } from "../../src/suite/judge-suite.js";

/** `test/fixtures/trees/*.json`: a real-looking repository and the verdict it deserves. */
interface TreeFixture {
  description: string;
  expected: {
    conclusion: string;
    ecosystems: string[];
    /** `file:line` of every CI step that runs tests. */
    steps: string[];
    /** Service folder → has its own tests and a CI step that runs them. */
    services?: Record<string, boolean>;
    /** Kinds of what is missing, when the fixture is about that. */
    missing?: string[];
    /** `file:line → file:line …` of each credited step that reaches its tests through a chain. */
    chains?: string[];
    /** Files the summary says it could not read. */
    unreadable?: string[];
  };
  config?: Record<string, unknown>;
  truncated?: boolean;
  paths: string[];
  files: Record<string, string>;
}

const folder = new URL("../fixtures/trees/", import.meta.url);
const corpus: [string, TreeFixture][] = readdirSync(folder)
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => [
    name.replace(/\.json$/, ""),
    JSON.parse(readFileSync(new URL(name, folder), "utf8")) as TreeFixture,
  ]);

/** Judges a fixture the way the app will: only the files `filesToRead` asked for are read. */
function judge(fixture: TreeFixture) {
  const config = testsSchema.parse(fixture.config ?? {});
  const wanted = filesToRead(fixture.paths, config);
  const files: Record<string, string> = {};
  const read = (paths: string[]) => {
    for (const path of paths) {
      const content = fixture.files[path];
      if (content !== undefined) files[path] = content;
    }
  };
  read(wanted);
  for (let round = 0; round < MAX_CHAIN_ROUNDS; round++) {
    const next = moreFilesToRead(fixture.paths, files, config).filter(
      (path) => !wanted.includes(path),
    );
    if (next.length === 0) break;
    wanted.push(...next);
    read(next);
  }
  return {
    wanted,
    ...judgeTestSuite({
      paths: fixture.paths,
      files,
      truncated: fixture.truncated ?? false,
      config,
    }),
  };
}

describe("the corpus of repository trees", () => {
  it("holds at least 40 trees across the ecosystems", () => {
    const ecosystems = new Set(corpus.flatMap(([, fixture]) => fixture.expected.ecosystems));
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect([...ecosystems].sort()).toEqual([
      "cpp",
      "csharp",
      "dart",
      "elixir",
      "go",
      "haskell",
      "java",
      "js",
      "nim",
      "other",
      "php",
      "python",
      "ruby",
      "rust",
      "swift",
      "zig",
    ]);
  });

  it.each(corpus)("%s: gets the verdict it deserves", (_name, fixture) => {
    const { verdict, evidence } = judge(fixture);
    const actual: TreeFixture["expected"] = {
      conclusion: verdict.conclusion,
      ecosystems: evidence.ecosystems.map((row) => row.ecosystem).sort(),
      steps: evidence.steps.map((step) => `${step.file}:${step.line}`).sort(),
    };
    if (fixture.expected.services) {
      actual.services = Object.fromEntries(
        evidence.services.map((row) => [row.service, row.testFiles > 0 && row.steps.length > 0]),
      );
    }
    if (fixture.expected.chains) {
      actual.chains = evidence.steps
        .filter((step) => step.chain !== undefined)
        .map((step) =>
          [step, ...(step.chain ?? [])].map((link) => `${link.file}:${link.line}`).join(" → "),
        );
    }
    if (fixture.expected.unreadable) {
      actual.unreadable = evidence.unreadable.map((file) => file.file);
    }
    if (fixture.expected.missing) {
      actual.missing = [...new Set(evidence.missing.map((missing) => missing.kind))];
    }
    expect(actual).toEqual(fixture.expected);
  });

  it.each(corpus)("%s: asks for every file its verdict reads", (_name, fixture) => {
    const { wanted } = judge(fixture);
    expect(Object.keys(fixture.files).filter((path) => !wanted.includes(path))).toEqual([]);
    // `//owner/repo/path@ref` is another repository's file, read through the API.
    const outside = Object.keys(fixture.files).filter((path) => !fixture.paths.includes(path));
    expect(outside.filter((path) => !path.startsWith("//"))).toEqual([]);
  });
});
