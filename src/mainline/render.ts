import type { FailingCheck } from "./build-state.js";
import type { Episode } from "./episode-record.js";
import { formatDuration, plainText, shortSha } from "../checks/format.js";
import type { FixedBy } from "./mainline-state.js";

/** Long enough to read, short enough that a 500-job matrix does not bury the advice. */
const MAX_LISTED_FAILURES = 20;

export function failingList(failing: readonly FailingCheck[]): string {
  const lines = failing.slice(0, MAX_LISTED_FAILURES).map(({ name, url }) => {
    const label = plainText(name);
    return url ? `- [${label}](${url})` : `- ${label}`;
  });
  const hidden = failing.length - MAX_LISTED_FAILURES;
  if (hidden > 0) lines.push(`- …and ${hidden} more`);
  return lines.length > 0 ? lines.join("\n") : "- (no failing check is counted any more)";
}

/** "3h 12m", or "at least 3h 12m" when the episode began before the history Andon read. */
export function redFor(episode: Episode, now: Date): string {
  const duration = formatDuration(now.getTime() - Date.parse(episode.since));
  return episode.startKnown ? duration : `at least ${duration}`;
}

/** The one-line headline of a red main, shared by the gate and the mainline record. */
export function redTitle(branch: string, episode: Episode, now: Date): string {
  return `${branch} is red for ${redFor(episode, now)} since ${shortSha(episode.breakingSha)}`;
}

/** The episode's time to restore, "at least" when its start lies before the history read. */
export function restoreTime(episode: Episode, fixedBy: FixedBy): string {
  const duration = formatDuration(fixedBy.restoredAfterMs);
  return episode.startKnown ? duration : `at least ${duration}`;
}
