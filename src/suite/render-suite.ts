import { CONFIG_PATH } from "../constants.js";
import { code, plural } from "../checks/format.js";
import type { VerdictConclusion } from "../checks/verdict.js";
import type { Missing, SuiteEvidence } from "./judge-suite.js";
import type { ServiceEvidence } from "./services.js";
import type { Ecosystem, TestStep } from "./types.js";

const LABELS: Record<Ecosystem, string> = {
  js: "JavaScript/TypeScript",
  python: "Python",
  go: "Go",
  java: "Java/Kotlin",
  ruby: "Ruby",
  rust: "Rust",
  csharp: "C#/.NET",
  php: "PHP",
  elixir: "Elixir",
  swift: "Swift",
  cpp: "C/C++",
  haskell: "Haskell",
  dart: "Dart/Flutter",
  zig: "Zig",
  nim: "Nim",
  other: "Other (`tests.testPaths`)",
};

/** `//owner/repo/path@ref` (another repository's workflow) reads as `owner/repo/path@ref`. */
const fileName = (file: string) => file.replace(/^\/\//, "");
const where = (step: TestStep) => code(`${fileName(step.file)}:${step.line}`);

function titleOf(evidence: SuiteEvidence, conclusion: VerdictConclusion): string {
  const kinds = new Set(evidence.missing.map((missing) => missing.kind));
  const files = evidence.ecosystems.reduce((sum, row) => sum + row.count, 0);
  if (conclusion === "success") {
    return `${plural(files, "test file")}, run by CI in ${plural(evidence.steps.length, "step")}`;
  }
  if (conclusion === "neutral") return "No tests found in the part of the tree GitHub listed";
  if (kinds.has("tests") && (kinds.has("ci") || kinds.has("ci-runs-no-tests"))) {
    return kinds.has("ci") ? "No tests and no CI" : "No tests, and CI runs none";
  }
  if (kinds.has("tests")) return "No test files found";
  if (kinds.has("ci")) return `${plural(files, "test file")}, but no CI runs them`;
  if (kinds.has("ci-runs-no-tests")) return `${plural(files, "test file")}, but CI never runs them`;
  const failing = [
    ...new Set(evidence.missing.flatMap((m) => ("service" in m ? [m.service] : []))),
  ];
  if (failing.length === 1)
    return `Service ${code(failing[0] ?? "")} lacks tests or CI that runs them`;
  return `${failing.length} of ${evidence.services.length} services lack tests or CI that runs them`;
}

function ecosystemTable(evidence: SuiteEvidence): string[] {
  if (evidence.ecosystems.length === 0) return [];
  return [
    "**Test files by ecosystem**",
    "",
    "| Ecosystem | Test files | Examples |",
    "| --- | ---: | --- |",
    ...evidence.ecosystems.map(
      (row) => `| ${LABELS[row.ecosystem]} | ${row.count} | ${row.examples.map(code).join(", ")} |`,
    ),
    "",
  ];
}

function stepList(evidence: SuiteEvidence): string[] {
  if (evidence.steps.length === 0) return [];
  return [
    "**CI steps that run tests**",
    "",
    ...evidence.steps.map(
      (step) =>
        `- ${where(step)} — ${code(step.command)}${(step.chain ?? [])
          .map((link) => ` → ${code(`${link.file}:${link.line}`)} ${code(link.text)}`)
          .join("")}`,
    ),
    "",
  ];
}

function serviceTable(rows: ServiceEvidence[]): string[] {
  if (rows.length === 0) return [];
  const cell = (row: ServiceEvidence) =>
    row.steps.length === 0 ? "none" : row.steps.slice(0, 3).map(where).join(", ");
  return [
    "| Service | Test files | CI steps that run them | |",
    "| --- | ---: | --- | --- |",
    ...rows.map((row) => {
      const ok = row.testFiles > 0 && row.steps.length > 0;
      return `| ${code(row.service)} | ${row.testFiles} | ${cell(row)} | ${ok ? "✅" : "❌"} |`;
    }),
    "",
  ];
}

function adviceFor(missing: Missing, evidence: SuiteEvidence): string {
  switch (missing.kind) {
    case "tests":
      return `- **No test files.** Andon looks for each ecosystem's conventions (\`*.test.ts\`, \`test_*.py\`, \`*_test.go\`, \`src/test/\`, \`spec/\`…). Add tests, or list where yours live under \`tests.testPaths\` in \`${CONFIG_PATH}\`.`;
    case "ci":
      return "- **No CI definition.** Add a workflow under `.github/workflows/` that runs the tests on every push and pull request.";
    case "ci-runs-no-tests":
      return `- **CI runs no tests.** No step of ${evidence.ciFiles.map(code).join(", ")} runs a test command. Add one that does (\`npm test\`, \`pytest\`, \`go test ./...\`…).`;
    case "service-tests":
      return `- **${code(missing.service)} has no tests.** Each service needs its own.`;
    case "service-ci":
      return `- **No CI step runs ${code(missing.service)}'s tests.** Run them with \`working-directory: ${missing.service}\`, \`cd ${missing.service} && …\`, or a workflow filtered on \`${missing.service}/**\`.`;
  }
}

function notes(evidence: SuiteEvidence): string[] {
  const lines = evidence.unreadable.map(
    (file) =>
      `> Could not read ${code(file.line ? `${file.file}:${file.line}` : file.file)}: ${file.reason}`,
  );
  for (const folder of evidence.corpora) {
    lines.push(
      `> Not counted: the \`test_*\` files of ${code(`${folder}/`)} look like cases or inputs for other software (it holds several \`test_*\` folders). If they are this project's tests, list them under \`tests.testPaths\`.`,
    );
  }
  if (evidence.truncated) {
    lines.unshift(
      "> GitHub truncated this repository's tree listing (over 100,000 entries), so Andon listed it folder by folder; the listing may still be incomplete.",
    );
  }
  return lines.length > 0 ? ["", ...lines] : [];
}

/** The check's title and summary: the evidence first, then what is missing and what to do. */
export function renderSuite(
  evidence: SuiteEvidence,
  conclusion: VerdictConclusion,
): { title: string; summary: string } {
  const missing = evidence.missing.map((item) => adviceFor(item, evidence));
  const summary = [
    ...ecosystemTable(evidence),
    ...stepList(evidence),
    ...serviceTable(evidence.services),
    ...(missing.length > 0 ? ["### What is missing", "", ...missing] : []),
    ...(conclusion === "failure" ? ["", "CI that does not verify behaviour is not CI."] : []),
    ...notes(evidence),
  ];
  return { title: titleOf(evidence, conclusion), summary: summary.join("\n").trim() };
}

/**
 * A repository-level failure as a pull request shows it: the person who opened an
 * unrelated PR must learn that the check is about the repository, not their change, and
 * what would pass it — a PR that adds a test suite and a CI step that runs it.
 */
export function asPullRequestSuite(verdict: {
  conclusion: VerdictConclusion;
  title: string;
  summary: string;
}): { summary: string } {
  if (verdict.conclusion !== "failure") return verdict;
  return {
    summary: [
      "**This is about the repository, not about this pull request's changes.** A pull request that adds a test suite and a CI step that runs it passes this check (Andon judges the tree at the PR's head).",
      verdict.summary,
    ].join("\n\n"),
  };
}
