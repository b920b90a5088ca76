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

/**
 * A red being confirmed by re-running its failed GitHub Actions jobs
 * (`mainline.confirmRed: rerun`). It lives in the record, where a restart, a retry or
 * another replica finds it, and stays after it ends so a commit is re-run once only.
 */
export interface Confirmation {
  /** The mainline commit whose failed jobs are re-run. */
  sha: string;
  /** When Andon first saw the failure, ISO 8601: the confirmation times out from here. */
  since: string;
  /** GitHub accepted the re-run; until then Andon waits for the workflow to finish. */
  rerun: boolean;
  /** The failed check runs re-run: a failing run not among them is the re-run's own verdict. */
  failedIds: number[];
  /** The red to declare if the re-run fails again or never finishes. */
  episode: Episode;
  /** How it ended: red (failed again, timed out, or could not re-run), or green. */
  outcome?: "red" | "green";
  /** Why nothing was re-run (the app lacks `actions: write`): shown on the mainline's run. */
  note?: string;
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
  /** The newest confirmation by re-run, open or ended. */
  confirm?: Confirmation;
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
    ...(record?.confirm ? { confirm: record.confirm } : {}),
  };
}

/** Enough for any real failure list, far below the 65 535 characters of a check summary. */
const MAX_RECORDED_FAILURES = 50;

const MARKER = /<!-- andon:episode (.*?) -->/s;

const sha = z.string().regex(/^[0-9a-f]{7,64}$/);
const failing = z.array(z.object({ name: z.string(), url: z.string().nullable() }));
const episodeSchema = z.object({
  breakingSha: sha,
  breakingAuthor: z.object({ login: z.string().optional(), name: z.string() }),
  since: z.iso.datetime({ offset: true }),
  failing,
  startKnown: z.boolean(),
  remindedAt: z.iso.datetime({ offset: true }).optional(),
});

const extras = {
  confirm: z
    .object({
      sha,
      since: z.iso.datetime({ offset: true }),
      rerun: z.boolean(),
      failedIds: z.array(z.number().int().positive()),
      episode: episodeSchema,
      outcome: z.enum(["red", "green"]).optional(),
      note: z.string().optional(),
    })
    .optional(),
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
  z.object({ state: z.literal("red"), ...episodeSchema.shape, ...extras }),
  z.object({ state: z.enum(["green", "none"]), ...extras }),
]);

/**
 * The record as a hidden HTML comment, to embed in a check run summary. `<` and `>` are
 * escaped inside the JSON so a check name containing `-->` cannot end the comment early.
 */
export function encodeEpisode(record: EpisodeRecord): string {
  const { confirm } = record;
  const bounded = {
    ...record,
    ...(record.state === "red" ? { failing: record.failing.slice(0, MAX_RECORDED_FAILURES) } : {}),
    ...(confirm
      ? {
          confirm: {
            ...confirm,
            failedIds: confirm.failedIds.slice(0, MAX_RECORDED_FAILURES),
            episode: {
              ...confirm.episode,
              failing: confirm.episode.failing.slice(0, MAX_RECORDED_FAILURES),
            },
          },
        }
      : {}),
  };
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
    const { closed, lastCommandId, confirm, ...record } = parsed.data;
    // Optional keys absent, not `undefined`: records compare equal to what was encoded.
    return {
      ...record,
      ...(closed ? { closed } : {}),
      ...(lastCommandId !== undefined ? { lastCommandId } : {}),
      ...(confirm ? { confirm: withoutUndefined(confirm) } : {}),
    } as EpisodeRecord;
  } catch {
    return undefined;
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
