/** How the sweep runs, from the environment: read once when the app loads. */
export interface SweepSettings {
  /** `ANDON_SWEEP_INTERVAL` in ms; 0 turns the in-process scheduler off. */
  intervalMs: number;
  /** `ANDON_SWEEP_TOKEN`; the `POST /andon/sweep` endpoint exists only when it is set. */
  token: string | undefined;
  /** `ANDON_DRY_RUN=1`: compute and log everything, write nothing. */
  dryRun: boolean;
  /** `ANDON_MAX_COMMENTS_PER_RUN`: comments per installation per run. */
  commentBudget: number;
}

export const DEFAULT_SWEEP_INTERVAL_MS = 24 * 3_600_000;

/** `ANDON_MAX_COMMENTS_PER_RUN` when it is not set. */
export const DEFAULT_COMMENT_BUDGET = 50;

/** Node's timers overflow past 2^31 − 1 ms (about 24.8 days). */
const MAX_INTERVAL_MS = 24 * 24 * 3_600_000;

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Reads the sweep's environment variables. Anything malformed throws, so a typo stops
 * the app at start-up instead of silently sweeping every few milliseconds or never.
 */
export function sweepSettingsFrom(
  env: Readonly<Record<string, string | undefined>>,
): SweepSettings {
  const token = env.ANDON_SWEEP_TOKEN?.trim();
  return {
    intervalMs: intervalFrom(env.ANDON_SWEEP_INTERVAL),
    token: token ? token : undefined,
    dryRun: isTrue(env.ANDON_DRY_RUN),
    commentBudget: commentBudgetFrom(env),
  };
}

/**
 * `ANDON_SWEEP_INTERVAL`: a duration with its unit (`24h`, `90m`, `1d`, `3600s`), or `0`
 * for off. A bare number other than 0 is refused: seconds or hours would both be a
 * plausible guess, and a wrong guess sweeps 3,600 times too often.
 */
export function intervalFrom(raw: string | undefined): number {
  const text = raw?.trim() ?? "";
  if (text === "") return DEFAULT_SWEEP_INTERVAL_MS;
  if (/^0+$/.test(text)) return 0;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/.exec(text);
  const ms = match ? Number(match[1]) * UNITS[match[2]!]! : NaN;
  if (!(ms >= 1_000 && ms <= MAX_INTERVAL_MS)) {
    throw new Error(
      `ANDON_SWEEP_INTERVAL must be 0 (off) or a duration from 1s to 24d such as 24h, 90m or 1d, got "${text}"`,
    );
  }
  return Math.round(ms);
}

/**
 * `ANDON_MAX_COMMENTS_PER_RUN`: stale-branch comments per installation per run, oldest
 * branches first. Unset or empty means the default; anything but a whole number ≥ 0
 * throws, so a typo is found at start-up rather than silently turning into "no
 * comments" or "no limit".
 */
export function commentBudgetFrom(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.ANDON_MAX_COMMENTS_PER_RUN?.trim();
  if (raw === undefined || raw === "") return DEFAULT_COMMENT_BUDGET;
  if (!/^\d+$/.test(raw)) {
    throw new Error(`ANDON_MAX_COMMENTS_PER_RUN must be a whole number ≥ 0, got "${raw}"`);
  }
  return Number(raw);
}

function isTrue(raw: string | undefined): boolean {
  return ["1", "true", "yes", "on"].includes(raw?.trim().toLowerCase() ?? "");
}
