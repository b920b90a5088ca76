import type { CheckVerdict } from "../checks/verdict.js";

export interface OpenMainlinePr {
  number: number;
  headSha: string;
  approved: boolean;
  autoMerge: boolean;
  /** The `andon/mainline` run already on the head commit, if any. */
  current?: { conclusion: string | null; title: string };
}

export interface GateUpdate {
  number: number;
  headSha: string;
  verdict: CheckVerdict;
}

/**
 * The title's clock ticks ("red for 3h 12m"): ignoring durations keeps Andon from
 * re-posting every open PR each time main gets another commit while it stays red.
 */
const DURATION = /\b\d+[dhm](?: \d+[hm])?\b|<1m/g;

function sameVerdict(current: OpenMainlinePr["current"], verdict: CheckVerdict): boolean {
  return (
    current?.conclusion === verdict.conclusion &&
    current.title.replace(DURATION, "…") === verdict.title.replace(DURATION, "…")
  );
}

/** Auto-merge PRs merge themselves the moment the gate passes; approved ones are next. */
function urgency(pr: OpenMainlinePr): number {
  if (pr.autoMerge) return 0;
  return pr.approved ? 1 : 2;
}

/**
 * Which open PRs need a new `andon/mainline` run when main flips (or on reconciliation),
 * most urgent first. Only changed verdicts are written, to spare the rate limit on
 * repositories with hundreds of open PRs. A check run belongs to a commit, not a PR, so
 * PRs sharing a head commit get one update: the verdict of the most urgent of them.
 */
export function planGateUpdates(
  prs: readonly OpenMainlinePr[],
  verdictFor: (pr: OpenMainlinePr) => CheckVerdict,
): GateUpdate[] {
  const seen = new Set<string>();
  const updates: GateUpdate[] = [];
  for (const pr of [...prs].sort((a, b) => urgency(a) - urgency(b))) {
    if (seen.has(pr.headSha)) continue;
    seen.add(pr.headSha);
    const verdict = verdictFor(pr);
    if (!sameVerdict(pr.current, verdict)) {
      updates.push({ number: pr.number, headSha: pr.headSha, verdict });
    }
  }
  return updates;
}
