import { describe, expect, it } from "@jest/globals";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import {
  judgeBuild,
  type BuildJudgement,
  type CheckRunInput,
  type CommitStatusInput,
} from "../../src/mainline/build-state.js";
import { actionsJob, jenkinsStatus } from "./fixtures.js";

const everything = DEFAULT_CONFIG.mainline;
const jobUrl = (id: number) => `https://github.com/acme/shop/actions/runs/9123456789/job/${id}`;
const jenkinsUrl = (build: number) =>
  `https://jenkins.acme.dev/job/shop/job/main/${build}/display/redirect`;

const matrixGreen = [
  actionsJob("lint", 101),
  actionsJob("test (18.x)", 102),
  actionsJob("test (20.x)", 103),
];

interface Case {
  runs: CheckRunInput[];
  statuses?: CommitStatusInput[];
  config?: Partial<typeof everything>;
  expected: BuildJudgement;
}

const cases: Array<[string, Case]> = [
  [
    "is green when every job of an Actions matrix passed",
    { runs: matrixGreen, expected: { state: "green", failing: [], pending: [], counted: 3 } },
  ],
  [
    "is red when one matrix job failed",
    {
      runs: [...matrixGreen.slice(0, 2), actionsJob("test (20.x)", 103, { conclusion: "failure" })],
      expected: {
        state: "red",
        failing: [{ name: "test (20.x)", url: jobUrl(103) }],
        pending: [],
        counted: 3,
      },
    },
  ],
  [
    "turns green when a re-run replaces the failed attempt",
    {
      runs: [
        actionsJob("test (20.x)", 103, { conclusion: "failure" }),
        actionsJob("test (20.x)", 187, { started_at: "2024-05-14T09:41:10Z" }),
      ],
      expected: { state: "green", failing: [], pending: [], counted: 1 },
    },
  ],
  [
    "keeps the newest attempt whatever order the API lists them in",
    {
      runs: [
        actionsJob("test (20.x)", 187, { started_at: "2024-05-14T09:41:10Z" }),
        actionsJob("test (20.x)", 103, { conclusion: "failure" }),
      ],
      expected: { state: "green", failing: [], pending: [], counted: 1 },
    },
  ],
  [
    "takes the higher id when two attempts started in the same second",
    {
      runs: [actionsJob("build", 301), actionsJob("build", 300, { conclusion: "failure" })],
      expected: { state: "green", failing: [], pending: [], counted: 1 },
    },
  ],
  [
    "orders attempts by when they started before their ids",
    {
      runs: [
        actionsJob("sonarcloud", 601, { started_at: "2024-05-14T09:30:00Z" }),
        actionsJob("sonarcloud", 600, {
          conclusion: "failure",
          started_at: "2024-05-14T09:55:00Z",
        }),
      ],
      expected: {
        state: "red",
        failing: [{ name: "sonarcloud", url: jobUrl(600) }],
        pending: [],
        counted: 1,
      },
    },
  ],
  [
    "takes an attempt that has not started yet as the newest",
    {
      runs: [
        actionsJob("test (20.x)", 190, { status: "queued", started_at: null }),
        actionsJob("test (20.x)", 191, { conclusion: "failure" }),
      ],
      expected: { state: "pending", failing: [], pending: ["test (20.x)"], counted: 1 },
    },
  ],
  [
    "is pending while the re-run of a failed job is still queued",
    {
      runs: [
        actionsJob("test (20.x)", 103, { conclusion: "failure" }),
        actionsJob("test (20.x)", 188, { status: "queued", started_at: null }),
      ],
      expected: { state: "pending", failing: [], pending: ["test (20.x)"], counted: 1 },
    },
  ],
  [
    "is red when a job timed out or never started",
    {
      runs: [
        actionsJob("e2e", 401, { conclusion: "timed_out" }),
        actionsJob("deploy", 402, { conclusion: "startup_failure" }),
        actionsJob("lint", 403, { status: "in_progress" }),
      ],
      expected: {
        state: "red",
        failing: [
          { name: "deploy", url: jobUrl(402) },
          { name: "e2e", url: jobUrl(401) },
        ],
        pending: ["lint"],
        counted: 3,
      },
    },
  ],
  [
    "does not count a cancelled job as red",
    {
      runs: [...matrixGreen, actionsJob("deploy", 104, { conclusion: "cancelled" })],
      expected: { state: "green", failing: [], pending: [], counted: 4 },
    },
  ],
  [
    "proves nothing when every counted job was cancelled",
    {
      runs: [actionsJob("build", 105, { conclusion: "cancelled" })],
      expected: { state: "none", failing: [], pending: [], counted: 1 },
    },
  ],
  [
    "waits on a check that needs a person to act",
    {
      runs: [...matrixGreen, actionsJob("security review", 106, { conclusion: "action_required" })],
      expected: { state: "pending", failing: [], pending: ["security review"], counted: 4 },
    },
  ],
  [
    "passes over a run GitHub marked stale",
    {
      runs: [...matrixGreen, actionsJob("nightly", 107, { conclusion: "stale" })],
      expected: { state: "green", failing: [], pending: [], counted: 4 },
    },
  ],
  [
    "is green when the newest Jenkins status passed after an earlier failure",
    {
      runs: [],
      statuses: [
        jenkinsStatus("success", "2024-05-14T10:02:00Z", 413),
        jenkinsStatus("failure", "2024-05-14T09:30:00Z", 412),
        jenkinsStatus("pending", "2024-05-14T09:10:00Z", 412),
      ],
      expected: { state: "green", failing: [], pending: [], counted: 1 },
    },
  ],
  [
    "is red when the newest Jenkins status is an error",
    {
      runs: [],
      statuses: [
        jenkinsStatus("pending", "2024-05-14T09:10:00Z", 412),
        jenkinsStatus("error", "2024-05-14T09:30:00Z", 412),
      ],
      expected: {
        state: "red",
        failing: [{ name: "continuous-integration/jenkins/branch", url: jenkinsUrl(412) }],
        pending: [],
        counted: 1,
      },
    },
  ],
  [
    "is pending while Jenkins is still building",
    {
      runs: [],
      statuses: [jenkinsStatus("pending", "2024-05-14T09:10:00Z")],
      expected: {
        state: "pending",
        failing: [],
        pending: ["continuous-integration/jenkins/branch"],
        counted: 1,
      },
    },
  ],
  [
    "is red when Jenkins fails though every Actions job passed",
    {
      runs: matrixGreen,
      statuses: [jenkinsStatus("failure", "2024-05-14T09:30:00Z")],
      expected: {
        state: "red",
        failing: [{ name: "continuous-integration/jenkins/branch", url: jenkinsUrl(412) }],
        pending: [],
        counted: 4,
      },
    },
  ],
  [
    "never counts Andon's own check runs",
    {
      runs: [
        ...matrixGreen,
        actionsJob("andon/mainline", 108, { conclusion: "failure" }),
        actionsJob("andon/tests", 109, { conclusion: "failure" }),
      ],
      expected: { state: "green", failing: [], pending: [], counted: 3 },
    },
  ],
  [
    "is none for a commit with only Andon's runs",
    {
      runs: [actionsJob("andon/integration", 110, { conclusion: "neutral" })],
      expected: { state: "none", failing: [], pending: [], counted: 0 },
    },
  ],
  [
    "is none for a commit without any CI",
    { runs: [], expected: { state: "none", failing: [], pending: [], counted: 0 } },
  ],
  [
    "counts only the required checks",
    {
      runs: [...matrixGreen.slice(1), actionsJob("lint", 101, { conclusion: "failure" })],
      config: { requiredChecks: ["test (*)"] },
      expected: { state: "green", failing: [], pending: [], counted: 2 },
    },
  ],
  [
    "waits for a required check that has not reported yet",
    {
      runs: matrixGreen,
      config: { requiredChecks: ["test (*)", "deploy-preview"] },
      expected: { state: "pending", failing: [], pending: ["deploy-preview"], counted: 2 },
    },
  ],
  [
    "lets a required glob cross the slashes of a status context",
    {
      runs: matrixGreen,
      statuses: [jenkinsStatus("failure", "2024-05-14T09:30:00Z")],
      config: { requiredChecks: ["continuous-integration/*"] },
      expected: {
        state: "red",
        failing: [{ name: "continuous-integration/jenkins/branch", url: jenkinsUrl(412) }],
        pending: [],
        counted: 1,
      },
    },
  ],
  [
    "drops ignored checks",
    {
      runs: matrixGreen,
      statuses: [
        {
          context: "codecov/patch",
          state: "failure",
          target_url: "https://app.codecov.io/gh/acme/shop/commit/3f9c2e1",
          updated_at: "2024-05-14T09:31:00Z",
        },
      ],
      config: { ignoreChecks: ["codecov/*"] },
      expected: { state: "green", failing: [], pending: [], counted: 3 },
    },
  ],
  [
    "drops an ignored check even when a required glob names it",
    {
      runs: [...matrixGreen.slice(0, 2), actionsJob("test (20.x)", 103, { conclusion: "failure" })],
      config: { requiredChecks: ["test (*)"], ignoreChecks: ["test (20.x)"] },
      expected: { state: "green", failing: [], pending: [], counted: 1 },
    },
  ],
  [
    "does not wait for a required Andon check, which never counts",
    {
      runs: matrixGreen,
      config: { requiredChecks: ["lint", "andon/tests"] },
      expected: { state: "green", failing: [], pending: [], counted: 1 },
    },
  ],
];

