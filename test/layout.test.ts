import { describe, expect, it } from "@jest/globals";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const SRC = resolve("src");

/** Every `.ts` file under `dir`. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** The folder of `src/` a file sits in (`""` for `src/index.ts` and its neighbours). */
const folderOf = (file: string) => relative(SRC, dirname(file)).split("/")[0] ?? "";

/** Relative imports and re-exports, type-only ones included: they couple folders too. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?from\s+"(\.[^"]+)"/g)];
  return specifiers.map((m) => resolve(dirname(file), m[1]!));
}

/** Folder → the folders it imports from (itself and `src/` top-level files excluded). */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const target of importsOf(file)) {
      const to = folderOf(target);
      if (to !== from && to !== "") edges.add(to);
    }
  }
  return graph;
}

/** Every cycle through the folder graph, each as `a → b → a`, found by depth-first search. */
function cycles(graph: Map<string, Set<string>>): string[] {
  const found = new Set<string>();
  const walk = (path: string[]) => {
    for (const next of graph.get(path.at(-1)!) ?? []) {
      const at = path.indexOf(next);
      if (at >= 0) {
        const loop = path.slice(at);
        // One name per cycle, whichever folder the search entered it by.
        const start = loop.indexOf([...loop].sort()[0]!);
        const canonical = [...loop.slice(start), ...loop.slice(0, start)];
        found.add([...canonical, canonical[0]].join(" → "));
      } else walk([...path, next]);
    }
  };
  for (const folder of graph.keys()) walk([folder]);
  return [...found].sort();
}

describe("the layout of src/", () => {
  it("has no import cycle between folders", () => {
    expect(cycles(folderGraph())).toEqual([]);
  });

  it("finds a cycle when there is one (the check itself can fail)", () => {
    const graph = new Map([
      ["sweep", new Set(["integration", "work"])],
      ["integration", new Set(["sweep"])],
      ["work", new Set<string>()],
    ]);
    expect(cycles(graph)).toEqual(["integration → sweep → integration"]);
  });

  it("names no source folder tests/ or test/", () => {
    const folders = new Set(sourceFiles(SRC).map((f) => relative(SRC, dirname(f))));
    expect([...folders].filter((f) => /(^|\/)tests?(\/|$)/.test(f))).toEqual([]);
  });
});
