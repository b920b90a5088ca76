/**
 * What a feature decides for one check on one commit. Features return plain
 * verdicts; only `src/github/checks.ts` turns them into check runs.
 */
export type VerdictConclusion = "success" | "failure" | "neutral";

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
}

export interface CheckVerdict {
  conclusion: VerdictConclusion;
  /** One line, shown next to the check name in the PR's checks list. */
  title: string;
  /** Markdown, shown at the top of the check run page. */
  summary: string;
  /** Markdown details below the summary. */
  text?: string;
  annotations?: Annotation[];
}
