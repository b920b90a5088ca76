import { MARKERS } from "../constants.js";
import type { CommitComment } from "../github/comments.js";

/** A stale-branch comment Andon already left on a head commit. */
export interface PriorNag {
  /** The `yyyy-mm-dd` of its marker. */
  day: string;
  /** When GitHub says the comment was created (ISO-8601). */
  createdAt: string;
}

/** The marker day of a nag made at `now`: its UTC date, so every replica agrees. */
export function staleDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * This branch's stale-branch nags among a commit's comments, one per marker day.
 *
 * Why filter by branch: two branches can share a head commit, and each has its own
 * nags. Why one per day: a race between replicas could post a marker twice; that is one
 * nag, not two, for `integration.maxNags`. The later comment of a day is kept.
 */
export function parseStaleMarkers(
  comments: ReadonlyArray<Pick<CommitComment, "body" | "createdAt">>,
  branch: string,
): PriorNag[] {
  const [before, after] = MARKERS.stale(branch, "\u0000").split("\u0000") as [string, string];
  const pattern = new RegExp(`${escapeRegExp(before)}(\\d{4}-\\d{2}-\\d{2})${escapeRegExp(after)}`);
  const byDay = new Map<string, PriorNag>();
  for (const comment of comments) {
    const day = pattern.exec(comment.body)?.[1];
    if (day === undefined) continue;
    const seen = byDay.get(day);
    if (seen === undefined || Date.parse(comment.createdAt) > Date.parse(seen.createdAt)) {
      byDay.set(day, { day, createdAt: comment.createdAt });
    }
  }
  return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}
