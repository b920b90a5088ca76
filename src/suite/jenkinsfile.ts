import { joinFolder } from "./paths.js";
import type { RunScript } from "./types.js";

const SHELL_STEP = /\b(sh|bat|powershell|pwsh)\s*\(?\s*(?:script\s*:\s*)?('''|"""|'|")/g;
const DIR_BLOCK = /\bdir\s*\(\s*['"]([^'"]+)['"]\s*\)\s*\{/g;
/**
 * Jenkins shared-library steps whose behaviour is documented: the Jenkins project's
 * `buildPlugin()` runs the plugin's Maven (or Gradle) build with its tests
 * (https://github.com/jenkins-infra/pipeline-library), unless told to skip them.
 */
const LIBRARY_STEPS = /\b(buildPlugin|buildPluginWithGradle)\s*\(/g;

function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (source[i] === "\n") line++;
  return line;
}

function closingQuote(source: string, from: number, quote: string): number {
  if (quote.length === 3) return source.indexOf(quote, from);
  for (let i = from; i < source.length; i++) {
    if (source[i] === "\\") i++;
    else if (source[i] === quote || source[i] === "\n") return source[i] === quote ? i : -1;
  }
  return -1;
}

/** `dir('api') { … }` blocks as offsets, found by counting braces. */
function dirBlocks(source: string): { start: number; end: number; dir: string }[] {
  return [...source.matchAll(DIR_BLOCK)].map((match) => {
    const start = match.index + match[0].length;
    let depth = 1;
    let end = start;
    while (end < source.length && depth > 0) {
      if (source[end] === "{") depth++;
      if (source[end] === "}") depth--;
      end++;
    }
    return { start, end, dir: match[1] ?? "" };
  });
}

/**
 * The shell steps of a declarative or scripted Jenkinsfile (`sh 'mvn test'`, `sh """…"""`,
 * `bat`), each with its line and the folder of any enclosing `dir('…') { }`. Why not a
 * Groovy parser: these few forms are how pipelines run commands.
 */
export function jenkinsScripts(file: string, source: string): RunScript[] {
  const blocks = dirBlocks(source);
  const scripts: RunScript[] = [];
  for (const match of source.matchAll(SHELL_STEP)) {
    const quote = match[2] ?? "'";
    const start = match.index + match[0].length;
    const end = closingQuote(source, start, quote);
    if (end === -1) continue;
    const cwd = blocks
      .filter((block) => block.start <= start && start < block.end)
      .sort((a, b) => a.start - b.start)
      .reduce((dir, block) => joinFolder(dir, block.dir), "");
    scripts.push({
      file,
      line: lineAt(source, start),
      text: source.slice(start, end),
      cwd,
      scope: [],
    });
  }
  for (const match of source.matchAll(LIBRARY_STEPS)) {
    const call = source.slice(match.index, match.index + 2000);
    if (/tests\s*:\s*\[\s*skip\s*:\s*true/.test(call)) continue;
    const line = lineAt(source, match.index);
    const text = `${match[1] ?? ""}()`;
    scripts.push({ file, line, text, cwd: "", scope: [], knownTest: true });
  }
  return scripts;
}
