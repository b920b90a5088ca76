import { z } from "zod";
import type { FailingCheck } from "./build-state.js";

export interface CommitAuthor {
  /** The GitHub account, when the commit's email maps to one: then Andon can @-mention. */
  login?: string;
  name: string;
}

/** A red episode: from the breaking commit until main is green again. */
export interface Episode {
  breakingSha: string;
  breakingAuthor: CommitAuthor;
  /** When the breaking commit reached main (its commit date), ISO 8601. */
  since: string;
  /** The checks that failed on the breaking commit. */
  failing: FailingCheck[];
  /**
   * `false` when the history Andon read ended before a green commit: the breaking commit
   * is then the oldest red commit it saw, and `since` is a lower bound.
   */
  startKnown: boolean;
  /** When Andon posted the one reminder of this episode: never a second. */
  remindedAt?: string;
}

/** The mainline closed by hand (`/andon close <reason>`): who, when, and why. */
export interface Closure {
  /** The login of the person who closed it. */
  by: string;
  /** When the command was written (its comment's `created_at`), ISO 8601. */
  at: string;
  reason: string;
}

/** What a record carries besides the build state: the hand-made closure, if any. */
export interface RecordExtras {
  /** Set from `/andon close` until `/andon open`: every gate fails as if main were red. */
  closed?: Closure;
  /**
   * The comment id of the last `/andon` command applied: a redelivered or older
   * command (ids only grow) changes nothing.
   */
  lastCommandId?: number;
}

/**
 * What Andon writes into its own `andon/mainline` run on a mainline head commit. Andon
 * keeps no database: this record is how a later event, a restart or another replica
 * learns when the current episode began, and whether main is closed, without reading
 * main's whole history.
 */
export type EpisodeRecord = (({ state: "red" } & Episode) | { state: "green" | "none" }) &
  RecordExtras;

/** The extras of a record, to carry into the next record written. */
export function recordExtras(record: EpisodeRecord | undefined): RecordExtras {
  return {
    ...(record?.closed ? { closed: record.closed } : {}),
    ...(record?.lastCommandId !== undefined ? { lastCommandId: record.lastCommandId } : {}),
  };
}

/** Enough for any real failure list, far below the 65 535 characters of a check summary. */
const MAX_RECORDED_FAILURES = 50;

const MARKER = /<!-- andon:episode (.*?) -->/s;

const extras = {
  closed: z
    .object({
      by: z.string().min(1),
      at: z.iso.datetime({ offset: true }),
      reason: z.string().min(1),
    })
    .optional(),
  lastCommandId: z.number().int().positive().optional(),
};

const recordSchema = z.discriminatedUnion("state", [
  z.object({
    state: z.literal("red"),
    breakingSha: z.string().regex(/^[0-9a-f]{7,64}$/),
    breakingAuthor: z.object({ login: z.string().optional(), name: z.string() }),
    since: z.iso.datetime({ offset: true }),
    failing: z.array(z.object({ name: z.string(), url: z.string().nullable() })),
    startKnown: z.boolean(),
    remindedAt: z.iso.datetime({ offset: true }).optional(),
    ...extras,
  }),
  z.object({ state: z.enum(["green", "none"]), ...extras }),
]);

/**
 * The record as a hidden HTML comment, to embed in a check run summary. `<` and `>` are
 * escaped inside the JSON so a check name containing `-->` cannot end the comment early.
 */
export function encodeEpisode(record: EpisodeRecord): string {
  const bounded =
    record.state === "red"
      ? { ...record, failing: record.failing.slice(0, MAX_RECORDED_FAILURES) }
      : record;
  const json = JSON.stringify(bounded).replace(/</g, "\\u003c").replace(/>/g, "\\u003e");
  return `<!-- andon:episode ${json} -->`;
}

/**
 * The record found in a check run summary, or `undefined` when there is none or it is
 * damaged: a summary edited by hand or written by an older Andon must never crash a
 * judgement; without a record Andon falls back to reading the history.
 */
export function decodeEpisode(summary: string | null | undefined): EpisodeRecord | undefined {
  const json = summary?.match(MARKER)?.[1];
  if (json === undefined) return undefined;
  try {
    const parsed = recordSchema.safeParse(JSON.parse(json));
    if (!parsed.success) return undefined;
    const { closed, lastCommandId, ...record } = parsed.data;
    // Optional keys absent, not `undefined`: records compare equal to what was encoded.
    return {
      ...record,
      ...(closed ? { closed } : {}),
      ...(lastCommandId !== undefined ? { lastCommandId } : {}),
    } as EpisodeRecord;
  } catch {
    return undefined;
  }
}