describe("judgeBuild", () => {
  it.each(cases)("%s", (_behaviour, { runs, statuses = [], config = {}, expected }) => {
    const {
      firstFailedAt: _f,
      lastCompletedAt: _l,
      failedRuns: _r,
      ...judged
    } = judgeBuild(runs, statuses, {
      ...everything,
      ...config,
    });
    expect(judged).toEqual(expected);
  });
});

describe("judgeBuild: when the build turned red and when it finished", () => {
  const job = (name: string, id: number, conclusion: string, completedAt: string) => ({
    ...actionsJob(name, id, { conclusion }),
    completed_at: completedAt,
  });

  it("dates a red build by its first failing counted check, by GitHub's clock", () => {
    const build = judgeBuild(
      [
        job("lint", 1, "failure", "2024-05-14T09:30:00Z"),
        job("test", 2, "failure", "2024-05-14T09:20:00Z"),
        job("docs", 3, "success", "2024-05-14T09:10:00Z"),
      ],
      [jenkinsStatus("error", "2024-05-14T09:25:00Z")],
      everything,
    );
    expect(build.firstFailedAt).toBe("2024-05-14T09:20:00Z");
    expect(build.lastCompletedAt).toBe("2024-05-14T09:30:00Z");
  });

  it("ends a green build with its last counted check, ignoring checks not counted", () => {
    const build = judgeBuild(
      [
        job("test", 1, "success", "2024-05-14T09:20:00Z"),
        job("nightly", 2, "success", "2024-05-14T11:00:00Z"),
      ],
      [jenkinsStatus("success", "2024-05-14T09:40:00Z")],
      { ...everything, ignoreChecks: ["nightly"] },
    );
    expect(build.firstFailedAt).toBeUndefined();
    expect(build.lastCompletedAt).toBe("2024-05-14T09:40:00Z");
  });
});

