import { code, plural } from "../checks/format.js";

/**
 * Why the check and the stale-branch comment exist, in two lines. Both say it the same
 * way, so it lives here once.
 */
export const WHY_DAILY =
  "Integrating with the mainline at least once a day keeps every merge small and every conflict cheap.\n" +
  "The longer a branch lives, the further it drifts from what everyone else is building — and the bigger and riskier its merge.";

/** Concrete ways to get a long-lived branch onto the mainline, as a markdown list. */
export function waysOut(mainline: string, behind: number): string {
  const main = code(mainline);
  const lines = [
    `- **Merge what is ready.** Land the finished part on ${main} now and carry on in a new branch.`,
    `- **Split it** into smaller pull requests that can each reach ${main} today.`,
    "- **Hide unfinished work behind a feature flag**, so it can merge switched off and be switched on when done.",
  ];
  if (behind > 0) {
    lines.push(
      `- Merging ${main} into the branch takes in the ${plural(behind, "commit")} it is behind, but does not reset its age: only reaching ${main} does.`,
    );
  }
  return lines.join("\n");
}
