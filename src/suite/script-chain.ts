import { lineAt, readLink, type Chain, type ScriptContext } from "./chain.js";
import type { ChainJudge } from "./make-chain.js";
import { dirnameOf, extensionOf, joinFolder, normaliseFolder } from "./paths.js";
import { commandsOf } from "./shell.js";

const SCRIPT_EXTENSIONS = new Set(["sh", "bash", "ps1", "bat", "cmd", ""]);
const PSAKE_TASK = /^[ \t]*task\s+([\w.-]+)(?:\s+-depends\s+([\w.,\s-]+?))?\s*(\{|$)/gim;
const INVOKE_PSAKE = /Invoke-psake\b[^\n]*?([\w.-]+\.ps1)/i;
const CAKE_FILES = ["build.cake", "cake.cs", "build/build.cake", "build/cake.cs"];
const CAKE_TEST = /\b(DotNetTest|DotNetCoreTest|DotNetCoreVSTest|NUnit3|XUnit2|VSTest)\s*\(/;

/** A script a command names (`./build.ps1`, `.\Build\run.ps1`, `scripts/test`) as a tree path. */
export function scriptPath(word: string, cwd: string, context: ScriptContext): string | undefined {
  if (!/[/\\]/.test(word) && !/\.(sh|ps1|bat|cmd)$/i.test(word)) return undefined;
  const path = joinFolder(cwd, normaliseFolder(word));
  if (!context.paths.has(path) || !SCRIPT_EXTENSIONS.has(extensionOf(path))) return undefined;
  return path;
}

/** psake: the tasks `default` reaches; one named for tests, or whose body runs them, counts. */
function psakeChain(
  path: string,
  text: string,
  judge: ChainJudge,
  depth: number,
): Chain | undefined {
  const tasks = new Map<string, { line: number; deps: string[]; body: string; at: number }>();
  const found = [...text.matchAll(PSAKE_TASK)];
  found.forEach((match, i) => {
    const end = found[i + 1]?.index ?? text.length;
    const deps = (match[2] ?? "").split(/[,\s]+/).filter((dep) => dep !== "");
    const body = text.slice(match.index + match[0].length, end);
    const at = lineAt(text, match.index);
    tasks.set((match[1] ?? "").toLowerCase(), { line: at, deps, body, at });
  });
  const seen = new Set<string>();
  const visit = (name: string): Chain | undefined => {
    const task = tasks.get(name.toLowerCase());
    if (task === undefined || seen.has(name.toLowerCase())) return undefined;
    seen.add(name.toLowerCase());
    for (const dep of task.deps) {
      const chain = visit(dep);
      if (chain) return chain;
    }
    const link = { file: path, line: task.line, text: `task ${name}` };
    if (/^(unit)?tests?$/i.test(name)) return [link];
    for (const command of commandsOf({ text: task.body, line: task.at, cwd: "" })) {
      const rest = judge(command.words, command.cwd, depth + 1);
      if (rest) return [{ file: path, line: command.line, text: command.text }, ...rest];
    }
    return undefined;
  };
  return visit("default");
}

function cakeChain(dir: string, context: ScriptContext): Chain | undefined {
  const candidates = [...CAKE_FILES.map((file) => joinFolder(dir, file)), ...CAKE_FILES];
  const path = candidates.find((file) => context.paths.has(file));
  const text = path === undefined ? undefined : readLink(context, path);
  const match = text === undefined ? null : CAKE_TEST.exec(text);
  if (path === undefined || text === undefined || !match) return undefined;
  return [{ file: path, line: lineAt(text, match.index), text: match[0].replace(/\s*\($/, "") }];
}

/**
 * What a build script runs: each of its commands judged in turn, a psake build file's
 * task graph from `default`, or the Cake script it starts. Why follow: `./build.ps1`
 * and `./scripts/ci.sh` are how many teams run `dotnet test` or `pytest` in CI.
 */
export function scriptChain(
  path: string,
  cwd: string,
  context: ScriptContext,
  judge: ChainJudge,
  depth: number,
): Chain | undefined {
  const text = readLink(context, path);
  if (text === undefined) return undefined;
  // A file without an extension is followed only when it is a shell script.
  if (extensionOf(path) === "" && !/^#!\S*\b(sh|bash|zsh|pwsh|env (ba)?sh)\b/.test(text)) {
    return undefined;
  }
  const invoked = INVOKE_PSAKE.exec(text);
  if (invoked) {
    const build = joinFolder(dirnameOf(path), invoked[1] ?? "");
    const buildText = readLink(context, build);
    const rest = buildText === undefined ? undefined : psakeChain(build, buildText, judge, depth);
    if (rest) return [{ file: path, line: lineAt(text, invoked.index), text: invoked[0] }, ...rest];
  }
  if (PSAKE_TASK.test(text)) {
    PSAKE_TASK.lastIndex = 0;
    const rest = psakeChain(path, text, judge, depth);
    if (rest) return rest;
  }
  PSAKE_TASK.lastIndex = 0;
  for (const command of commandsOf({ text, line: 1, cwd })) {
    const rest = judge(command.words, command.cwd, depth + 1);
    if (rest) return [{ file: path, line: command.line, text: command.text }, ...rest];
  }
  return /\bcake\b/i.test(text) ? cakeChain(dirnameOf(path), context) : undefined;
}
