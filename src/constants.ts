/**
 * Andon's public names. Teams put these in branch protection, rulesets and YAML, so
 * they live in one place and change only with a migration note in the README.
 */
export const CHECK_NAMES = {
  mainline: "andon/mainline",
  tests: "andon/tests",
  integration: "andon/integration",
} as const;

export type CheckKey = keyof typeof CHECK_NAMES;
export type CheckName = (typeof CHECK_NAMES)[CheckKey];

/** Andon's own check runs start with this; they never count towards a build state. */
export const OWN_CHECK_PREFIX = "andon/";

/** Read from `.github/` of the repository (and of the org's `.github` repository). */
export const CONFIG_FILE = "andon.yml";
export const CONFIG_PATH = `.github/${CONFIG_FILE}`;

/** The identifier of the `Re-check` button on every Andon check run. */
export const RECHECK_ACTION = {
  label: "Re-check",
  description: "Judge this commit again now",
  identifier: "andon-recheck",
} as const;

/**
 * Hidden markers make every comment idempotent: before posting, Andon looks for its
 * marker on the commit, so redeliveries, restarts and replicas never post twice.
 */
export const MARKERS = {
  broken: (sha: string) => `<!-- andon:broken:${sha} -->`,
  reminder: (sha: string) => `<!-- andon:reminder:${sha} -->`,
  restored: (sha: string) => `<!-- andon:restored:${sha} -->`,
  stale: (branch: string, day: string) => `<!-- andon:stale:${branch}:${day} -->`,
} as const;

/**
 * Markers an earlier Andon wrote: still recognised, so an upgrade never posts a second
 * reminder, nor a "restored" reply where the old broken-build comment was edited instead.
 */
export const LEGACY_MARKERS = {
  reminder: (sha: string) => `<!-- andon:broken-reminder:${sha} -->`,
  /** The heading an earlier Andon edited into the broken-build comment when main was green. */
  resolvedHeading: "### Resolved:",
} as const;
