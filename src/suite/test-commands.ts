import { withoutPrefixes } from "./command-prefixes.js";
import { packageManagerRunsTests, runAllRunsTests, type ScriptContext } from "./package-scripts.js";
import { basenameOf } from "./paths.js";
import { BY_ARGUMENTS, isTestScript } from "./runner-arguments.js";
import { commandsOf } from "./shell.js";

/** Test runners that run tests whatever their arguments. */
const RUNNERS = new Set(
  "jest vitest mocha ava tap tape jasmine karma wdio pytest py.test unittest nose2 nosetests green behave rspec cucumber phpunit pest paratest ctest gotestsum ginkgo busted bats prove cargo-nextest vstest.console testem uvu Invoke-Pester".split(
    " ",
  ),
);
const INTERPRETERS = new Set(
  "bash sh zsh pwsh powershell node ruby perl php python python3 py".split(" "),
);
const MAX_DEPTH = 8;

/**
 * Whether a command runs tests: a known runner (`jest`, `pytest`, `go test`, `mvn verify`,
 * `cargo test`, `ctest`, `make check`…), a package script that resolves to one, or a
 * script named like a test (`./scripts/run-tests.sh`). Why generous on names: a false
 * "CI never runs your tests" on a repository whose CI does is the error users hate most.
 */
export function runsTests(
  words: string[],
  cwd: string,
  context: ScriptContext,
  depth = 0,
): boolean {
  if (depth > MAX_DEPTH) return false;
  const { rest, viaScriptRunner } = withoutPrefixes(words);
  const [first = "", ...args] = rest;
  const tool = basenameOf(first).replace(/\.(exe|cmd|bat)$/i, "");
  const [sub = ""] = args;
  const judge = (next: string[], dir: string, level: number) =>
    runsTests(next, dir, context, level);
  const nested = (script: string) =>
    commandsOf({ text: script, line: 1, cwd }).some((command) =>
      judge(command.words, command.cwd, depth + 1),
    );

  if (RUNNERS.has(tool) || (viaScriptRunner && /^tests?([-_:]|$)/.test(tool))) return true;
  const byArguments = BY_ARGUMENTS.get(tool);
  if (byArguments) return byArguments(args);
  if (["npm", "yarn", "pnpm", "bun"].includes(tool)) {
    return packageManagerRunsTests(tool, args, cwd, context, judge, depth);
  }
  if (["npm-run-all", "run-s", "run-p"].includes(tool)) {
    return runAllRunsTests(args, cwd, context, judge, depth);
  }
  if (tool === "concurrently") return args.some(nested);
  if (["docker", "docker-compose", "podman"].includes(tool)) {
    return args.some((_, i) => i > 0 && judge(args.slice(i), cwd, depth + 1));
  }
  if (["sh", "bash", "zsh", "pwsh"].includes(tool) && ["-c", "-Command"].includes(sub)) {
    return nested(args[1] ?? "");
  }
  if (tool === "node" && args.includes("--test")) return true;
  if (["manage.py", "setup.py", "artisan"].includes(basenameOf(sub)) && INTERPRETERS.has(tool)) {
    return args[1] === "test";
  }
  if (INTERPRETERS.has(tool)) {
    const script = args.findIndex((arg) => !arg.startsWith("-"));
    if (script === -1) return false;
    return isTestScript(args[script] ?? "") || judge(args.slice(script), cwd, depth + 1);
  }
  return /[/.]/.test(first) && isTestScript(first);
}
