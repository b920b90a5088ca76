import type { TestsConfig } from "../config/schema.js";
import {
  basenameOf,
  byDepthThenName,
  depthOf,
  dirnameOf,
  extensionOf,
  isDependencyPath,
  isIgnoredPath,
  normaliseFolder,
} from "./paths.js";
import {
  ecosystemOfTestFile,
  isCmakeTestCandidate,
  isPhpunitConfig,
  PATH_ONLY_CONTEXT,
} from "./test-file-rules.js";

export type CiKind =
  | "github-actions"
  | "github-action"
  | "gitlab"
  | "circleci"
  | "jenkins"
  | "travis"
  | "azure"
  | "buildkite";

const CI_FILES: [RegExp, CiKind][] = [
  [/^\.github\/workflows\/[^/]+\.ya?ml$/, "github-actions"],
  [/^.+\/action\.ya?ml$/, "github-action"],
  [/^(\.gitlab-ci\.ya?ml|.*\.gitlab-ci\.ya?ml|\.gitlab\/ci\/.+\.ya?ml)$/, "gitlab"],
  [/^\.circleci\/config\.ya?ml$/, "circleci"],
  [/^(.+\/)?(Jenkinsfile([.-][^/]*)?|[^/]+\.jenkinsfile)$/, "jenkins"],
  [/^\.travis\.ya?ml$/, "travis"],
  [/^((.+\/)?azure-pipelines[^/]*\.ya?ml|\.(azure-pipelines|azuredevops)\/.+\.ya?ml)$/, "azure"],
  [/^(\.buildkite\/[^/]+\.ya?ml|\.?buildkite\.ya?ml)$/, "buildkite"],
];

/** Caps keep the detector to a handful of API requests even on a large monorepo. */
const MAX_ACTIONS = 10;
const MAX_PACKAGE_JSONS = 10;
const MAX_RUST_SOURCES = 5;
const MAX_CMAKE_LISTS = 5;
const MAX_PHPUNIT_CONFIGS = 3;

/**
 * The kind of CI definition `path` is, or undefined. Local composite actions count
 * only outside the root: a root `action.yml` is the action this repository publishes.
 */
export function ciKindOf(path: string): CiKind | undefined {
  if (isDependencyPath(path)) return undefined;
  return CI_FILES.find(([pattern]) => pattern.test(path))?.[1];
}

/** The CI definitions of a tree, local composite actions excluded: they run only when used. */
export function ciDefinitions(paths: readonly string[]): string[] {
  return paths.filter((path) => {
    const kind = ciKindOf(path);
    return kind !== undefined && kind !== "github-action";
  });
}

function pick(paths: readonly string[], keep: (path: string) => boolean, cap: number): string[] {
  return paths
    .filter((path) => !isIgnoredPath(path) && keep(path))
    .sort(byDepthThenName)
    .slice(0, cap);
}

function packageJsons(paths: readonly string[], services: readonly string[]): string[] {
  const serviceFolders = services.map(normaliseFolder);
  const wanted = (path: string) =>
    basenameOf(path) === "package.json" &&
    (depthOf(path) <= 3 || serviceFolders.includes(dirnameOf(path)));
  const forServices = pick(
    paths,
    (path) => wanted(path) && serviceFolders.includes(dirnameOf(path)),
    services.length,
  );
  const others = pick(paths, wanted, MAX_PACKAGE_JSONS);
  return [...forServices, ...others];
}

function rustSources(paths: readonly string[]): string[] {
  const hasRustTests = paths.some(
    (path) => !isIgnoredPath(path) && ecosystemOfTestFile(path, PATH_ONLY_CONTEXT) === "rust",
  );
  if (hasRustTests) return [];
  const crates = paths.filter((path) => basenameOf(path) === "Cargo.toml").map(dirnameOf);
  const sourcesOf = (crate: string) => (crate === "" ? "src/" : `${crate}/src/`);
  const roots = crates.flatMap((crate) => ["lib.rs", "main.rs"].map((n) => sourcesOf(crate) + n));
  const present = new Set(paths);
  const others = pick(
    paths,
    (path) =>
      extensionOf(path) === "rs" &&
      crates.some((crate) => dirnameOf(path) === sourcesOf(crate).slice(0, -1)),
    MAX_RUST_SOURCES,
  );
  const chosen = new Set([...roots.filter((path) => present.has(path)), ...others]);
  return [...chosen].slice(0, MAX_RUST_SOURCES);
}

/** Zig keeps tests in `test` blocks beside the code: a few root sources tell. */
function zigSources(paths: readonly string[]): string[] {
  const own = paths.filter((path) => !isIgnoredPath(path));
  const hasZigTests = own.some((path) => ecosystemOfTestFile(path, PATH_ONLY_CONTEXT) === "zig");
  if (hasZigTests || !own.includes("build.zig")) return [];
  return pick(
    own,
    (path) => extensionOf(path) === "zig" && depthOf(path) <= 2 && basenameOf(path) !== "build.zig",
    MAX_RUST_SOURCES,
  );
}

/**
 * The exact files whose contents the detector needs: CI definitions, local composite
 * actions, the `package.json` files that `npm test` may resolve to, and the few Rust
 * sources, `CMakeLists.txt` and `phpunit.xml` that decide test-ness. Why a short list:
 * each file is one API request, so everything else is judged from paths alone.
 */
export function filesToRead(
  paths: readonly string[],
  config: Pick<TestsConfig, "services">,
): string[] {
  const all = [
    ...ciDefinitions(paths).sort(byDepthThenName),
    ...pick(paths, (path) => ciKindOf(path) === "github-action", MAX_ACTIONS),
    ...packageJsons(paths, config.services),
    ...rustSources(paths),
    ...zigSources(paths),
    ...pick(paths, isCmakeTestCandidate, MAX_CMAKE_LISTS),
    ...pick(paths, (path) => isPhpunitConfig(path) && depthOf(path) <= 3, MAX_PHPUNIT_CONFIGS),
  ];
  return [...new Set(all)];
}
