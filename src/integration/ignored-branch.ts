import picomatch from "picomatch";

/**
 * The `integration.ignoreBranches` glob that `branch` matches, or `undefined`.
 *
 * Why `bash: true`: with picomatch's defaults `*` stops at `/`, so the default
 * `dependabot/*` would miss every real Dependabot branch (`dependabot/npm_and_yarn/x`)
 * and `gh-readonly-queue/*` every merge-queue branch (`gh-readonly-queue/main/pr-1-…`).
 * Teams write these globs as prefixes; in bash mode a single `*` crosses `/` as well.
 * `dot: true` because a branch segment may start with a dot.
 */
export function matchIgnoredBranch(branch: string, globs: readonly string[]): string | undefined {
  return globs.find((glob) => picomatch.isMatch(branch, glob, { bash: true, dot: true }));
}
