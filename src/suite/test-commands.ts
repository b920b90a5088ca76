import type { Chain, ScriptContext } from "./chain.js";
import { withoutPrefixes } from "./command-prefixes.js";
import { dockerChain } from "./docker-chain.js";
import { fastlaneChain } from "./fastlane-chain.js";
import { makeChain } from "./make-chain.js";
import { firstChain, packageManagerChain, runAllChain } from "./package-scripts.js";
import { basenameOf } from "./paths.js";
import { BY_ARGUMENTS, isTestScript } from "./runner-arguments.js";
import { scriptChain, scriptPath } from "./script-chain.js";
import { commandsOf } from "./shell.js";

/** Test runners that run tests whatever their arguments. */
const RUNNERS = new Set(
  "jest vitest mocha ava tap tape jasmine karma wdio pytest py.test unittest nose2 nosetests green behave rspec cucumber phpunit pest paratest ctest gotestsum ginkgo busted bats prove cargo-nextest vstest.console testem uvu Invoke-Pester testament".split(
    " ",
  ),
);
const INTERPRETERS = new Set(
  "bash sh zsh pwsh powershell node ruby perl php python python3 py".split(" "),
);
const MAKE = new Set(["make", "gmake", "mingw32-make"]);
const MAX_DEPTH = 8;

/** `$CABAL`, `${GO}`: a variable named after the tool it holds (`CABAL=…/bin/cabal`). */
function toolOf(first: string): string {
  const variable = /^\$\{?([A-Za-z_]\w*)\}?$/.exec(first)?.[1];
  const name = variable ? variable.toLowerCase() : basenameOf(first);
  return name.replace(/\.(exe|cmd|bat)$/i, "");
}

/**
 * How a command runs tests, as the chain of links after it (empty: it is a test tool),
 * or undefined when it does not: a known runner (`jest`, `go test`, `mvn verify`…), a
 * package script, Makefile goal, build script, fastlane lane or Docker build stage that
 * leads to one, or a script named like a test. Why generous on names: a false "CI never
 * runs your tests" on a repository whose CI does is the error users hate most.
 */
export function testChain(
  words: string[],
  cwd: string,
  context: ScriptContext,
  depth = 0,
): Chain | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const { rest, viaScriptRunner } = withoutPrefixes(words);
  const [first = "", ...args] = rest;
  const tool = toolOf(first);
  const [sub = ""] = args;
  const judge = (next: string[], dir: string, level: number) =>
    testChain(next, dir, context, level);
  const yes = (ok: boolean): Chain | undefined => (ok ? [] : undefined);
  const nested = (script: string) =>
    firstChain(commandsOf({ text: script, line: 1, cwd }), (command) =>
      judge(command.words, command.cwd, depth + 1),
    );

  if (RUNNERS.has(tool) || (viaScriptRunner && /^tests?([-_:]|$)/.test(tool))) return [];
  if (MAKE.has(tool)) {
    const followed = makeChain(args, cwd, context, judge, depth);
    if (followed) return followed;
  }
  if (tool === "fastlane" || (tool === "bundle" && sub === "fastlane")) {
    return fastlaneChain(tool === "bundle" ? args.slice(1) : args, cwd, context, judge, depth);
  }
  const byArguments = BY_ARGUMENTS.get(tool);
  if (byArguments) return yes(byArguments(args));
  if (["npm", "yarn", "pnpm", "bun"].includes(tool)) {
    return packageManagerChain(tool, args, cwd, context, judge, depth);
  }
  if (["npm-run-all", "run-s", "run-p"].includes(tool)) {
    return runAllChain(args, cwd, context, judge, depth);
  }
  if (tool === "concurrently") return firstChain(args, nested);
  if (["docker", "docker-compose", "podman", "buildah"].includes(tool)) {
    const built = dockerChain(args, cwd, context, judge, depth);
    if (built) return built;
    return firstChain(
      args.map((_, i) => i),
      (i) => (i > 0 ? judge(args.slice(i), cwd, depth + 1) : undefined),
    );
  }
  if (["sh", "bash", "zsh", "pwsh"].includes(tool) && ["-c", "-Command"].includes(sub)) {
    return nested(args[1] ?? "");
  }
  if (tool === "node" && args.includes("--test")) return [];
  if (["manage.py", "setup.py", "artisan"].includes(basenameOf(sub)) && INTERPRETERS.has(tool)) {
    return yes(args[1] === "test");
  }
  const script = INTERPRETERS.has(tool) ? args.find((arg) => !arg.startsWith("-")) : first;
  const path = script === undefined ? undefined : scriptPath(script, cwd, context);
  if (path !== undefined) {
    const followed = scriptChain(path, cwd, context, judge, depth);
    if (followed) return followed;
  }
  if (INTERPRETERS.has(tool)) {
    const at = args.findIndex((arg) => !arg.startsWith("-"));
    if (at === -1) return undefined;
    return isTestScript(args[at] ?? "") ? [] : judge(args.slice(at), cwd, depth + 1);
  }
  return yes(/[/.]/.test(first) && isTestScript(first));
}

/** Whether a command runs tests, however it gets there. */
export function runsTests(words: string[], cwd: string, context: ScriptContext): boolean {
  return testChain(words, cwd, context) !== undefined;
}
