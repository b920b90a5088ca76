import { basenameOf, dirnameOf, isWithin, segmentsOf } from "./paths.js";

/** Folders holding this many `test_*` subfolders are a corpus, not a suite. */
const MIN_CORPUS_ENTRIES = 3;
const TEST_NAMED = /^tests?[-_]/i;

/**
 * Folders that hold inputs for other software rather than this project's tests: a
 * folder with several `test_*` subfolders (`parsers/test_cjson/`, `parsers/test_ujson/`)
 * uses the prefix to name cases, so the `test_*` files beside and below them are
 * harnesses or inputs. Why not decide: Andon cannot tell for sure, so it leaves them
 * out and says so; `tests.testPaths` counts them when they are the team's tests.
 */
export function corpusFolders(paths: readonly string[]): string[] {
  const children = new Map<string, Set<string>>();
  for (const path of paths) {
    const parts = segmentsOf(path);
    for (let i = 1; i < parts.length - 1; i++) {
      const name = parts[i] ?? "";
      if (!TEST_NAMED.test(name)) continue;
      const parent = parts.slice(0, i).join("/");
      const set = children.get(parent) ?? new Set<string>();
      set.add(name);
      children.set(parent, set);
    }
  }
  return [...children]
    .filter(([parent, names]) => parent !== "" && names.size >= MIN_CORPUS_ENTRIES)
    .map(([parent]) => parent)
    .sort();
}

/** Whether `path` is a test-named file of a corpus folder (or anything below its cases). */
export function inCorpus(path: string, corpora: readonly string[]): boolean {
  return corpora.some(
    (folder) =>
      isWithin(path, folder) && (TEST_NAMED.test(basenameOf(path)) || dirnameOf(path) !== folder),
  );
}
