import type { TestsConfig } from "../config/schema.js";
import { azureScripts } from "./azure-pipelines.js";
import { gitlabScripts } from "./gitlab-ci.js";
import { buildkiteScripts, circleciScripts, travisScripts } from "./ci-definitions.js";
import { ciDefinitions, ciKindOf } from "./ci-files.js";
import { workflowScripts } from "./github-actions.js";
import { isReusableOnly, localWorkflowCalls } from "./workflow-triggers.js";
import { jenkinsScripts } from "./jenkinsfile.js";
import { servicesOf } from "./services.js";
import { commandsOf } from "./shell.js";
import { testChain } from "./test-commands.js";
import type { RunScript, TestStep, UnreadableFile } from "./types.js";
import { parseYamlFile, YamlSyntaxError, type YamlFile } from "./yaml-nodes.js";

export interface CiEvidence {
  /** CI definitions in the tree (composite actions aside: they run only when used). */
  ciFiles: string[];
  steps: TestStep[];
  unreadable: UnreadableFile[];
  /** Files of the tree that a chain leads to and that were not read: read them and judge again. */
  wanted: string[];
}

function yamlReader(
  paths: ReadonlySet<string>,
  files: Readonly<Record<string, string>>,
  unreadable: UnreadableFile[],
  wanted: Set<string>,
) {
  const cache = new Map<string, YamlFile | undefined>();
  return (file: string): YamlFile | undefined => {
    if (cache.has(file)) return cache.get(file);
    const source = files[file];
    // Another repository's reusable workflow (read through the API), an include or a
    // template of this tree: read in the next round.
    if (source === undefined && (file.startsWith("//") || paths.has(file))) wanted.add(file);
    let yaml: YamlFile | undefined;
    try {
      yaml = source === undefined ? undefined : parseYamlFile(file, source);
    } catch (error) {
      const reason = `not valid YAML: ${(error as Error).message}`;
      const line = error instanceof YamlSyntaxError ? error.line : undefined;
      unreadable.push(line === undefined ? { file, reason } : { file, reason, line });
    }
    cache.set(file, yaml);
    return yaml;
  };
}

function scriptsOfDefinition(
  file: string,
  source: string,
  yamlOf: (file: string) => YamlFile | undefined,
  called: ReadonlySet<string>,
  paths: ReadonlySet<string>,
): RunScript[] {
  const kind = ciKindOf(file);
  if (kind === "jenkins") return jenkinsScripts(file, source);
  const yaml = yamlOf(file);
  if (yaml === undefined) return [];
  switch (kind) {
    case "github-actions":
      return isReusableOnly(yaml) && called.has(file) ? [] : workflowScripts(yaml, yamlOf);
    case "gitlab":
      return gitlabScripts(yaml, yamlOf);
    case "circleci":
      return circleciScripts(yaml);
    case "travis":
      return travisScripts(yaml, paths);
    case "azure":
      return azureScripts(yaml, yamlOf);
    case "buildkite":
      return buildkiteScripts(yaml);
    default:
      return [];
  }
}

/**
 * Every CI step of the tree that runs tests, with the file and 1-based line it is
 * written on and the service it builds. Why the line: the summary is the evidence, and
 * "`.github/workflows/ci.yml:31` runs `npm test`" can be checked in one click.
 */
export function findTestSteps(
  paths: readonly string[],
  files: Readonly<Record<string, string>>,
  config: Pick<TestsConfig, "services">,
): CiEvidence {
  const unreadable: UnreadableFile[] = [];
  const context = { paths: new Set(paths), files, wanted: new Set<string>() };
  const yamlOf = yamlReader(context.paths, files, unreadable, context.wanted);
  const ciFiles = ciDefinitions(paths);
  const called = new Set(
    ciFiles
      .filter((file) => ciKindOf(file) === "github-actions")
      .flatMap((file) => {
        const yaml = yamlOf(file);
        return yaml ? localWorkflowCalls(yaml) : [];
      }),
  );
  const steps = new Map<string, TestStep>();
  for (const file of ciFiles) {
    const source = files[file];
    if (source === undefined) {
      unreadable.push({ file, reason: "its contents were not fetched" });
      continue;
    }
    for (const script of scriptsOfDefinition(file, source, yamlOf, called, context.paths)) {
      const commands = script.knownTest
        ? [
            {
              line: script.line,
              text: script.text,
              words: [script.text],
              cwd: script.cwd,
              chain: [],
            },
          ]
        : commandsOf(script).flatMap((command) => {
            const chain = testChain(command.words, command.cwd, context);
            return chain === undefined ? [] : [{ ...command, chain }];
          });
      for (const command of commands) {
        const place = {
          file: script.file,
          cwd: command.cwd,
          words: command.words,
          scope: script.scope,
        };
        for (const service of servicesOf(place, config.services)) {
          const step: TestStep = { file: script.file, line: command.line, command: command.text };
          if (service !== undefined) step.service = service;
          if (command.chain.length > 0) step.chain = command.chain;
          const key = `${step.file}:${step.line}:${service}`;
          if (!steps.has(key)) steps.set(key, step);
        }
      }
    }
  }
  const ordered = [...steps.values()].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line,
  );
  const wanted = [...context.wanted]
    .filter((file) => files[file] === undefined && !ciFiles.includes(file))
    .sort();
  for (const file of wanted) {
    const reason = file.startsWith("//")
      ? "a reusable workflow in another repository that this installation could not read (private, or not reachable)"
      : "a CI step leads to it, but it was not read";
    unreadable.push({ file: file.replace(/^\/\//, ""), reason });
  }
  unreadable.sort((a, b) => (a.file < b.file ? -1 : 1));
  return { ciFiles, steps: ordered, unreadable, wanted };
}
