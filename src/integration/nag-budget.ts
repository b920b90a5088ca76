/** What `pickNags` needs to order the nags of one installation's sweep. */
export interface NagCandidate {
  /** `owner/name`. */
  repository: string;
  branch: string;
  /** The branch's age (`BranchAge.ageMs`). */
  ageMs: number;
}

export interface NagPick<T> {
  /** To post in this run, oldest branch first. */
  now: T[];
  /** How many wait for the next run. */
  deferred: number;
}

/** `ANDON_MAX_COMMENTS_PER_RUN` when it is not set. */
export const DEFAULT_COMMENT_BUDGET = 50;

/**
 * The nags to post in this run: at most `budget`, the oldest branches first.
 *
 * Why a budget: a first sweep over a large organisation could otherwise post hundreds
 * of comments at once — noise for people and a secondary rate limit for the app. Why
 * oldest first: they are the furthest from the mainline. The deferred ones lose
 * nothing: they have no marker yet, so the next run finds them again. Ties are broken by
 * repository and branch so that every replica picks the same ones.
 */
export function pickNags<T extends NagCandidate>(
  candidates: readonly T[],
  budget: number,
): NagPick<T> {
  const ordered = [...candidates].sort(
    (a, b) =>
      b.ageMs - a.ageMs || compare(a.repository, b.repository) || compare(a.branch, b.branch),
  );
  const take = Math.max(0, Math.floor(budget));
  return { now: ordered.slice(0, take), deferred: Math.max(0, ordered.length - take) };
}

/**
 * `ANDON_MAX_COMMENTS_PER_RUN` from the environment. Unset or empty means the default;
 * anything but a whole number ≥ 0 throws, so a typo is found at start-up rather than
 * silently turning into "no comments" or "no limit".
 */
export function commentBudgetFrom(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.ANDON_MAX_COMMENTS_PER_RUN?.trim();
  if (raw === undefined || raw === "") return DEFAULT_COMMENT_BUDGET;
  if (!/^\d+$/.test(raw)) {
    throw new Error(`ANDON_MAX_COMMENTS_PER_RUN must be a whole number ≥ 0, got "${raw}"`);
  }
  return Number(raw);
}

/** Code-point order, not locale order: the same on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
