import type { CheckRunInput, CommitStatusInput } from "../../src/mainline/build-state.js";
import type { BuildJudgement, BuildState, FailingCheck } from "../../src/mainline/build-state.js";
import type { CommitAuthor, EpisodeRecord } from "../../src/mainline/episode-record.js";
import type { MainlineCommit } from "../../src/mainline/mainline-state.js";

/** A GitHub Actions job as `GET /repos/acme/shop/commits/{ref}/check-runs` lists it. */
export function actionsJob(
  name: string,
  id: number,
  outcome: Partial<Pick<CheckRunInput, "status" | "conclusion" | "started_at">> = {},
): CheckRunInput {
  const status = outcome.status ?? "completed";
  const startedAt = outcome.started_at === undefined ? "2024-05-14T09:12:03Z" : outcome.started_at;
  return {
    id,
    name,
    status,
    conclusion: status === "completed" ? (outcome.conclusion ?? "success") : null,
    html_url: `https://github.com/acme/shop/actions/runs/9123456789/job/${id}`,
    started_at: startedAt,
    completed_at: status === "completed" ? "2024-05-14T09:19:47Z" : null,
    app: "github-actions",
    check_suite_id: 7001,
  };
}

/** A Jenkins multibranch status, as `GET /repos/acme/shop/commits/{ref}/statuses` lists it. */
export function jenkinsStatus(state: string, updatedAt: string, build = 412): CommitStatusInput {
  return {
    context: "continuous-integration/jenkins/branch",
    state,
    target_url: `https://jenkins.acme.dev/job/shop/job/main/${build}/display/redirect`,
    updated_at: updatedAt,
  };
}

/** A 40-hex sha whose short form is the given 7-hex prefix, so failures read well. */
export function sha(prefix: string): string {
  return prefix.padEnd(40, "0");
}

/** Hours after 2024-05-14 06:00 UTC, as an ISO commit date. */
export function at(hours: number): string {
  return new Date(Date.parse("2024-05-14T06:00:00Z") + hours * 3_600_000).toISOString();
}

export const MONA: CommitAuthor = { login: "monalisa", name: "Mona Lisa Octocat" };

export const FAILING_TESTS: FailingCheck[] = [
  {
    name: "test (20.x)",
    url: "https://github.com/acme/shop/actions/runs/9123456789/job/25010203040",
  },
];

/** A mainline commit whose build was judged `state`, committed `hours` after 06:00. */
export function mainlineCommit(
  prefix: string,
  state: BuildState,
  hours: number,
  record?: EpisodeRecord,
): MainlineCommit {
  const build: BuildJudgement = {
    state,
    failing: state === "red" ? FAILING_TESTS : [],
    pending: state === "pending" ? ["test (20.x)"] : [],
    counted: state === "none" ? 0 : 3,
  };
  return { sha: sha(prefix), committedAt: at(hours), author: MONA, build, record };
}
