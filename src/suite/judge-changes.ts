import picomatch from "picomatch";
import type { CheckVerdict } from "../checks/verdict.js";
import type { TestsConfig } from "../config/schema.js";
import { ciKindOf } from "./ci-files.js";
import { basenameOf, extensionOf, isIgnoredPath, segmentsOf } from "./paths.js";
import { ecosystemOfSource, ecosystemOfTestFile, PATH_ONLY_CONTEXT } from "./test-file-rules.js";

export interface ChangeJudgement {
  /** `warning`: source changed, tests did not. `exempt`: the PR carries `tests.exemptLabel`. */
  level: "ok" | "warning" | "exempt";
  sourceFiles: string[];
  testFiles: string[];
}

const MORE_SOURCE = new Set(["vue", "svelte", "dart", "m", "mm", "lua", "clj", "erl", "zig"]);
const TEST_FOLDERS = new Set(["test", "tests", "spec", "__tests__", "__snapshots__", "testdata"]);
const NOT_SOURCE_FOLDERS = new Set(["docs", "doc", ".github", ".circleci", ".buildkite"]);
const CONFIG_FILES =
  /\.config\.[cm]?[jt]s$|^\.[\w-]+rc\.[cm]?js$|\.gradle\.kts$|^(setup|noxfile|conf|tasks|fabfile)\.py$|^Package\.swift$/;

function isTestChange(path: string, isExtraTest: (path: string) => boolean): boolean {
  const folders = segmentsOf(path).slice(0, -1);
  return (
    isExtraTest(path) ||
    ecosystemOfTestFile(path, PATH_ONLY_CONTEXT) !== undefined ||
    folders.some((folder) => TEST_FOLDERS.has(folder.toLowerCase()))
  );
}

/** Code the product runs: not docs, config, CI, dependencies or generated output. */
function isSourceChange(path: string): boolean {
  const isCode = ecosystemOfSource(path) !== undefined || MORE_SOURCE.has(extensionOf(path));
  return (
    isCode &&
    !isIgnoredPath(path) &&
    ciKindOf(path) === undefined &&
    !CONFIG_FILES.test(basenameOf(path)) &&
    !segmentsOf(path).some((folder) => NOT_SOURCE_FOLDERS.has(folder))
  );
}

/**
 * Does this pull request change behaviour without changing tests? Why only a warning
 * by default: a refactor may rightly touch no test, so the team opts into blocking with
 * `tests.requireTestsInPRs`, and the `tests.exemptLabel` label lets one PR through.
 */
export function judgePullRequestChanges(input: {
  changedFiles: readonly string[];
  labels: readonly string[];
  config: Pick<TestsConfig, "exemptLabel" | "testPaths">;
}): ChangeJudgement {
  const { changedFiles, labels, config } = input;
  const isExtraTest =
    config.testPaths.length > 0 ? picomatch(config.testPaths, { dot: true }) : () => false;
  const testFiles = changedFiles.filter((path) => isTestChange(path, isExtraTest));
  const sourceFiles = changedFiles.filter(
    (path) => !testFiles.includes(path) && isSourceChange(path),
  );
  const level = labels.includes(config.exemptLabel)
    ? "exempt"
    : sourceFiles.length > 0 && testFiles.length === 0
      ? "warning"
      : "ok";
  return { level, sourceFiles, testFiles };
}

/**
 * The PR's `andon/tests` verdict: a repository without tests that CI runs fails whatever
 * the PR does; otherwise source changed without tests is `neutral` (advisory) or, with
 * `tests.requireTestsInPRs`, `failure`.
 */
export function combineVerdicts(
  suite: CheckVerdict,
  changes: ChangeJudgement,
  config: Pick<TestsConfig, "requireTestsInPRs" | "exemptLabel">,
): CheckVerdict {
  if (suite.conclusion === "failure" || changes.level === "ok") return suite;
  if (changes.level === "exempt") {
    const note = `Labelled \`${config.exemptLabel}\`: this pull request needs no test changes.`;
    return { ...suite, summary: `${note}\n\n${suite.summary}` };
  }
  const count = changes.sourceFiles.length;
  const files = changes.sourceFiles.slice(0, 5).map((path) => `- \`${path}\``);
  if (count > 5) files.push(`- …and ${count - 5} more`);
  const warning = [
    `**This pull request changes ${count} source file${count === 1 ? "" : "s"} but no tests.**`,
    "",
    ...files,
    "",
    `Add or update tests for the behaviour it changes, or label it \`${config.exemptLabel}\` if it needs none.`,
  ].join("\n");
  return {
    ...suite,
    conclusion: config.requireTestsInPRs ? "failure" : "neutral",
    title: `Source changed without tests (${count} file${count === 1 ? "" : "s"})`,
    summary: `${warning}\n\n${suite.summary}`,
  };
}
