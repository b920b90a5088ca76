import type { Node } from "yaml";
import { pathsFilterValues } from "./paths-filter.js";
import { entriesOf, itemsOf, pathOf, stringOf, stringsOf, type YamlFile } from "./yaml-nodes.js";

const MAX_VARIANTS = 16;
const MATRIX_REF = /\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g;
const INPUT_REF = /\$\{\{\s*(?:github\.event\.)?inputs\.([\w-]+)\s*\}\}/g;

/** The values of each matrix key, `include` entries added, from `strategy.matrix`. */
export function matrixOf(yaml: YamlFile, job: Node): Record<string, string[]> {
  const values: Record<string, string[]> = {};
  const add = (key: string, value: string) => (values[key] ??= []).push(value);
  for (const [key, value] of entriesOf(yaml, pathOf(yaml, job, "strategy", "matrix"))) {
    if (key === "exclude") continue;
    if (key !== "include") {
      const filtered = pathsFilterValues(yaml, stringOf(yaml, value) ?? "");
      for (const one of filtered ?? stringsOf(yaml, value)) add(key, one);
      continue;
    }
    for (const entry of itemsOf(yaml, value)) {
      for (const [name, one] of entriesOf(yaml, entry)) {
        const text = stringOf(yaml, one);
        if (text !== undefined) add(name, text);
      }
    }
  }
  return values;
}

/**
 * One copy of `texts` per combination of the matrix values they mention. Why: a
 * `run: npm run ${{ matrix.task }}` over `task: [lint, test]` runs tests in one leg.
 */
export function expandMatrix(texts: string[], matrix: Record<string, string[]>): string[][] {
  const keys = [
    ...new Set(texts.flatMap((text) => [...text.matchAll(MATRIX_REF)].map((m) => m[1] ?? ""))),
  ].filter((key) => (matrix[key] ?? []).length > 0);
  let variants: Record<string, string>[] = [{}];
  for (const key of keys) {
    const values = [...new Set(matrix[key])];
    variants = variants.flatMap((variant) => values.map((value) => ({ ...variant, [key]: value })));
    variants = variants.slice(0, MAX_VARIANTS);
  }
  return variants.map((variant) =>
    texts.map((text) => text.replace(MATRIX_REF, (ref, key: string) => variant[key] ?? ref)),
  );
}

/** Fills `${{ inputs.x }}` from a caller's `with:` (or the input's default). */
export function fillInputs(text: string, inputs: Readonly<Record<string, string>>): string {
  return text.replace(INPUT_REF, (ref, key: string) => inputs[key] ?? ref);
}

/** Input defaults declared by a reusable workflow or a composite action. */
export function inputDefaults(yaml: YamlFile, inputs: Node | undefined): Record<string, string> {
  const defaults: Record<string, string> = {};
  for (const [name, input] of entriesOf(yaml, inputs)) {
    const value = stringOf(yaml, pathOf(yaml, input, "default"));
    if (value !== undefined) defaults[name] = value;
  }
  return defaults;
}

/** The `with:` of a step or job, as strings, expressions left as written. */
export function withInputs(yaml: YamlFile, node: Node): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const [name, value] of entriesOf(yaml, pathOf(yaml, node, "with"))) {
    const text = stringOf(yaml, value);
    if (text !== undefined) inputs[name] = text;
  }
  return inputs;
}

/** A node's `env:` as strings (workflow, job or step level). */
export function envOf(yaml: YamlFile, node: unknown): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of entriesOf(yaml, pathOf(yaml, node, "env"))) {
    const text = stringOf(yaml, value);
    if (text !== undefined) env[name] = text;
  }
  return env;
}

/**
 * Fills `${{ env.X }}`, `$X` and `${X}` from the `env:` in scope. Why: `run: ${{ env.PM }}
 * test` with `PM: pnpm` runs `pnpm test`, and a variable Andon can read is no mystery.
 */
export function fillEnv(text: string, env: Readonly<Record<string, string>>): string {
  return text
    .replace(/\$\{\{\s*env\.([\w-]+)\s*\}\}/g, (ref, key: string) => env[key] ?? ref)
    .replace(/\$\{?([A-Za-z_]\w*)\}?/g, (ref, key: string) => env[key] ?? ref);
}
