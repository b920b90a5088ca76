import { lineAt, readLink, type Chain, type ScriptContext } from "./chain.js";
import type { ChainJudge } from "./make-chain.js";
import { joinFolder, dirnameOf } from "./paths.js";
import { commandsOf } from "./shell.js";

export type { ScriptContext };

const MAX_DEPTH = 6;
const TEST_NAME = /test|spec|e2e/i;
/** Tools that lint, type-check, format or build: a `test` script of only these tests nothing. */
const NOT_TESTS = new Set(
  "eslint tsc prettier standard xo stylelint tslint jshint jscs biome rome markdownlint cspell depcheck echo exit true false rimraf del cp rm mv mkdir mkdirp sleep webpack rollup vite esbuild babel tsup flow vue-tsc svelte-check lint-staged sort-package-json publint attw knip".split(
    " ",
  ),
);
const MANAGERS = new Set(["npm", "yarn", "pnpm", "bun"]);
const FLAGS_WITH_FOLDER = new Set(["--prefix", "-C", "--cwd", "--dir"]);
const FLAGS_WITH_WORKSPACE = new Set(["-w", "--workspace", "--filter", "-F"]);
const ALL_WORKSPACES = new Set(["--workspaces", "-ws", "-r", "--recursive", "workspaces"]);

/** npm's `"test": "echo \"Error: no test specified\" && exit 1"`: the default, not a suite. */
export function isPlaceholderTest(script: string): boolean {
  return /no test specified/i.test(script);
}

function scriptsNear(cwd: string, context: ScriptContext) {
  for (let dir = cwd; ; dir = dirnameOf(dir)) {
    const path = dir === "" ? "package.json" : `${dir}/package.json`;
    if (context.paths.has(path)) {
      const content = readLink(context, path);
      if (content === undefined) return { dir, path, content: "", scripts: undefined };
      try {
        const scripts = (JSON.parse(content) as { scripts?: Record<string, string> }).scripts;
        return { dir, path, content, scripts: scripts ?? {} };
      } catch {
        return { dir, path, content, scripts: undefined };
      }
    }
    if (dir === "") return undefined;
  }
}

/** npm-run-all's globs: `test:*` is `test:unit` but not `test:unit:api`; `**` is any. */
function scriptGlob(pattern: string): RegExp {
  const parts = pattern.split(/(\*\*?)/).map((part) => {
    if (part === "**") return ".*";
    if (part === "*") return "[^:]*";
    return part.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  });
  return new RegExp(`^${parts.join("")}$`);
}

/** The first of `items` that gives a chain. */
export function firstChain<T>(items: readonly T[], chainOf: (item: T) => Chain | undefined) {
  for (const item of items) {
    const chain = chainOf(item);
    if (chain !== undefined) return chain;
  }
  return undefined;
}

function scriptChain(
  name: string,
  rest: string[],
  cwd: string,
  context: ScriptContext,
  judge: ChainJudge,
  depth: number,
): Chain | undefined {
  const near = scriptsNear(cwd, context);
  if (near === undefined) return undefined;
  if (near.scripts === undefined || depth > MAX_DEPTH) return TEST_NAME.test(name) ? [] : undefined;
  if (name.includes("*")) {
    const matching = Object.keys(near.scripts).filter((key) => scriptGlob(name).test(key));
    return firstChain(matching, (key) => scriptChain(key, [], cwd, context, judge, depth + 1));
  }
  const script = near.scripts[name];
  if (script === undefined) {
    return name !== "test" ? judge([name, ...rest], cwd, depth + 1) : undefined;
  }
  if (isPlaceholderTest(script)) return undefined;
  const at = near.content.indexOf(JSON.stringify(name));
  const link = { file: near.path, line: at < 0 ? 1 : lineAt(near.content, at), text: script };
  const commands = commandsOf({ text: script, line: 1, cwd: near.dir });
  const inner = firstChain(commands, (command) => judge(command.words, command.cwd, depth + 1));
  if (inner !== undefined) return [link, ...inner];
  const runsSomething = commands.some(
    ({ words: [first = ""] }) => !NOT_TESTS.has(first) && !MANAGERS.has(first),
  );
  return TEST_NAME.test(name) && runsSomething ? [link] : undefined;
}

/** `npm-run-all lint test:*`, `run-s`, `run-p`: each argument names scripts. */
export function runAllChain(
  args: string[],
  cwd: string,
  context: ScriptContext,
  judge: ChainJudge,
  depth: number,
): Chain | undefined {
  const names = args.filter((arg) => !arg.startsWith("-"));
  return firstChain(names, (name) => scriptChain(name, [], cwd, context, judge, depth));
}

/**
 * Whether `npm test`, `yarn x`, `pnpm run x`, `bun run x` runs tests, by resolving the
 * script in the nearest `package.json`. Why resolve: npm's placeholder `test` script
 * fails on purpose, and a `test` script that only runs `eslint` verifies no behaviour.
 * A `package.json` Andon did not read, or a workspace it cannot place, is judged by
 * the script's name rather than guessed to be empty.
 */
export function packageManagerChain(
  tool: string,
  args: string[],
  cwd: string,
  context: ScriptContext,
  judge: ChainJudge,
  depth: number,
): Chain | undefined {
  let folder = cwd;
  let everywhere = false;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (FLAGS_WITH_FOLDER.has(arg)) folder = joinFolder(cwd, args[++i] ?? "");
    else if (FLAGS_WITH_WORKSPACE.has(arg)) everywhere = Boolean(args[++i]);
    else if (ALL_WORKSPACES.has(arg) || /^--(filter|workspace)=/.test(arg)) everywhere = true;
    else if (arg === "workspace" && positional.length === 0) everywhere = Boolean(args[++i]);
    else if (arg === "--") break;
    else if (!arg.startsWith("-")) positional.push(arg);
  }
  const [sub = "", ...rest] = positional;
  if (tool === "bun" && sub === "test") return [];
  const runsNamed = ["run", "run-script", "rum", "urn", "foreach"].includes(sub);
  const name = ["t", "tst", "cit", "it", "install-test", "install-ci-test"].includes(sub)
    ? "test"
    : runsNamed
      ? (rest.find((word) => word !== "run") ?? "")
      : sub;
  if (tool === "npm" && !runsNamed && name !== "test") return undefined;
  if (everywhere) return TEST_NAME.test(name) ? [] : undefined;
  return scriptChain(name, runsNamed ? rest.slice(1) : rest, folder, context, judge, depth);
}