describe("judgeBuild: which failures are check runs a re-run can retry", () => {
  const circleci = {
    ...actionsJob("circleci: build", 9, { conclusion: "failure" }),
    app: "circleci-checks",
    check_suite_id: 8001,
  };
  it.each<[string, CheckRunInput[], CommitStatusInput[], object[] | undefined]>([
    [
      "lists a failed GitHub Actions job with its check suite",
      [actionsJob("test (20.x)", 103, { conclusion: "failure" }), actionsJob("lint", 104)],
      [],
      [{ id: 103, name: "test (20.x)", app: "github-actions", checkSuiteId: 7001 }],
    ],
    [
      "lists another app's failed run with its app, and never a status",
      [circleci],
      [jenkinsStatus("failure", "2024-05-14T09:25:00Z")],
      [{ id: 9, name: "circleci: build", app: "circleci-checks", checkSuiteId: 8001 }],
    ],
    [
      "lists nothing when only a status failed",
      [],
      [jenkinsStatus("error", "2024-05-14T09:25:00Z")],
      undefined,
    ],
    [
      "lists only the newest attempt, not the failure a re-run replaced",
      [
        actionsJob("test (20.x)", 103, { conclusion: "failure" }),
        actionsJob("test (20.x)", 187, {
          conclusion: "failure",
          started_at: "2024-05-14T09:41:10Z",
        }),
      ],
      [],
      [{ id: 187, name: "test (20.x)", app: "github-actions", checkSuiteId: 7001 }],
    ],
  ])("%s", (_behaviour, runs, statuses, failedRuns) => {
    expect(judgeBuild(runs, statuses, everything).failedRuns).toEqual(failedRuns);
  });
});
