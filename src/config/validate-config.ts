import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Scalar } from "yaml";
import type { ConfigFileRef } from "../github/config-files.js";
import { configSchema, DEFAULT_CONFIG, type AndonConfig } from "./schema.js";

export interface ConfigError {
  /** Dotted key path, e.g. `mainline.fixLabel`; empty for the file as a whole. */
  path: string;
  message: string;
  /** The file that holds the mistake (the repo's own, or the org's it extends). */
  file: ConfigFileRef;
  /** 1-based line in that file, where the YAML tells. */
  line?: number;
}

export interface ConfigResult {
  config: AndonConfig;
  errors: ConfigError[];
}

export interface ConfigSource {
  file: ConfigFileRef;
  config: Record<string, unknown> | null;
  /** Raw YAML, when known: only needed to find the line of an error. */
  text?: string;
}

/**
 * Merges the files (first = highest priority, section by section so an org default
 * and a repo override combine) and validates the result. Invalid config never
 * throws: the defaults apply and the errors say where and why.
 */
export function validateConfig(sources: ConfigSource[]): ConfigResult {
  const present = sources.filter((s) => s.config);
  const unreadable = present.filter((s) => !isPlainObject(s.config));
  if (unreadable.length)
    return { config: DEFAULT_CONFIG, errors: unreadable.map((s) => notAMapping(s.file)) };
  const merged = mergeSections(present.map((s) => s.config!));
  const parsed = configSchema.safeParse(merged);
  if (parsed.success) return { config: parsed.data, errors: [] };
  const errors = parsed.error.issues.flatMap((issue) => {
    const paths =
      issue.code === "unrecognized_keys" ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    return paths.map((path) => {
      const keys = path.map(String);
      const source = present.find((s) => hasPath(s.config, keys)) ?? present[0]!;
      const message = issue.code === "unrecognized_keys" ? "is not a known key" : issue.message;
      const line = source.text === undefined ? undefined : lineOf(source.text, keys);
      return { path: keys.join("."), message, file: source.file, ...(line ? { line } : {}) };
    });
  });
  return { config: withoutInvalidParts(merged, errors), errors };
}

/**
 * The config with the defaults in place of every invalid key, and the valid keys kept:
 * an invalid `fixLabel` must not also throw away `ignoreChecks`, nor can a typo anywhere
 * switch a check off (a dropped `enabled` defaults to `true`).
 */
function withoutInvalidParts(
  merged: Record<string, unknown>,
  errors: Array<{ path: string }>,
): AndonConfig {
  const kept = structuredClone(merged);
  for (const { path } of errors) {
    const keys = path.split(".");
    const last = keys.pop();
    let node: unknown = kept;
    for (const key of keys) node = isPlainObject(node) ? node[key] : undefined;
    if (last !== undefined && isPlainObject(node)) delete node[last];
    else if (last !== undefined && Array.isArray(node) && keys.length) {
      // An invalid list item (`ignoreChecks: [3]`): the whole list falls back.
      removePath(kept, keys);
    }
  }
  const parsed = configSchema.safeParse(kept);
  return parsed.success ? parsed.data : DEFAULT_CONFIG;
}

function removePath(config: Record<string, unknown>, keys: string[]): void {
  const parentKeys = keys.slice(0, -1);
  let node: unknown = config;
  for (const key of parentKeys) node = isPlainObject(node) ? node[key] : undefined;
  if (isPlainObject(node)) delete node[keys[keys.length - 1]!];
}

/**
 * Why a file cannot be read as config at all, with its line: a YAML syntax error,
 * or YAML that is not a mapping (a bare word, a number, a list).
 */
export function unreadableConfigError(file: ConfigFileRef, text: string): ConfigError | undefined {
  const doc = parseDocument(text);
  const error = doc.errors[0];
  if (!error) {
    const value: unknown = doc.toJS();
    return value === null || value === undefined || isPlainObject(value)
      ? undefined
      : notAMapping(file);
  }
  const line = error.linePos?.[0]?.line;
  const message = `is not valid YAML: ${error.message.split("\n")[0]}`;
  return { path: "", message, file, ...(line ? { line } : {}) };
}

function notAMapping(file: ConfigFileRef): ConfigError {
  return {
    path: "",
    message: "must be a mapping of sections (mainline, tests, integration)",
    file,
    line: 1,
  };
}

/**
 * The 1-based line where `path` is written in the YAML text: the line of its key
 * (not of its value, which for a mapping or list starts on the next line), or of
 * the deepest part of the path that exists.
 */
export function lineOf(text: string, path: string[]): number | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const key of path) {
    let next: { start?: number; node: unknown } | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      if (pair) next = { start: (pair.key as Scalar).range?.[0], node: pair.value };
    } else if (isSeq(node)) {
      const item = node.items[Number(key)] as { range?: [number] } | undefined;
      if (item) next = { start: item.range?.[0], node: item };
    }
    if (!next) break;
    offset = next.start ?? offset;
    node = next.node;
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

function mergeSections(configs: Record<string, unknown>[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const config of [...configs].reverse()) {
    for (const [key, value] of Object.entries(config)) {
      // `tests:` with every key commented out is YAML null: an empty section, not a mistake.
      if (value === null && key in configSchema.shape) continue;
      const base = merged[key];
      merged[key] = isPlainObject(base) && isPlainObject(value) ? { ...base, ...value } : value;
    }
  }
  return merged;
}

function hasPath(config: Record<string, unknown> | null, path: string[]): boolean {
  let node: unknown = config;
  for (const key of path) {
    if (!isPlainObject(node) || !(key in node)) return false;
    node = node[key];
  }
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
