import { defineJob, type Job, type JobHandler, type JobType } from "../work/job.js";

/**
 * A change of a mainline's state that people and the history care about. The mainline job
 * produces one per change (red, green, closed, opened), judged from Andon's record on the
 * mainline, so a redelivered webhook produces none; consumers (notifications, the history
 * store) receive it as a job of their own, so a slow or failing consumer never delays a gate.
 * The fields follow the notification event of PRODUCT.md ("Notifications").
 */
export type TransitionEvent = "red" | "green" | "closed" | "opened";

export interface MainlineTransition {
  event: TransitionEvent;
  installationId: number;
  /** `owner/repo`. */
  repository: string;
  /** The mainline commit the transition was judged on. */
  sha: string | null;
  breakingSha: string | null;
  fixingSha: string | null;
  /**
   * The login (or name, without an account) of the breaking commit's author (red), the
   * fixing commit's author (green), or the person who closed or opened the mainline.
   */
  author: string | null;
  failingChecks: string[];
  /** The reason given with `/andon close`. */
  reason: string | null;
  /** The GitHub page of the breaking (red) or fixing (green) commit, or of the command. */
  url: string | null;
  /**
   * When it happened by GitHub's clock, ISO 8601: for red the completion of the breaking
   * commit's first failing counted check, for green the completion of the fixing commit's
   * last counted check, for closed/opened the command comment's creation.
   */
  at: string;
  /**
   * Closed/opened only: the id of the `/andon` comment. Comment ids are unique and a
   * redelivery carries the same one, so it names the transition where a time (whole
   * seconds) could not tell two commands apart.
   */
  commandId?: number;
  /** Green only: the episode ended with the breaking commit itself turning green. */
  flaky?: boolean;
  /** Flaky only: the checks that flipped from failing to passing. */
  flippedChecks?: string[];
}

/** A stable identity per transition: consumers dedupe on it across redeliveries and replicas. */
export function transitionId(t: MainlineTransition): string {
  const subject =
    t.event === "red" || t.event === "green"
      ? t.breakingSha
      : t.commandId !== undefined
        ? `comment-${t.commandId}`
        : t.at;
  return `${t.repository}:${t.event}:${subject ?? "none"}`;
}

/**
 * Who acts on transitions (notifications, the history store): a kind of job of its own,
 * its handler already bound to what it needs.
 */
export type TransitionConsumer = JobType<MainlineTransition, void>;

/**
 * Defines a consumer's job, keyed by the transition's identity: the queue coalesces jobs
 * of one key, so a redelivery adds nothing, and two different transitions are never
 * merged into one.
 */
export function defineConsumer(
  kind: string,
  handle: JobHandler<MainlineTransition>,
): TransitionConsumer {
  return defineJob({
    kind,
    key: (t: MainlineTransition) => `${kind}:${transitionId(t)}`,
    handler: () => handle,
  });
}

/** One job per consumer per transition. */
export function transitionJobs(
  consumers: readonly TransitionConsumer[],
  t: MainlineTransition,
): Job<MainlineTransition>[] {
  return consumers.map((consumer) => consumer.of(t, t.installationId));
}
