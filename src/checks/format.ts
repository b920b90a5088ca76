/**
 * Text written to people — check run summaries, comments, titles — is built from these
 * helpers and no others, so a branch name, an author name or a time reads the same (and
 * is as inert) in every check and comment Andon writes.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const MS = { minute: MINUTE, hour: HOUR, day: DAY } as const;

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
 * Someone else's words (a git author name, a check name) as inert text: markdown in it
 * must not format the comment, and an `@` in it must not mention a stranger or a team.
 * Parentheses stay as they are: without an escaped `[` they start no link. GitHub finds
 * mentions in the rendered text, so a backslash does not stop them; a zero-width space
 * after the `@` does.
 */
export function plainText(text: string): string {
  return text.replace(/[\\`*_[\]<>#+!|~]/g, "\\$&").replace(/@/g, "@\u200b");
}

/**
 * The author of a commit, addressed: `@login` notifies them when GitHub matched the
 * commit to an account; a bare git name is never prefixed with `@`, since that would
 * mention whoever owns that word as a login.
 */
export function mention(author: { login?: string | undefined; name: string }): string {
  return author.login ? `@${author.login}` : plainText(author.name);
}

/** A GitHub login: letters, digits and single inner hyphens, at most 39 characters. */
const LOGIN = "[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}";
/** `@user` or `@org/team` (a team's slug: letters, digits, `-`, `_`). */
const HANDLE = new RegExp(`^@${LOGIN}(?:/[A-Za-z0-9][A-Za-z0-9_-]{0,99})?$`);

/**
 * Someone the configuration asks Andon to notify (`mainline.escalateTo`), mentioned on
 * purpose: an entry shaped `@user` or `@org/team` stays a live mention. Anything else
 * (`mona`, `@acme/platform please`, markdown) is shown as code, which mentions nobody
 * and formats nothing, so a typo in `andon.yml` cannot ping a stranger.
 */
export function mentionHandle(entry: string): string {
  const trimmed = entry.trim();
  return HANDLE.test(trimmed) ? trimmed : code(entry);
}

/** "1 commit", "12 commits". */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** "2026-11-25 12:00 UTC": every replica and every reader sees the same time. */
export function formatUtc(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** "2026-11-25": the UTC day of a time. */
export function formatUtcDay(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

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

/** The first 7 characters of a commit SHA, as GitHub shows it. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}
