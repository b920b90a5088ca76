/** One benchmark's result: rows of measured numbers beside their lower bound. */
export interface BenchTable {
  title: string;
  /** What the lower bound counts, in a sentence. */
  bound: string;
  columns: string[];
  rows: Array<Array<string | number>>;
}

export function printTable(table: BenchTable): void {
  const cells = [table.columns, ...table.rows.map((r) => r.map(String))];
  const widths = table.columns.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => "| " + r.map((c, i) => c.padStart(widths[i]!)).join(" | ") + " |";
  console.log(`\n## ${table.title}\n\nLower bound: ${table.bound}\n`);
  console.log(line(table.columns));
  console.log("| " + widths.map((w) => "-".repeat(w)).join(" | ") + " |");
  for (const r of cells.slice(1)) console.log(line(r));
}

export const ratio = (measured: number, bound: number): string =>
  bound === 0 ? "-" : (measured / bound).toFixed(2) + "×";
