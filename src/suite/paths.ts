/** Other people's code, checked in: their CI files and tests are not this project's. */
const DEPENDENCY_FOLDERS = new Set([
  "node_modules",
  "bower_components",
  "vendor",
  "third_party",
  "third-party",
  "thirdparty",
  "external",
  "site-packages",
  "Pods",
  "Carthage",
  ".venv",
  "venv",
  ".tox",
  ".git",
]);

/**
 * Folders whose files are never the project's own tests: dependencies, build output,
 * generated code, and test data (fixtures, snapshots) that sits next to real tests.
 */
const IGNORED_FOLDERS = new Set([
  ...DEPENDENCY_FOLDERS,
  "dist",
  "build",
  "out",
  "target",
  "coverage",
  "generated",
  "__generated__",
  "fixtures",
  "__fixtures__",
  "testdata",
  "test-data",
  "snapshots",
  "__snapshots__",
  // Benchmark projects and corpora of test inputs for other software: `benchmarks/test_*.py`
  // measures speed, and `corpus/test_case.py` is data a parser reads, not a test of this code.
  "benchmarks",
  "benchmark",
  "corpus",
  "test-corpus",
  ".next",
  ".nuxt",
]);

export function segmentsOf(path: string): string[] {
  return path.split("/");
}

export function basenameOf(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** The folder holding `path`; `""` for the repository root. */
export function dirnameOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

/** The extension without the dot, lower-cased; `""` when there is none. */
export function extensionOf(path: string): string {
  const name = basenameOf(path);
  const dot = name.lastIndexOf(".");
  return dot <= 0 ? "" : name.slice(dot + 1).toLowerCase();
}

export function depthOf(path: string): number {
  return path === "" ? 0 : segmentsOf(path).length;
}

/**
 * True when `path` sits in a dependency, build-output, generated or test-data folder.
 * Why: a vendored library's tests are not this project's tests.
 */
export function isIgnoredPath(path: string): boolean {
  return inAny(path, IGNORED_FOLDERS);
}

/** True when `path` sits in checked-in dependencies (`node_modules/`, `vendor/`…). */
export function isDependencyPath(path: string): boolean {
  return inAny(path, DEPENDENCY_FOLDERS);
}

function inAny(path: string, folders: ReadonlySet<string>): boolean {
  return segmentsOf(path)
    .slice(0, -1)
    .some((segment) => folders.has(segment));
}

/** `folder` itself or anything below it; `""` holds everything. */
export function isWithin(path: string, folder: string): boolean {
  const dir = normaliseFolder(folder);
  return dir === "" || path === dir || path.startsWith(`${dir}/`);
}

/** `./a/b/` → `a/b`; `.` → `""`. */
export function normaliseFolder(folder: string): string {
  const parts = folder
    .replace(/\\/g, "/")
    .split("/")
    .filter((part) => part !== "" && part !== ".");
  return parts.join("/");
}

/** Resolves `relative` against `base` the way `cd` would, within the repository. */
export function joinFolder(base: string, relative: string): string {
  const parts = relative.startsWith("/") ? [] : segmentsOf(normaliseFolder(base));
  for (const part of relative.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.filter((part) => part !== "").join("/");
}

/** Shallowest first, then alphabetical: the order in which examples and reads are picked. */
export function byDepthThenName(a: string, b: string): number {
  return depthOf(a) - depthOf(b) || (a < b ? -1 : a > b ? 1 : 0);
}
