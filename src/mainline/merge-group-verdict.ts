import type { CheckVerdict } from "../checks/verdict.js";
import type { GatePullRequest } from "./gate.js";

export interface GroupMember {
  pr: GatePullRequest;
  /** The gate this PR would get on its own. */
  verdict: CheckVerdict;
}

/**
 * A merge group's `andon/mainline` while main is red: GitHub merges every PR in the group
 * when it passes, so it passes only if each PR would pass on its own. The first PR that
 * would not decides the verdict and is named, so the queue's page says which one waits.
 * Without a list of members (a group branch of an unknown shape) it fails: Andon cannot
 * tell what it would let in.
 */
export function judgeMergeGroupVerdicts(
  members: readonly GroupMember[] | undefined,
  blocked: CheckVerdict,
  branch: string,
): CheckVerdict {
  if (!members || members.length === 0) {
    return {
      ...blocked,
      summary: `${blocked.summary}\n\nAndon cannot tell which pull requests this merge group holds, so it cannot let it through while \`${branch}\` is red.`,
    };
  }
  const list = members.map((m) => `#${m.pr.number}`).join(", ");
  const stopped = members.find((m) => m.verdict.conclusion !== "success");
  if (stopped) {
    return {
      conclusion: "failure",
      title: `#${stopped.pr.number} is not a fix: ${stopped.verdict.title}`,
      summary: `This merge group holds ${list}. GitHub merges all of them when the group passes, so while \`${branch}\` is red it passes only if every one of them is the fix. **#${stopped.pr.number} is not**:\n\n${stopped.verdict.summary}`,
    };
  }
  return {
    conclusion: "success",
    title: `${branch} is red; this merge group holds only fixes (${list})`,
    summary: `This merge group holds ${list}, and each is a fix:\n\n${members.map((m) => `- #${m.pr.number}: ${m.verdict.title}`).join("\n")}`,
  };
}
