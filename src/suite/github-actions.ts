import type { Node } from "yaml";
import {
  envOf,
  expandMatrix,
  fillEnv,
  fillInputs,
  inputDefaults,
  matrixOf,
  withInputs,
} from "./gha-expressions.js";
import { normaliseFolder } from "./paths.js";
import { pathFiltersOf } from "./workflow-triggers.js";
import { workspaceFolder } from "./shell.js";
import type { RunScript } from "./types.js";
import {
  entriesOf,
  itemsOf,
  lineOf,
  pathOf,
  scriptOf,
  stringOf,
  type YamlFile,
} from "./yaml-nodes.js";

/** Reads another file of the tree (a reusable workflow, a composite action) when it is there. */
export type YamlLookup = (file: string) => YamlFile | undefined;

interface Frame {
  cwd: string;
  scope: string[];
  inputs: Record<string, string>;
  env: Record<string, string>;
  matrix: Record<string, string[]>;
  depth: number;
}

const MAX_DEPTH = 4;
/** Inputs through which hosted actions run a script (xvfb, emulator runners, retry). */
const SCRIPT_INPUTS = ["run", "script", "command"];
const GRADLE_ACTION = /^(gradle\/|eskatos\/gradle-command-action)/;
/** Hosted actions whose whole job is to run the project's tests. */
const TEST_ACTIONS = /^(cypress-io\/github-action|sol\/run-haskell-tests)@/;
/** `owner/repo/.github/workflows/x.yml@ref`: a reusable workflow in another repository. */
export const REMOTE_WORKFLOW = /^[\w.-]+\/[\w.-]+\/\.github\/workflows\/[^@]+\.ya?ml@[\w./-]+$/;

function scriptsFrom(yaml: YamlFile, node: Node | undefined, frame: Frame, cwd = frame.cwd) {
  const script = scriptOf(yaml, node);
  if (script === undefined) return [];
  const text = fillEnv(fillInputs(script.text, frame.inputs), frame.env);
  return expandMatrix([text, fillInputs(cwd, frame.inputs)], frame.matrix).map(
    ([filled = text, dir = cwd]): RunScript => ({
      file: yaml.file,
      line: script.line,
      text: filled,
      cwd: workspaceFolder(dir) ?? "",
      scope: frame.scope,
    }),
  );
}

/** Hosted actions known to run tests, and test commands handed to others as inputs. */
function hostedActionScripts(yaml: YamlFile, step: Node, uses: string, frame: Frame): RunScript[] {
  if (TEST_ACTIONS.test(uses)) {
    const inputs = withInputs(yaml, step);
    if (inputs["runTests"] === "false") return [];
    const line = lineOf(yaml, pathOf(yaml, step, "uses") ?? step);
    const cwd = workspaceFolder(inputs["working-directory"] ?? frame.cwd) ?? "";
    const text = uses.startsWith("cypress") ? "cypress run" : uses.replace(/@.*$/, "");
    return [{ file: yaml.file, line, text, cwd, scope: frame.scope, knownTest: true }];
  }
  const scripts = SCRIPT_INPUTS.flatMap((key) =>
    scriptsFrom(yaml, pathOf(yaml, step, "with", key), frame),
  );
  if (!GRADLE_ACTION.test(uses)) return scripts;
  const tasks = scriptsFrom(yaml, pathOf(yaml, step, "with", "arguments"), frame);
  return [...scripts, ...tasks.map((script) => ({ ...script, text: `gradle ${script.text}` }))];
}

function stepsScripts(yaml: YamlFile, steps: Node | undefined, frame: Frame, lookup: YamlLookup) {
  return itemsOf(yaml, steps).flatMap((step): RunScript[] => {
    const stepCwd = stringOf(yaml, pathOf(yaml, step, "working-directory")) ?? frame.cwd;
    const run = pathOf(yaml, step, "run");
    const env = { ...frame.env, ...envOf(yaml, step) };
    if (run !== undefined) return scriptsFrom(yaml, run, { ...frame, env }, stepCwd);
    const uses = stringOf(yaml, pathOf(yaml, step, "uses")) ?? "";
    if (!uses.startsWith("./")) return hostedActionScripts(yaml, step, uses, frame);
    if (frame.depth >= MAX_DEPTH) return [];
    const dir = normaliseFolder(uses);
    const action = lookup(`${dir}/action.yml`) ?? lookup(`${dir}/action.yaml`);
    if (action === undefined) return [];
    const inputs = { ...inputDefaults(action, pathOf(action, action.root, "inputs")) };
    for (const [key, value] of Object.entries(withInputs(yaml, step))) {
      inputs[key] = fillInputs(value, frame.inputs);
    }
    const inner = {
      cwd: "",
      scope: frame.scope,
      inputs,
      env: frame.env,
      matrix: frame.matrix,
      depth: frame.depth + 1,
    };
    return stepsScripts(action, pathOf(action, action.root, "runs", "steps"), inner, lookup);
  });
}

/**
 * Every script a workflow runs, with its line, working directory and path filters:
 * `jobs.<id>.steps[].run`, local composite actions and reusable workflows followed,
 * matrix values filled in. Why follow them: a workflow that only says
 * `uses: ./.github/actions/test` still runs the tests that action runs.
 */
export function workflowScripts(
  yaml: YamlFile,
  lookup: YamlLookup,
  caller?: { inputs: Record<string, string>; scope: string[]; depth: number },
): RunScript[] {
  const own = pathFiltersOf(yaml);
  const scope = caller && caller.scope.length > 0 ? caller.scope : own;
  const defaults = inputDefaults(yaml, pathOf(yaml, yaml.root, "on", "workflow_call", "inputs"));
  const inputs = { ...defaults, ...caller?.inputs };
  const depth = caller?.depth ?? 0;
  const rootCwd = stringOf(yaml, pathOf(yaml, yaml.root, "defaults", "run", "working-directory"));
  return entriesOf(yaml, pathOf(yaml, yaml.root, "jobs")).flatMap(([, job]) => {
    const cwd =
      stringOf(yaml, pathOf(yaml, job, "defaults", "run", "working-directory")) ?? rootCwd ?? "";
    const env = { ...envOf(yaml, yaml.root), ...envOf(yaml, job) };
    const frame = { cwd, scope, inputs, env, matrix: matrixOf(yaml, job), depth };
    const uses = stringOf(yaml, pathOf(yaml, job, "uses"));
    if (uses === undefined) return stepsScripts(yaml, pathOf(yaml, job, "steps"), frame, lookup);
    const callee = uses.startsWith("./")
      ? lookup(normaliseFolder(uses.replace(/@.*$/, "")))
      : REMOTE_WORKFLOW.test(uses)
        ? lookup(`//${uses}`)
        : undefined;
    if (callee === undefined || depth >= MAX_DEPTH) return [];
    const names = Object.keys(withInputs(yaml, job));
    const values = Object.values(withInputs(yaml, job)).map((value) => fillInputs(value, inputs));
    return expandMatrix(values, frame.matrix).flatMap((filled) => {
      const calleeInputs = Object.fromEntries(names.map((name, i) => [name, filled[i] ?? ""]));
      return workflowScripts(callee, lookup, { inputs: calleeInputs, scope, depth: depth + 1 });
    });
  });
}
