import { basenameOf, depthOf, dirnameOf, extensionOf, isWithin, segmentsOf } from "./paths.js";
import type { Ecosystem } from "./types.js";

const EXTENSIONS: Record<string, Exclude<Ecosystem, "other">> = {
  js: "js",
  jsx: "js",
  ts: "js",
  tsx: "js",
  mjs: "js",
  cjs: "js",
  mts: "js",
  cts: "js",
  py: "python",
  go: "go",
  java: "java",
  kt: "java",
  kts: "java",
  groovy: "java",
  scala: "java",
  rb: "ruby",
  rs: "rust",
  cs: "csharp",
  fs: "csharp",
  vb: "csharp",
  php: "php",
  ex: "elixir",
  exs: "elixir",
  swift: "swift",
  c: "cpp",
  cc: "cpp",
  cpp: "cpp",
  cxx: "cpp",
  h: "cpp",
  hh: "cpp",
  hpp: "cpp",
  hxx: "cpp",
  hs: "haskell",
  lhs: "haskell",
  dart: "dart",
  zig: "zig",
  nim: "nim",
};

/** What a file's test-ness depends on beyond its path: facts read from a few files. */
export interface TestFileContext {
  /** Folders that `phpunit.xml` declares as test suites. */
  phpTestFolders: readonly string[];
  /** C/C++ files in `test/` folders count: CMake registers tests, or the build is not CMake. */
  cTestFoldersCount: boolean;
  /** Rust sources that hold `#[cfg(test)]` modules, Zig sources that hold `test` blocks. */
  rustFilesWithTests: ReadonlySet<string>;
}

export const PATH_ONLY_CONTEXT: TestFileContext = {
  phpTestFolders: [],
  cTestFoldersCount: true,
  rustFilesWithTests: new Set(),
};

/** `phpunit.xml`, `phpunit.xml.dist`, `phpunit.dist.xml`: they name the test folders. */
export function isPhpunitConfig(path: string): boolean {
  return /^phpunit(\.dist)?\.xml(\.dist)?$/.test(basenameOf(path));
}

/** The root `CMakeLists.txt` and those in test folders: where `add_test` is written. */
export function isCmakeTestCandidate(path: string): boolean {
  return (
    basenameOf(path) === "CMakeLists.txt" &&
    (depthOf(path) === 1 || /(^|\/)tests?(\/|$)/i.test(dirnameOf(path)))
  );
}

/** The ecosystem whose source files have this extension, if any. */
export function ecosystemOfSource(path: string): Exclude<Ecosystem, "other"> | undefined {
  return EXTENSIONS[extensionOf(path)];
}

function inFolder(path: string, names: readonly string[]): boolean {
  const folders = segmentsOf(path).slice(0, -1);
  return folders.some((folder) => names.includes(folder.toLowerCase()));
}

function inSourceSet(path: string, pattern: RegExp): boolean {
  const folders = segmentsOf(path).slice(0, -1);
  return folders.some((folder, i) => folder === "src" && pattern.test(folders[i + 1] ?? ""));
}

type Rule = (path: string, name: string, context: TestFileContext) => boolean;

const RULES: Record<Exclude<Ecosystem, "other">, Rule> = {
  js: (path, name) =>
    !name.endsWith(".d.ts") &&
    (/(\.(test|spec|cy|e2e)|Spec)\.[cm]?[jt]sx?$/.test(name) ||
      inFolder(path, ["__tests__", "test", "tests", "spec", "e2e"])),
  python: (path, name) =>
    /^test_.*\.py$/.test(name) ||
    name.endsWith("_test.py") ||
    name === "conftest.py" ||
    name === "tests.py" ||
    (name !== "__init__.py" && inFolder(path, ["test", "tests", "testing"])),
  go: (_path, name) => name.endsWith("_test.go"),
  java: (path, name) =>
    inSourceSet(path, /^(test|it)$|Test$/) ||
    inFolder(path, ["javatests"]) ||
    /(Test|Tests|IT|Spec)\.(java|kt|groovy|scala)$/.test(name),
  ruby: (path, name) => /_(spec|test)\.rb$/.test(name) || inFolder(path, ["spec", "test"]),
  rust: (path, name, context) =>
    name === "tests.rs" ||
    /_tests?\.rs$/.test(name) ||
    inFolder(path, ["tests"]) ||
    context.rustFilesWithTests.has(path),
  csharp: (path, name) =>
    /Tests?\.(cs|fs|vb)$/.test(name) ||
    inFolder(path, ["test", "tests"]) ||
    segmentsOf(path)
      .slice(0, -1)
      .some((folder) => /([.]|^)(Unit|Integration|Functional)?(Tests?|Specs)$/.test(folder)),
  php: (path, name, context) =>
    name.endsWith("Test.php") ||
    inFolder(path, ["test", "tests"]) ||
    context.phpTestFolders.some((folder) => isWithin(path, folder)),
  elixir: (path, name) => name.endsWith("_test.exs") && inFolder(path, ["test"]),
  swift: (path, name) => /Tests?\.swift$/.test(name) || inFolder(path, ["tests"]),
  cpp: (path, name, context) =>
    /(_test|_tests|_unittest|Test)\.(c|cc|cpp|cxx)$/.test(name) ||
    /^test_.*\.(c|cc|cpp|cxx)$/.test(name) ||
    (context.cTestFoldersCount && inFolder(path, ["test", "tests"])),
  haskell: (path, name) =>
    /(Spec|Tests?)\.l?hs$/.test(name) || inFolder(path, ["test", "tests", "spec"]),
  dart: (path, name) => name.endsWith("_test.dart") || inFolder(path, ["test"]),
  zig: (path, name, context) =>
    /_tests?\.zig$/.test(name) ||
    name === "tests.zig" ||
    inFolder(path, ["test", "tests"]) ||
    context.rustFilesWithTests.has(path),
  nim: (path, name) => /^t(est)?_?\w*\.nim$/.test(name) && inFolder(path, ["test", "tests"]),
};

/**
 * The ecosystem `path` is a test file of, by that ecosystem's own conventions; undefined
 * for anything else. Why per ecosystem: `test/` holds tests in Ruby and JS, `tests/` in
 * Rust and Python, `src/test/` in Maven and Gradle — one rule for all would miss suites.
 */
export function ecosystemOfTestFile(
  path: string,
  context: TestFileContext,
): Exclude<Ecosystem, "other"> | undefined {
  const ecosystem = ecosystemOfSource(path);
  if (ecosystem === undefined) return undefined;
  return RULES[ecosystem](path, basenameOf(path), context) ? ecosystem : undefined;
}
