const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Renders a duration for people, in its two largest units ("3d 4h", "5h 12m", "40m").
 * Why two units and rounding down: a title must stay short, and a branch that is
 * "1d 23h" old must never be shown as "2d" — Andon should understate, never exaggerate.
 * Negative durations (a committer clock ahead of ours) read as "<1m".
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < MINUTE) return "<1m";
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return minutes > 0 ? `${hours}h ${minutes}m` : `${hours}h`;
  return `${minutes}m`;
}

/**
 * Renders a limit from the configuration in the unit it was written in: a team that set
 * `maxAgeHours: 48` should read "48h", not "2d", so it recognises its own setting.
 */
export function formatHours(hours: number): string {
  return Number.isInteger(hours) ? `${hours}h` : formatDuration(hours * HOUR);
}

export const MS = { minute: MINUTE, hour: HOUR, day: DAY } as const;

/** The first 7 characters of a commit SHA, as GitHub shows it. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}
