/** One hop of a chain from a CI step to the command that runs tests: `Makefile:22 go test`. */
export interface ChainLink {
  file: string;
  /** 1-based line of `text` in `file`. */
  line: number;
  text: string;
}

/** The hops after the CI step itself; empty when the step runs a test tool directly. */
export type Chain = ChainLink[];

/** The tree, for following a CI command into the files it runs. */
export interface ScriptContext {
  paths: ReadonlySet<string>;
  files: Readonly<Record<string, string>>;
  /** Collects files of the tree a chain needs and that were not read yet. */
  wanted?: Set<string>;
}

/**
 * The text of a file a chain leads to: undefined when the tree has no such file, and
 * also when it was not read, in which case it is recorded as wanted. Why record: the
 * reader fetches wanted files and judges again, so each link costs one request.
 */
export function readLink(context: ScriptContext, path: string): string | undefined {
  if (!context.paths.has(path)) return undefined;
  const text = context.files[path];
  if (text === undefined) context.wanted?.add(path);
  return text;
}

/** Whether `path` is in the tree but not read: the chain stops at an unread link. */
export function isUnread(context: ScriptContext, path: string): boolean {
  return context.paths.has(path) && context.files[path] === undefined;
}

/** 1-based line of `offset` in `text`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === "\n") line++;
  return line;
}
