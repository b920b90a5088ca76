import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar } from "yaml";
import type { Document, Node } from "yaml";

/** A parsed CI file that knows the line of every node, so steps cite `file:line`. */
export interface YamlFile {
  file: string;
  source: string;
  doc: Document;
  lines: LineCounter;
  root: Node | undefined;
}

/** The parser's first complaint about a file that is not YAML, and its line. */
export class YamlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Parses `source`; throws a `YamlSyntaxError` when it is not YAML. */
export function parseYamlFile(file: string, source: string): YamlFile {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  const [error] = doc.errors;
  if (error !== undefined) {
    throw new YamlSyntaxError(error.message, lines.linePos(error.pos[0]).line);
  }
  return { file, source, doc, lines, root: (doc.contents as Node | null) ?? undefined };
}

function resolve(yaml: YamlFile, node: unknown): Node | undefined {
  if (isAlias(node)) return node.resolve(yaml.doc);
  return node === null || node === undefined ? undefined : (node as Node);
}

/** The entries of a mapping, `<<` merge keys (anchors shared between jobs) included. */
export function entriesOf(yaml: YamlFile, node: unknown): [string, Node][] {
  const map = resolve(yaml, node);
  if (!isMap(map)) return [];
  const own: [string, Node][] = [];
  const merged: [string, Node][] = [];
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const value = resolve(yaml, pair.value);
    if (key === "<<") {
      const sources = isSeq(value) ? value.items : [value];
      for (const source of sources) merged.push(...entriesOf(yaml, source));
    } else if (key !== undefined && value !== undefined) {
      own.push([key, value]);
    }
  }
  const ownKeys = new Set(own.map(([key]) => key));
  return [...own, ...merged.filter(([key]) => !ownKeys.has(key))];
}

/** The keys of a mapping, those with an empty value (`push:`) included. */
export function keysOf(yaml: YamlFile, node: unknown): string[] {
  const map = resolve(yaml, node);
  if (!isMap(map)) return [];
  return map.items.flatMap((pair) => (isScalar(pair.key) ? [String(pair.key.value)] : []));
}

export function childOf(yaml: YamlFile, node: unknown, key: string): Node | undefined {
  return entriesOf(yaml, node).find(([name]) => name === key)?.[1];
}

/** Follows a chain of keys: `pathOf(y, root, "on", "push", "paths")`. */
export function pathOf(yaml: YamlFile, node: unknown, ...keys: string[]): Node | undefined {
  return keys.reduce<Node | undefined>((at, key) => childOf(yaml, at, key), resolve(yaml, node));
}

export function itemsOf(yaml: YamlFile, node: unknown): Node[] {
  const seq = resolve(yaml, node);
  if (!isSeq(seq)) return [];
  return seq.items.flatMap((item) => resolve(yaml, item) ?? []);
}

export function stringOf(yaml: YamlFile, node: unknown): string | undefined {
  const scalar = resolve(yaml, node);
  if (!isScalar(scalar) || scalar.value === null || typeof scalar.value === "object") {
    return undefined;
  }
  return String(scalar.value);
}

/** A string or a list of strings (`paths: [a, b]`, `changes: a`), as a list. */
export function stringsOf(yaml: YamlFile, node: unknown): string[] {
  const one = stringOf(yaml, node);
  if (one !== undefined) return [one];
  return itemsOf(yaml, node).flatMap((item) => stringsOf(yaml, item));
}

/**
 * The script a scalar holds and the line it starts on, so line `i` of the text is line
 * `line + i` of the file. Block scalars (`run: |`) are read from the source: the folded
 * value would merge lines and lose their numbers.
 */
export function scriptOf(
  yaml: YamlFile,
  node: unknown,
): { line: number; text: string } | undefined {
  const scalar = resolve(yaml, node);
  if (!isScalar(scalar) || scalar.range === undefined || scalar.range === null) return undefined;
  const start = yaml.lines.linePos(scalar.range[0]).line;
  if (scalar.type !== Scalar.BLOCK_LITERAL && scalar.type !== Scalar.BLOCK_FOLDED) {
    const text = stringOf(yaml, scalar);
    return text === undefined ? undefined : { line: start, text };
  }
  const body = yaml.source.slice(scalar.range[0], scalar.range[1]).split("\n").slice(1);
  const indents = body.filter((l) => l.trim() !== "").map((l) => l.length - l.trimStart().length);
  const indent = Math.min(...indents, Number.MAX_SAFE_INTEGER);
  return { line: start + 1, text: body.map((l) => l.slice(indent)).join("\n") };
}

/** Every script scalar in a value that may be a string or (nested) lists of strings. */
export function scriptsOf(yaml: YamlFile, node: unknown): { line: number; text: string }[] {
  const one = scriptOf(yaml, node);
  if (one !== undefined) return [one];
  return itemsOf(yaml, node).flatMap((item) => scriptsOf(yaml, item));
}

/** The 1-based line a node starts on. */
export function lineOf(yaml: YamlFile, node: Node): number {
  return node.range ? yaml.lines.linePos(node.range[0]).line : 1;
}

/** Every mapping in a document, depth first: for CI files that nest steps freely. */
export function mapsIn(yaml: YamlFile, node: unknown, depth = 0): Node[] {
  if (depth > 40) return [];
  const entries = entriesOf(yaml, node);
  if (entries.length > 0) {
    const inner = entries.flatMap(([, value]) => mapsIn(yaml, value, depth + 1));
    return [node as Node, ...inner];
  }
  return itemsOf(yaml, node).flatMap((item) => mapsIn(yaml, item, depth + 1));
}
