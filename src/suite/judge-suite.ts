import type { Annotation, CheckVerdict, VerdictConclusion } from "../checks/verdict.js";
import { findTestSteps } from "./ci-steps.js";
import { renderSuite } from "./render-suite.js";
import { serviceRows, type ServiceEvidence } from "./services.js";
import { corpusFolders } from "./test-corpora.js";
import { listTestFiles, summariseTestFiles } from "./test-files.js";
import type { EcosystemTests, RepoSnapshot, TestStep, UnreadableFile } from "./types.js";

/** What the repository lacks; each becomes one line of advice in the summary. */
export type Missing =
  | { kind: "tests" }
  | { kind: "ci" }
  | { kind: "ci-runs-no-tests" }
  | { kind: "service-tests"; service: string }
  | { kind: "service-ci"; service: string };

/** Everything the summary shows: the evidence behind the verdict. */
export interface SuiteEvidence {
  ecosystems: EcosystemTests[];
  ciFiles: string[];
  steps: TestStep[];
  services: ServiceEvidence[];
  unreadable: UnreadableFile[];
  /** Folders whose `test_*` files look like inputs for other software: not counted. */
  corpora: string[];
  truncated: boolean;
  missing: Missing[];
}

export interface SuiteJudgement {
  verdict: CheckVerdict;
  evidence: SuiteEvidence;
}

function missingOf(
  ecosystems: EcosystemTests[],
  ciFiles: string[],
  steps: TestStep[],
  services: ServiceEvidence[],
): Missing[] {
  const missing: Missing[] = [];
  if (ecosystems.length === 0) missing.push({ kind: "tests" });
  if (ciFiles.length === 0) missing.push({ kind: "ci" });
  else if (steps.length === 0) missing.push({ kind: "ci-runs-no-tests" });
  for (const row of services) {
    if (row.testFiles === 0) missing.push({ kind: "service-tests", service: row.service });
    if (row.steps.length === 0) missing.push({ kind: "service-ci", service: row.service });
  }
  return missing;
}

function conclusionOf(evidence: SuiteEvidence): VerdictConclusion {
  if (evidence.missing.length === 0) return "success";
  const onlyTestsMissing = evidence.missing.every(
    (missing) => missing.kind === "tests" || missing.kind === "service-tests",
  );
  return evidence.truncated && onlyTestsMissing ? "neutral" : "failure";
}

function annotationsOf(evidence: SuiteEvidence): Annotation[] {
  const broken = evidence.unreadable.flatMap(({ file, reason, line }): Annotation[] =>
    line === undefined
      ? []
      : [
          {
            path: file,
            start_line: line,
            end_line: line,
            annotation_level: "failure",
            title: "CI file is not valid",
            message: reason,
          },
        ],
  );
  const runsNoTests = evidence.missing.some((missing) => missing.kind === "ci-runs-no-tests");
  const idle = (runsNoTests ? evidence.ciFiles : [])
    .filter((file) => !broken.some((annotation) => annotation.path === file))
    .map((file): Annotation => ({
      path: file,
      start_line: 1,
      end_line: 1,
      annotation_level: "warning",
      title: "CI runs no tests",
      message: "No step of this CI definition runs a test command.",
    }));
  return [...broken, ...idle].slice(0, 50);
}

/**
 * Does this tree hold a test suite, and does CI run it? Missing either is `failure`:
 * CI that does not verify behaviour is not CI. Why the evidence travels with the verdict:
 * the summary must show what was found (files per ecosystem, CI `file:line`), so a
 * wrong verdict can be seen and fixed with `tests.testPaths` rather than argued about.
 * A truncated tree that shows no tests is `neutral`: Andon does not guess "no tests".
 */
export function judgeTestSuite(snapshot: RepoSnapshot): SuiteJudgement {
  const { paths, files, truncated, config } = snapshot;
  const testFiles = listTestFiles(paths, files, config);
  const ecosystems = summariseTestFiles(testFiles);
  const { ciFiles, steps, unreadable } = findTestSteps(paths, files, config);
  const services = serviceRows(config.services, testFiles, steps);
  const missing = missingOf(ecosystems, ciFiles, steps, services);
  const corpora = corpusFolders(paths);
  const evidence = {
    ecosystems,
    ciFiles,
    steps,
    services,
    unreadable,
    corpora,
    truncated,
    missing,
  };
  const conclusion = conclusionOf(evidence);
  const annotations = annotationsOf(evidence);
  const verdict: CheckVerdict = { conclusion, ...renderSuite(evidence, conclusion) };
  if (annotations.length > 0) verdict.annotations = annotations;
  return { verdict, evidence };
}
