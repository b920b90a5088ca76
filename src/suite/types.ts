import type { ChainLink } from "./chain.js";
import type { TestsConfig } from "../config/schema.js";

/** The ecosystems whose test conventions Andon knows; `other` is `tests.testPaths` only. */
export const ECOSYSTEMS = [
  "js",
  "python",
  "go",
  "java",
  "ruby",
  "rust",
  "csharp",
  "php",
  "elixir",
  "swift",
  "cpp",
  "haskell",
  "dart",
  "zig",
  "nim",
  "other",
] as const;

export type Ecosystem = (typeof ECOSYSTEMS)[number];

/** What the detector reads: a git tree and the contents of `filesToRead(...)` of it. */
export interface RepoSnapshot {
  /** Every blob path of the tree, repository-relative, `/`-separated. */
  paths: readonly string[];
  /** Contents of the files `filesToRead` asked for, by path; missing ones are unknown. */
  files: Readonly<Record<string, string>>;
  /** GitHub truncated the recursive tree listing: `paths` may be incomplete. */
  truncated: boolean;
  config: TestsConfig;
}

export interface EcosystemTests {
  ecosystem: Ecosystem;
  count: number;
  /** Up to three paths, shallowest first, so the summary shows recognisable files. */
  examples: string[];
}

/** One command in a CI definition that runs tests. */
export interface TestStep {
  /** The CI file holding the command (a workflow, a composite action, `.gitlab-ci.yml`…). */
  file: string;
  /** 1-based line of the command in `file`. */
  line: number;
  /** The command as written (with matrix values filled in). */
  command: string;
  /** The `tests.services` folder this step builds, when it builds only one. */
  service?: string;
  /** The links from this command to the one that runs tests (`Makefile:22 go test ./...`). */
  chain?: ChainLink[];
}

/**
 * A script a CI definition runs, before it is split into commands. Line `i` of `text`
 * is line `line + i` of `file`.
 */
export interface RunScript {
  file: string;
  line: number;
  text: string;
  /** Repository-relative working directory; `""` is the root. */
  cwd: string;
  /** Path filters that trigger it (`on.push.paths`, GitLab `changes`…); empty: any change. */
  scope: string[];
  /** A hosted step known to run tests (a Cypress action, a `node/test` orb job…). */
  knownTest?: boolean;
}

/** A CI file that could not be read or parsed: listed in the summary, never thrown. */
export interface UnreadableFile {
  file: string;
  reason: string;
  /** The line the problem is on, when there is one. */
  line?: number;
}
