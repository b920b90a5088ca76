import { CONFIG_PATH, MARKERS } from "../constants.js";
import { WHY_DAILY, waysOut } from "./advice.js";
import type { BranchAge } from "./branch-age.js";
import {
  code,
  formatDuration,
  formatHours,
  formatUtcDay,
  mention,
  plural,
  shortSha,
} from "../checks/format.js";

/** The head commit of a branch, with what the nag needs to know about its author. */
export interface BranchHead {
  sha: string;
  /** Its committer date (ISO-8601): when the branch last moved. */
  committedAt: string;
  /** The author's GitHub login, when GitHub matched the commit's email to an account. */
  authorLogin?: string;
  /** The git author name, for when there is no login. */
  authorName: string;
}

export interface StaleCommentInput {
  branch: string;
  mainline: string;
  age: BranchAge;
  head: BranchHead;
  maxAgeHours: number;
  /** The marker day (`staleDay(now)`). */
  day: string;
  /** Which nag this is on this head commit (1-based), and the most there will be. */
  nag: { number: number; of: number };
}

/**
 * The stale-branch comment for a branch's head commit: the marker first (so it is found
 * again), then who, what, how old, and what to do.
 *
 * Why the head commit's author: it is the person most likely working on the branch now.
 * A login is mentioned so they are notified; a bare name is never prefixed with `@`,
 * since that would mention whoever owns that word as a login.
 */
export function staleComment(input: StaleCommentInput): string {
  const { branch, mainline, age, head, nag } = input;
  const who = mention({ login: head.authorLogin, name: head.authorName });
  const old = `${age.complete ? "" : "at least "}${formatDuration(age.ageMs)}`;
  return [
    MARKERS.stale(branch, input.day),
    `${who}, the branch ${code(branch)} has not reached ${code(mainline)} for **${old}** ` +
      `(the limit is ${formatHours(input.maxAgeHours)}). ` +
      `It is ${plural(age.ahead, "commit")} ahead and ${age.behind} behind ${code(mainline)}; ` +
      `its oldest commit not on ${code(mainline)} is ${shortSha(age.oldestSha)}, ` +
      `committed ${formatUtcDay(age.oldestAt)}.`,
    WHY_DAILY,
    `**What to do**\n${waysOut(mainline, age.behind)}\n- If the branch is no longer needed, delete it.`,
    `<sub>Andon reminder ${nag.number} of at most ${nag.of} while ${code(branch)} stays at ` +
      `${shortSha(head.sha)}. Settings: \`integration\` in ${code(CONFIG_PATH)}.</sub>`,
  ].join("\n\n");
}
