/**
 * Inline code for any text. Branch names may contain backticks, so the fence is one
 * backtick longer than the longest run inside (CommonMark's rule).
 */
export function code(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * A git author name as inert text. The name is whatever someone put in `user.name`:
 * markdown in it must not format the comment, and an `@` in it must not mention a
 * stranger. GitHub finds mentions in the rendered text, so a backslash does not stop
 * them; a zero-width space after the `@` does.
 */
export function plainName(name: string): string {
  return name.replace(/[\\`*_{}[\]()<>#+!|~]/g, "\\$&").replace(/@/g, "@\u200b");
}

/** "1 commit", "12 commits". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
