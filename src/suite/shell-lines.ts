/** Script text as logical lines, and `for` loops in it: what `commandsOf` walks. */

export const FOR_LOOP = /^\s*for\s+(\w+)\s+in\s+([^;]*?)\s*(?:;\s*)?(?:\bdo\b\s*(.*))?$/;
export const MAX_LOOP_VALUES = 12;

export interface Logical {
  line: number;
  text: string;
}

/** The script's logical lines: continuations joined, comment lines dropped. */
export function logicalLines(text: string, first: number): Logical[] {
  const lines = text
    .replace(/\$\{\{\s*github\.workspace\s*\}\}/g, () => "$GITHUB_WORKSPACE")
    .split("\n");
  const logical: Logical[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = first + i;
    let joined = lines[i] ?? "";
    while (/[\\`]\s*$/.test(joined) && i + 1 < lines.length) {
      joined = joined.replace(/[\\`]\s*$/, " ") + (lines[++i] ?? "");
    }
    if (!/^\s*(#|rem\s|::)/i.test(joined)) logical.push({ line, text: joined });
  }
  return logical;
}

/** The body of a `for` loop starting at `at`, up to its `done`, and where it ends. */
export function loopBody(
  lines: Logical[],
  at: number,
  rest: string,
): { body: Logical[]; end: number } {
  const body: Logical[] = [];
  let depth = 1;
  for (let i = at; i < lines.length; i++) {
    const entry = i === at ? { line: lines[at]?.line ?? 0, text: rest } : lines[i]!;
    if (i > at && /^\s*(for|while|until)\b/.test(entry.text)) depth++;
    const closes = /(^|[;\s])done\s*(;.*)?$/.exec(entry.text);
    if (closes && --depth === 0) {
      body.push({ line: entry.line, text: entry.text.slice(0, closes.index) });
      return { body, end: i };
    }
    body.push(entry);
  }
  return { body, end: lines.length - 1 };
}
