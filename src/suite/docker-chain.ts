import { readLink, type Chain, type ScriptContext } from "./chain.js";
import type { ChainJudge } from "./make-chain.js";
import { joinFolder } from "./paths.js";
import { commandsOf } from "./shell.js";

interface Stage {
  name: string;
  base: string;
  /** Stages whose files this one copies (`COPY --from=test`): they are built too. */
  copiesFrom: string[];
  runs: { line: number; text: string }[];
}

const WITH_VALUE = new Set(
  "-f --file -t --tag --target --build-arg --platform --secret --cache-from --cache-to --label --network --progress --ssh -o --output".split(
    " ",
  ),
);

/** The stages of a Dockerfile with their `RUN` commands, continuation lines joined. */
export function dockerStages(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    let logical = lines[i] ?? "";
    while (/\\\s*$/.test(logical) && i + 1 < lines.length) {
      logical = logical.replace(/\\\s*$/, " ") + (lines[++i] ?? "");
    }
    const from = /^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(logical);
    if (from) {
      const base = (from[1] ?? "").toLowerCase();
      stages.push({ name: (from[2] ?? "").toLowerCase(), base, copiesFrom: [], runs: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (stage === undefined) continue;
    const copy = /^\s*COPY\s+.*--from=(\S+)/i.exec(logical);
    if (copy) stage.copiesFrom.push((copy[1] ?? "").toLowerCase());
    const run = /^\s*RUN\s+(?:--\S+\s+)*(.*)$/i.exec(logical);
    if (run) stage.runs.push({ line, text: run[1] ?? "" });
  }
  return stages;
}

/**
 * What `docker build` runs: the `RUN` commands of the target stage (`--target`, else the
 * last) and of every stage it is built from or copies from. Why: a `test` stage whose
 * output the image copies runs the suite on every build; an unused one never runs.
 */
export function dockerChain(
  args: string[],
  cwd: string,
  context: ScriptContext,
  judge: ChainJudge,
  depth: number,
): Chain | undefined {
  const words = args[0] === "buildx" || args[0] === "image" ? args.slice(1) : args;
  if (words[0] !== "build") return undefined;
  let file: string | undefined;
  let target: string | undefined;
  const positional: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const arg = words[i] ?? "";
    const [flag = "", inline] = arg.split("=", 2);
    const value = inline ?? (WITH_VALUE.has(flag) ? words[++i] : undefined);
    if (flag === "-f" || flag === "--file") file = value;
    else if (flag === "--target") target = value?.toLowerCase();
    else if (!arg.startsWith("-")) positional.push(arg);
  }
  const dir = joinFolder(cwd, positional.at(-1) ?? ".");
  const path = file ? joinFolder(cwd, file) : joinFolder(dir, "Dockerfile");
  const text = readLink(context, path);
  if (text === undefined) return undefined;
  const stages = dockerStages(text);
  const built = new Set<Stage>();
  const visit = (stage: Stage | undefined) => {
    if (stage === undefined || built.has(stage)) return;
    built.add(stage);
    for (const name of [stage.base, ...stage.copiesFrom]) {
      visit(stages.find((other) => other.name !== "" && other.name === name));
    }
  };
  visit(target ? stages.find((stage) => stage.name === target) : stages.at(-1));
  for (const stage of stages.filter((one) => built.has(one))) {
    for (const run of stage.runs) {
      for (const command of commandsOf({ text: run.text, line: run.line, cwd: "" })) {
        const rest = judge(command.words, command.cwd, depth + 1);
        if (rest) return [{ file: path, line: run.line, text: `RUN ${command.text}` }, ...rest];
      }
    }
  }
  return undefined;
}
