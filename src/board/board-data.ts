/**
 * What the board shows, in the shape of PRODUCT.md's summary JSON (`GET
 * /andon/api/summary`): the board renders exactly the figures the API serves, so the two
 * can never disagree. The optional fields are the extras the summary may carry per
 * repository ("...FIGURES" and more); where one is absent the board shows less, never
 * something invented.
 */
export type RepoState = "green" | "red" | "pending" | "none" | "closed";
export type SuiteVerdict = "ok" | "no-tests" | "no-ci";

import type { Figures } from "../store/figures.js";

export type { Figures };

/** A failing check: a name alone, or with the page of its failing run. */
export type FailingCheck = string | { name: string; url?: string | null };

/** One red episode on the timeline (ISO 8601; `end` null while it lasts). */
export interface TimelineEpisode {
  start: string;
  end: string | null;
  flaky?: boolean;
}

export interface StaleSummary {
  count: number;
  oldestBranch?: string | null;
  oldestHours?: number | null;
  /** The author of the oldest stale branch's head commit. */
  author?: string | null;
}

export interface RepoSummary extends Figures {
  /** `owner/name`. */
  repo: string;
  state: RepoState;
  redSince: string | null;
  breakingSha: string | null;
  breakingAuthor: string | null;
  failingChecks: FailingCheck[];
  tests: SuiteVerdict | null;
  /** The number of stale branches, or the details when the store has them. */
  staleBranches: number | StaleSummary | null;
  /** Closed by hand: who closed it and why (`/andon close`). */
  closedBy?: string | null;
  closedReason?: string | null;
  closedAt?: string | null;
  /** Red, but being confirmed by a re-run (`mainline.confirmRed: rerun`): maybe flaky. */
  confirming?: boolean;
  /** The broken-build comment on the breaking commit. */
  brokenCommentUrl?: string | null;
  /** Red episodes in the period, for the timeline. */
  episodeList?: TimelineEpisode[];
}

export interface BoardSummary {
  days: number;
  from: string;
  to: string;
  installation: Figures;
  repos: RepoSummary[];
}

export function failingCheckName(check: FailingCheck): string {
  return typeof check === "string" ? check : check.name;
}

export function failingCheckUrl(check: FailingCheck): string | null {
  return typeof check === "string" ? null : (check.url ?? null);
}

export function staleOf(repo: RepoSummary): StaleSummary {
  const stale = repo.staleBranches;
  if (stale === null || stale === undefined) return { count: 0 };
  return typeof stale === "number" ? { count: stale } : stale;
}

/** Red or closed: the line is stopped. */
export function isStopped(repo: RepoSummary): boolean {
  return repo.state === "red" || repo.state === "closed";
}
