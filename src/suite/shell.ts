import { joinFolder } from "./paths.js";
import { FOR_LOOP, logicalLines, loopBody, MAX_LOOP_VALUES, type Logical } from "./shell-lines.js";

/** One simple command of a CI script, with the line it is on and where it runs. */
export interface ShellCommand {
  line: number;
  /** The command as written, operators and neighbours left out. */
  text: string;
  /** Its words, quotes removed. */
  words: string[];
  /** Repository-relative folder it runs in, after any `cd` before it in the script. */
  cwd: string;
}

/** How CI systems spell the checkout folder: `cd $GITHUB_WORKSPACE/api` is `cd api`. */
const WORKSPACE_VARIABLES = [
  String.raw`\$\{\{\s*github\.workspace\s*\}\}`,
  String.raw`\$\{?(GITHUB_WORKSPACE|CI_PROJECT_DIR|BUILDKITE_BUILD_CHECKOUT_PATH|TRAVIS_BUILD_DIR|WORKSPACE)\}?`,
  String.raw`\$\((Build\.SourcesDirectory|System\.DefaultWorkingDirectory)\)`,
  String.raw`~/project`,
];
const WORKSPACE = new RegExp(`^(${WORKSPACE_VARIABLES.join("|")})(?=/|$)`);

/** Shell words that only wrap the command after them. */
const KEYWORDS = new Set("if then else elif do while until ! { } time exec fi done".split(" "));

/**
 * A CI working directory as a repository-relative folder: `$GITHUB_WORKSPACE/api`,
 * `~/project/api` (CircleCI) and `$(Build.SourcesDirectory)/api` (Azure) are all `api`.
 * Undefined when it depends on a variable Andon cannot know.
 */
export function workspaceFolder(dir: string, base = ""): string | undefined {
  const rooted = dir.replace(WORKSPACE, "/");
  if (rooted.includes("$") || rooted.startsWith("~")) return undefined;
  return joinFolder(base, rooted);
}

/** Splits a logical line at unquoted `&&`, `||`, `;`, `|`, `&` and parentheses. */
function splitCommands(line: string): string[] {
  const commands: string[] = [];
  let quote = "";
  let current = "";
  for (let i = 0; i < line.length; i++) {
    const char = line[i] ?? "";
    if (quote !== "") {
      if (char === quote) quote = "";
      current += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      current += char;
    } else if (char === "#" && (current === "" || /\s$/.test(current))) {
      break;
    } else if ("&|;()".includes(char)) {
      commands.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  commands.push(current);
  return commands.map((command) => command.trim()).filter((command) => command !== "");
}

/** The words of one command, quotes removed; quoted words keep their spaces. */
export function wordsOf(command: string): string[] {
  const words = [...command.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)].map(
    (match) => match[1] ?? match[2] ?? (match[3] ?? "").replace(/["']/g, ""),
  );
  while (words.length > 0 && KEYWORDS.has(words[0] ?? "")) words.shift();
  return words;
}

const MAX_COMMANDS = 2_000;

/** Appends the commands of `lines`, run from `start`; each pass of a loop starts there too. */
function walk(lines: Logical[], start: string, commands: ShellCommand[]): void {
  const stack: string[] = [];
  let cwd = start;
  // Nested loops multiply: a hostile script must not make one judgement unbounded.
  for (let i = 0; i < lines.length && commands.length < MAX_COMMANDS; i++) {
    const { line, text: logical } = lines[i]!;
    const loop = FOR_LOOP.exec(logical);
    if (loop) {
      const [, name = "", list = "", rest = ""] = loop;
      const { body, end } = loopBody(lines, i, rest);
      const reference = new RegExp(`\\$\\{?${name}\\b\\}?`, "g");
      for (const value of wordsOf(list).slice(0, MAX_LOOP_VALUES)) {
        if (commands.length >= MAX_COMMANDS) break;
        const unrolled = body.map((entry) => ({
          ...entry,
          text: entry.text.replace(reference, value),
        }));
        walk(unrolled, cwd, commands);
      }
      i = end;
      continue;
    }
    for (const text of splitCommands(logical)) {
      const words = wordsOf(text);
      const [first = "", target = "/"] = words;
      if (["cd", "pushd", "Set-Location", "chdir"].includes(first)) {
        if (first === "pushd") stack.push(cwd);
        cwd = workspaceFolder(target, cwd) ?? cwd;
      } else if (first === "popd") {
        cwd = stack.pop() ?? cwd;
      }
      if (words.length > 0) commands.push({ line, text: text.replace(/\s+/g, " "), words, cwd });
    }
  }
}

/**
 * The simple commands of a CI script, each with its 1-based line. Why by hand rather
 * than a shell parser: CI scripts are short, and all that matters is which commands run,
 * on which line, and in which folder (`cd api && npm test` builds the `api` service).
 * A `for` loop over listed values (`for s in api web; do (cd $s && make test); done`)
 * is unrolled, so each folder it reaches is credited.
 */
export function commandsOf(script: { text: string; line: number; cwd: string }): ShellCommand[] {
  const commands: ShellCommand[] = [];
  walk(logicalLines(script.text, script.line), script.cwd, commands);
  return commands;
}
