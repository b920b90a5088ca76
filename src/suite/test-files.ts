import picomatch from "picomatch";
import type { TestsConfig } from "../config/schema.js";
import {
  basenameOf,
  byDepthThenName,
  dirnameOf,
  extensionOf,
  isIgnoredPath,
  joinFolder,
} from "./paths.js";
import { corpusFolders, inCorpus } from "./test-corpora.js";
import {
  ecosystemOfSource,
  ecosystemOfTestFile,
  isCmakeTestCandidate,
  isPhpunitConfig,
  type TestFileContext,
} from "./test-file-rules.js";
import { ECOSYSTEMS, type Ecosystem, type EcosystemTests } from "./types.js";

export interface TestFile {
  path: string;
  ecosystem: Ecosystem;
}

const CMAKE_TESTS =
  /\b(add_test|gtest_discover_tests|gtest_add_tests|catch_discover_tests|doctest_discover_tests)\s*\(/i;
const RUST_TESTS = /#\[(cfg\(test\)|test|tokio::test)\]/;
/** Zig's `test "name" { … }` and `test { … }` blocks, written beside the code they test. */
const ZIG_TESTS = /^test\s*("|\{|[A-Za-z_])/m;

function phpTestFolders(files: Readonly<Record<string, string>>): string[] {
  const folders: string[] = [];
  for (const [path, content] of Object.entries(files)) {
    if (!isPhpunitConfig(path)) continue;
    for (const suite of content.match(/<testsuite\b[\s\S]*?<\/testsuite>/g) ?? []) {
      for (const [, folder] of suite.matchAll(/<directory\b[^>]*>([^<]+)<\/directory>/g)) {
        folders.push(joinFolder(dirnameOf(path), (folder ?? "").trim()));
      }
    }
  }
  return folders;
}

/** Not a CMake build (Make, Meson…): its `test/` folders count. A CMake one must register them. */
function cTestFoldersCount(paths: readonly string[], files: Readonly<Record<string, string>>) {
  const own = paths.filter((path) => !isIgnoredPath(path));
  if (!own.some((path) => basenameOf(path) === "CMakeLists.txt")) return true;
  return own
    .filter(isCmakeTestCandidate)
    .some((path) => files[path] === undefined || CMAKE_TESTS.test(files[path]));
}

/**
 * Facts that decide test-ness beyond a path, read from the few files `filesToRead` asks
 * for. Why: a Rust crate may keep every test in `#[cfg(test)]` modules, and a C++
 * `test/` folder is a suite only when CMake registers it with `add_test`.
 */
export function testFileContext(
  paths: readonly string[],
  files: Readonly<Record<string, string>>,
): TestFileContext {
  const rustFilesWithTests = Object.entries(files)
    .filter(
      ([path, content]) =>
        (extensionOf(path) === "rs" && RUST_TESTS.test(content)) ||
        (extensionOf(path) === "zig" && ZIG_TESTS.test(content)),
    )
    .map(([path]) => path);
  return {
    phpTestFolders: phpTestFolders(files),
    cTestFoldersCount: cTestFoldersCount(paths, files),
    rustFilesWithTests: new Set(rustFilesWithTests),
  };
}

/**
 * Every test file of the tree, with its ecosystem. `tests.testPaths` globs count even
 * inside folders Andon otherwise skips: the team said so.
 */
export function listTestFiles(
  paths: readonly string[],
  files: Readonly<Record<string, string>>,
  config: Pick<TestsConfig, "testPaths">,
): TestFile[] {
  const context = testFileContext(paths, files);
  const corpora = corpusFolders(paths);
  const isExtraTest =
    config.testPaths.length > 0 ? picomatch(config.testPaths, { dot: true }) : () => false;
  const found: TestFile[] = [];
  for (const path of paths) {
    const skipped = isIgnoredPath(path) || inCorpus(path, corpora);
    const ecosystem = skipped ? undefined : ecosystemOfTestFile(path, context);
    if (ecosystem !== undefined) found.push({ path, ecosystem });
    else if (isExtraTest(path)) found.push({ path, ecosystem: ecosystemOfSource(path) ?? "other" });
  }
  return found;
}

/** Counts per ecosystem, most test files first, each with up to three examples. */
export function summariseTestFiles(testFiles: readonly TestFile[]): EcosystemTests[] {
  return ECOSYSTEMS.map((ecosystem) => {
    const mine = testFiles.filter((file) => file.ecosystem === ecosystem).map((file) => file.path);
    return { ecosystem, count: mine.length, examples: mine.sort(byDepthThenName).slice(0, 3) };
  })
    .filter((summary) => summary.count > 0)
    .sort((a, b) => b.count - a.count);
}
