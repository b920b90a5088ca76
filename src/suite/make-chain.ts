import { readLink, type Chain, type ScriptContext } from "./chain.js";
import { expandVariables, parseMakefile, recipeOf } from "./makefile.js";
import { joinFolder } from "./paths.js";
import { commandsOf } from "./shell.js";

/** Judges one command's words in a folder, one level deeper: the chain's next hop. */
export type ChainJudge = (words: string[], cwd: string, depth: number) => Chain | undefined;

const NAMES = ["GNUmakefile", "makefile", "Makefile"];
const WITH_VALUE = new Set(["-C", "--directory", "-f", "--file", "--makefile", "-j", "-l", "-I"]);

function parseArgs(args: string[], cwd: string) {
  let dir = cwd;
  let file: string | undefined;
  const goals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    const value = WITH_VALUE.has(arg) ? (args[++i] ?? "") : undefined;
    if (arg === "-C" || arg === "--directory") dir = joinFolder(dir, value ?? "");
    else if (arg === "-f" || arg === "--file" || arg === "--makefile") file = value;
    else if (/^-C./.test(arg)) dir = joinFolder(dir, arg.slice(2));
    else if (value === undefined && !arg.startsWith("-") && !arg.includes("=")) goals.push(arg);
  }
  return { dir, file, goals };
}

/**
 * What `make <goals>` runs, read from the Makefile: each goal's recipe (its
 * prerequisites' first), or the default goal's for a bare `make`. Undefined when the
 * Makefile is not in the tree or not read yet (then it is wanted) or runs no tests.
 */
export function makeChain(
  args: string[],
  cwd: string,
  context: ScriptContext,
  judge: ChainJudge,
  depth: number,
): Chain | undefined {
  const { dir, file, goals } = parseArgs(args, cwd);
  const candidates = file ? [joinFolder(dir, file)] : NAMES.map((name) => joinFolder(dir, name));
  const path = candidates.find((candidate) => context.paths.has(candidate));
  if (path === undefined) return undefined;
  const text = readLink(context, path);
  if (text === undefined) return undefined;
  const makefile = parseMakefile(text);
  const wanted = goals.length > 0 ? goals : makefile.defaultGoal ? [makefile.defaultGoal] : [];
  for (const goal of wanted) {
    for (const step of recipeOf(makefile, expandVariables(goal, makefile.variables))) {
      for (const command of commandsOf({ text: step.text, line: step.line, cwd: dir })) {
        const rest = judge(command.words, command.cwd, depth + 1);
        if (rest === undefined) continue;
        // The whole recipe line when short: `go list ./... | xargs go test` says what it covers.
        const said = step.text.length <= 160 ? step.text : command.text;
        return [{ file: path, line: step.line, text: said }, ...rest];
      }
    }
  }
  return undefined;
}
