import { CONFIG_PATH, MARKERS } from "../constants.js";
import {
  code,
  formatDuration,
  formatHours,
  formatUtcDay,
  mention,
  plural,
  shortSha,
} from "../checks/format.js";
import { WHY_DAILY, waysOut } from "./advice.js";
import type { StaleBranch } from "./stale-branch.js";
import { staleDay } from "./stale-markers.js";

/**
 * The stale-branch comment for a branch's head commit, the nag after `priorNags` others
 * on it: the marker first (so it is found again), then who, what, how old, and what to do.
 *
 * Why the head commit's author: it is the person most likely working on the branch now.
 * A login is mentioned so they are notified; a bare name is never made a mention.
 */
export function staleComment(stale: StaleBranch, priorNags: number, now: Date): string {
  const { branch, mainline, age, head, config } = stale;
  const who = mention({ login: head.authorLogin, name: head.authorName });
  const old = `${age.complete ? "" : "at least "}${formatDuration(age.ageMs)}`;
  return [
    MARKERS.stale(branch, staleDay(now)),
    `${who}, the branch ${code(branch)} has not reached ${code(mainline)} for **${old}** ` +
      `(the limit is ${formatHours(config.maxAgeHours)}). ` +
      `It is ${plural(age.ahead, "commit")} ahead and ${age.behind} behind ${code(mainline)}; ` +
      `its oldest commit not on ${code(mainline)} is ${shortSha(age.oldestSha)}, ` +
      `committed ${formatUtcDay(age.oldestAt)}.`,
    WHY_DAILY,
    `**What to do**\n${waysOut(mainline, age.behind)}\n- If the branch is no longer needed, delete it.`,
    `<sub>Andon reminder ${priorNags + 1} of at most ${config.maxNags} while ${code(branch)} stays at ` +
      `${shortSha(head.sha)}. Settings: \`integration\` in ${code(CONFIG_PATH)}.</sub>`,
  ].join("\n\n");
}
