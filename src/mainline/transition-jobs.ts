import type { RepoRef } from "../github/types.js";
import type { CommitAuthor } from "./episode-record.js";
import type { MainlineJudgement } from "./mainline-state.js";
import type { MainlineTransition } from "./transition.js";

const who = (author: CommitAuthor) => author.login ?? author.name;
const commitUrl = ({ owner, repo }: RepoRef, sha: string) =>
  `https://github.com/${owner}/${repo}/commit/${sha}`;

/**
 * The transition a flip makes, or `undefined` when it is none people care about (a first
 * green with no red before it, a repository without CI).
 */
export function transitionOf(
  repo: RepoRef,
  installationId: number,
  judgement: MainlineJudgement,
): MainlineTransition | undefined {
  const base = {
    installationId,
    repository: `${repo.owner}/${repo.repo}`,
    reason: null,
  };
  if (judgement.state === "red") {
    const { episode } = judgement;
    return {
      ...base,
      event: "red",
      sha: judgement.decidingSha,
      breakingSha: episode.breakingSha,
      fixingSha: null,
      author: who(episode.breakingAuthor),
      failingChecks: judgement.failing.map((c) => c.name),
      url: commitUrl(repo, episode.breakingSha),
      at: episode.since,
    };
  }
  if (judgement.state !== "green" || !judgement.fixed) return undefined;
  const { episode, fixedBy } = judgement.fixed;
  return {
    ...base,
    event: "green",
    sha: judgement.decidingSha,
    breakingSha: episode.breakingSha,
    fixingSha: fixedBy.sha,
    author: who(fixedBy.author),
    failingChecks: [],
    url: commitUrl(repo, fixedBy.sha),
    at: fixedBy.at,
    flaky: fixedBy.flaky,
    ...(fixedBy.flaky ? { flippedChecks: fixedBy.flippedChecks } : {}),
  };
}
