import type { MainlineConfig } from "../config/schema.js";
import { CHECK_NAMES, MARKERS } from "../constants.js";
import type { Episode } from "./episode-record.js";
import type { FixedBy } from "./mainline-state.js";
import { code, formatUtc, mention, mentionHandle, shortSha } from "../checks/format.js";
import { failingList, redFor, restoreTime } from "./render.js";

export interface CommentContext {
  /** The mainline branch, as people call it: "main", "master", "trunk". */
  branch: string;
  config: MainlineConfig;
}

function howToFix({ config }: CommentContext): string {
  const label = `open the fix as a PR labelled \`${config.fixLabel}\`; it passes the gate.`;
  if (!config.allowReverts) return `**How to let a fix through:** ${label} Reverts need it too.`;
  return [
    "**How to let a fix through:**",
    "",
    `- **Revert** this commit: a PR whose changes exactly undo it (GitHub's Revert button, or \`git revert\`) passes the gate; the title alone does not.`,
    `- **Fix forward**: ${label}`,
  ].join("\n");
}

function brokenBody(episode: Episode, ctx: CommentContext): string {
  const { branch } = ctx;
  const heading = episode.startKnown
    ? `### This commit broke the build on \`${branch}\``
    : `### \`${branch}\` is red, and this is the oldest red commit Andon read`;
  const caveat = episode.startKnown
    ? ""
    : ` Andon did not read back far enough to find the last green commit: the build may have broken earlier.`;
  return [
    heading,
    `${mention(episode.breakingAuthor)}, \`${branch}\` is red since this commit (${formatUtc(episode.since)}).${caveat} These checks fail:`,
    failingList(episode.failing),
    `**Merges into \`${branch}\` are blocked** (\`${CHECK_NAMES.mainline}\` fails on every open PR) until \`${branch}\` is green again. Fixing the build is the team's first priority: stop the line, fix it, then carry on.`,
    howToFix(ctx),
  ].join("\n\n");
}

/**
 * The comment on the breaking commit when main turns red. It goes to the commit, not to
 * a chat room, so it reaches the author who knows the change best, with everything
 * needed to act: what fails, what it blocks, and how a fix gets through the gate.
 */
export function brokenComment(episode: Episode, ctx: CommentContext): string {
  return `${MARKERS.broken(episode.breakingSha)}\n${brokenBody(episode, ctx)}`;
}

/**
 * The reply on the breaking commit when main is green again: one new comment (Andon edits
 * none), recording who fixed it, with which commit, and the time to restore where the
 * team will look for it. A flaky episode says so: nothing was fixed, a check flipped.
 */
export function restoredComment(episode: Episode, fixedBy: FixedBy, ctx: CommentContext): string {
  const { branch } = ctx;
  const time = restoreTime(episode, fixedBy);
  const story = fixedBy.flaky
    ? `This commit itself turned green again (a re-run, no code change): the episode was **flaky**. Checks that flipped: ${fixedBy.flippedChecks.map(code).join(", ") || "none listed"}. A check that fails and passes on the same code stops the line for nothing: worth fixing too.`
    : `Fixed by ${shortSha(fixedBy.sha)} (${mention(fixedBy.author)}). Thank you for stopping the line.`;
  return [
    MARKERS.restored(episode.breakingSha),
    `### \`${branch}\` is green again`,
    `${story}\n\nTime to restore: **${time}** (${formatUtc(episode.since)} to ${formatUtc(fixedBy.at)}).`,
  ].join("\n\n");
}

/**
 * The single reminder when main is still red after `mainline.remindAfterHours`: a red
 * build that nobody owns is exactly what the andon cord exists to prevent. It escalates
 * to `mainline.escalateTo`, the people who can unblock the team when the author cannot.
 */
export function reminderComment(episode: Episode, now: Date, ctx: CommentContext): string {
  const { branch, config } = ctx;
  const revert = config.allowReverts
    ? `revert this commit: a PR that exactly undoes it passes the gate`
    : `revert this commit in a PR labelled \`${config.fixLabel}\``;
  const escalate = config.escalateTo.length
    ? [
        `${config.escalateTo.map(mentionHandle).join(", ")}: escalating to you, as \`mainline.escalateTo\` asks. Please make sure someone owns the fix.`,
      ]
    : [];
  return [
    MARKERS.reminder(episode.breakingSha),
    `### \`${branch}\` is still red after ${redFor(episode, now)}`,
    `${mention(episode.breakingAuthor)}, the build on \`${branch}\` has been red since this commit (${formatUtc(episode.since)}) and every merge into \`${branch}\` is still blocked. If you are on it, a short note here tells the team. If you are stuck, ask for help, or ${revert}.`,
    ...escalate,
  ].join("\n\n");
}

/** Whether main has been red long enough for the one reminder (its marker keeps it one). */
export function isReminderDue(
  episode: Episode,
  now: Date,
  config: Pick<MainlineConfig, "remindAfterHours">,
): boolean {
  return now.getTime() - Date.parse(episode.since) >= config.remindAfterHours * 3_600_000;
}
