/** One rule of a Makefile: where it is, what it depends on, and its recipe lines. */
export interface MakeRule {
  line: number;
  deps: string[];
  recipe: { line: number; text: string }[];
}

export interface Makefile {
  rules: Map<string, MakeRule>;
  /** `.DEFAULT_GOAL`, else the first rule that is not special (`.PHONY`) or a pattern. */
  defaultGoal?: string;
  variables: Record<string, string>;
}

const RULE = /^([^\s:=#][^:=#]*?)\s*::?(?!=)\s*([^;#]*)(?:;(.*))?$/;
const VARIABLE = /^(?:export\s+|override\s+)?([A-Za-z_][\w.]*)\s*(?:\?|:|::|\+|!)?=\s*(.*)$/;
const MAX_EXPANSIONS = 5;
/** Variables that expand into each other twice over grow fast: stop well before that hurts. */
const MAX_EXPANDED = 10_000;

/**
 * The rules, default goal and simple variables of a Makefile. Why by hand: only which
 * commands a goal runs matters, and Make's grammar for that is a few line shapes.
 */
export function parseMakefile(text: string): Makefile {
  const rules = new Map<string, MakeRule>();
  const variables: Record<string, string> = {};
  let defaultGoal: string | undefined;
  let current: MakeRule[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    let logical = lines[i] ?? "";
    while (logical.endsWith("\\") && i + 1 < lines.length) {
      logical = `${logical.slice(0, -1)} ${lines[++i] ?? ""}`;
    }
    if (logical.startsWith("\t")) {
      for (const rule of current) rule.recipe.push({ line, text: logical.trim() });
      continue;
    }
    const variable = VARIABLE.exec(logical);
    if (variable) {
      const [, name = "", value = ""] = variable;
      if (name === ".DEFAULT_GOAL") defaultGoal = value.trim();
      else variables[name] ??= value.trim();
      current = [];
      continue;
    }
    const rule = RULE.exec(logical);
    if (!rule || /^\s/.test(logical)) {
      if (logical.trim() !== "" && !logical.trim().startsWith("#")) current = [];
      continue;
    }
    const [, names = "", deps = "", inline] = rule;
    if (/^[\w%/.-]+\s*:\s*[A-Z_]+\s*[:+?]?=/.test(logical)) continue; // target-specific variable
    current = expandVariables(names, variables)
      .split(/\s+/)
      .flatMap((name) => {
        if (name === "") return [];
        const made = rules.get(name) ?? { line, deps: [], recipe: [] };
        made.deps.push(...deps.split(/\s+/).filter((dep) => dep !== ""));
        if (inline?.trim()) made.recipe.push({ line, text: inline.trim() });
        rules.set(name, made);
        if (defaultGoal === undefined && !name.startsWith(".") && !name.includes("%")) {
          defaultGoal = name;
        }
        return [made];
      });
  }
  return defaultGoal === undefined ? { rules, variables } : { rules, defaultGoal, variables };
}

/**
 * `$(GO) test` with `GO ?= go` is `go test`; `$(MAKE)` is `make`; unknown ones stay. A
 * substitution over an unknown list (`$(MODULES:%=test/%)`) becomes its pattern
 * (`test/%`), which names the pattern rule it runs for each item.
 */
export function expandVariables(text: string, variables: Readonly<Record<string, string>>) {
  let expanded = text.replace(
    /\$[({](\w+):([^=)}]*)=([^)}]*)[)}]/g,
    (_ref, name: string, from: string, to: string) => {
      // A list computed by Make (`$(shell find …)`) is unknown here: keep the pattern.
      const value = variables[name] ?? "$";
      const items = value.includes("$") ? [] : value.split(/\s+/).filter((item) => item !== "");
      if (items.length === 0) return to.includes("%") ? to : _ref;
      const [head = "", tail = ""] = from.split("%");
      return items
        .map((item) => to.replace("%", item.slice(head.length, item.length - tail.length)))
        .join(" ");
    },
  );
  for (
    let i = 0;
    i < MAX_EXPANSIONS && expanded.length < MAX_EXPANDED && /\$[({]\w+[)}]/.test(expanded);
    i++
  ) {
    expanded = expanded.replace(/\$[({](\w+)[)}]/g, (ref, name: string) =>
      name === "MAKE" ? "make" : (variables[name] ?? ref),
    );
  }
  return expanded.replace(/\$\$/g, "$");
}

/** The recipe lines a goal runs, its prerequisites' first, each rule once. */
export function recipeOf(makefile: Makefile, goal: string): { line: number; text: string }[] {
  const seen = new Set<string>();
  const lines: { line: number; text: string }[] = [];
  const visit = (name: string) => {
    const rule = makefile.rules.get(name);
    if (rule === undefined || seen.has(name)) return;
    seen.add(name);
    for (const dep of rule.deps) visit(expandVariables(dep, makefile.variables));
    for (const step of rule.recipe) {
      const text = expandVariables(step.text, makefile.variables).replace(/^[@+-]+/, "");
      lines.push({ line: step.line, text });
    }
  };
  visit(goal);
  return lines;
}
