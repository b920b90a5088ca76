import picomatch from "picomatch";

/**
 * Whether a check name matches one of the configured globs.
 *
 * Check names are not paths, so `*` also crosses `/` (`continuous-integration/*` matches
 * `continuous-integration/jenkins/branch`), and the parentheses of matrix jobs are
 * literal (`test (18.x)` must not match `test 18.x`, as a regex group would).
 */
export function compileCheckGlobs(globs: readonly string[]): (name: string) => boolean {
  const matchers = globs.map((glob) =>
    picomatch(glob.replace(/[()]/g, "\\$&"), { bash: true, dot: true }),
  );
  const exact = new Set(globs);
  return (name) => exact.has(name) || matchers.some((isMatch) => isMatch(name));
}
