import { afterEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import type { Annotation, CheckVerdict } from "../../src/checks/verdict.js";
import { RECHECK_ACTION } from "../../src/constants.js";
import { listAndonCheckRuns, writeCheckRun } from "../../src/github/checks.js";
import { fakeWithOctokit, writesTo } from "../kit/fake-octokit.js";

afterEach(() => nock.cleanAll());

const REPO = { owner: "acme", repo: "shop" };
const NAME = "andon/mainline";
const CREATE = "POST /repos/{owner}/{repo}/check-runs";
const UPDATE = "PATCH /repos/{owner}/{repo}/check-runs/{id}";

const red: CheckVerdict = {
  conclusion: "failure",
  title: "main has been red for 2h since 1a2b3c4",
  summary: "**CI / test** failed on main.",
  text: "Revert it, or label the fix `fix-build`.",
};
const green: CheckVerdict = { conclusion: "success", title: "main is green", summary: "Ship it." };

async function scenario() {
  const { fake, octokit } = await fakeWithOctokit();
  const repo = fake.repo("acme/shop");
  const sha = fake.head(repo);
  const runs = () => fake.andonRuns(repo, sha, NAME);
  return { fake, octokit, repo, sha, runs };
}

function annotations(count: number): Annotation[] {
  return Array.from({ length: count }, (_, i) => ({
    path: "src/app.ts",
    start_line: i + 1,
    end_line: i + 1,
    annotation_level: "warning" as const,
    message: `finding ${i + 1}`,
  }));
}

describe("writeCheckRun", () => {
  it.each(["success", "failure", "neutral"] as const)(
    "creates a completed %s run with title, summary, text and the Re-check action",
    async (conclusion) => {
      const { octokit, sha, runs } = await scenario();
      const result = await writeCheckRun(octokit, REPO, NAME, sha, { ...red, conclusion });
      expect(runs()).toHaveLength(1);
      const [run] = runs();
      expect(result).toEqual({ written: true, id: run!.id });
      expect(run).toMatchObject({
        status: "completed",
        conclusion,
        output: { title: red.title, summary: red.summary, text: red.text },
        actions: [RECHECK_ACTION],
      });
    },
  );

  it("writes nothing when the latest run already says the same (skipIfUnchanged)", async () => {
    const { fake, octokit, sha, runs } = await scenario();
    const first = await writeCheckRun(octokit, REPO, NAME, sha, red);
    fake.resetRequests();
    const again = await writeCheckRun(octokit, REPO, NAME, sha, red, { skipIfUnchanged: true });
    expect(again).toEqual({ written: false, id: first.id });
    expect(writesTo(fake)).toEqual([]);
    expect(fake.reads()).toBe(1);
    expect(runs()).toHaveLength(1);
  });

  it("updates the existing run when the verdict changed: one artefact per commit", async () => {
    const { fake, octokit, sha, runs } = await scenario();
    const first = await writeCheckRun(octokit, REPO, NAME, sha, red);
    fake.resetRequests();
    const next = await writeCheckRun(octokit, REPO, NAME, sha, green, { skipIfUnchanged: true });
    expect(next).toEqual({ written: true, id: first.id });
    expect(writesTo(fake)).toEqual([UPDATE]);
    expect(runs()).toHaveLength(1);
    expect(runs()[0]).toMatchObject({
      conclusion: "success",
      output: { title: "main is green", summary: "Ship it.", text: null },
    });
  });

  it("writes straight away, without reading, when asked to (no skipIfUnchanged)", async () => {
    const { fake, octokit, sha } = await scenario();
    await writeCheckRun(octokit, REPO, NAME, sha, green);
    fake.resetRequests();
    await writeCheckRun(octokit, REPO, NAME, sha, red);
    expect(fake.reads()).toBe(0);
    expect(writesTo(fake)).toEqual([CREATE]);
  });

  it("trusts `current` instead of reading: same verdict → no request at all", async () => {
    const { fake, octokit, sha } = await scenario();
    await writeCheckRun(octokit, REPO, NAME, sha, red);
    const current = (await listAndonCheckRuns(octokit, REPO, sha)).get(NAME)!;
    fake.resetRequests();
    const result = await writeCheckRun(octokit, REPO, NAME, sha, red, { current });
    expect(result).toEqual({ written: false, id: current.id });
    expect(fake.requests).toEqual([]);
  });

  it("trusts `current` instead of reading: a change is one PATCH, nothing there is one POST", async () => {
    const { fake, octokit, sha, runs } = await scenario();
    await writeCheckRun(octokit, REPO, NAME, sha, red);
    const current = (await listAndonCheckRuns(octokit, REPO, sha)).get(NAME)!;
    fake.resetRequests();
    await writeCheckRun(octokit, REPO, NAME, sha, green, { current, skipIfUnchanged: true });
    await writeCheckRun(octokit, REPO, NAME, sha, green, { current: null });
    expect(fake.requests.map((r) => r.route)).toEqual([UPDATE, CREATE]);
    expect(runs()).toHaveLength(2);
  });

  it("sends 120 annotations as 50/50/20 and keeps them all on one run", async () => {
    const { octokit, sha, runs } = await scenario();
    const sent: number[] = [];
    octokit.hook.before("request", (options) => {
      const output = (options as { output?: { annotations?: unknown[] } }).output;
      if (String(options.url).includes("check-runs")) sent.push(output?.annotations?.length ?? 0);
    });
    await writeCheckRun(octokit, REPO, NAME, sha, { ...red, annotations: annotations(120) });
    expect(sent).toEqual([50, 50, 20]);
    expect(runs()).toHaveLength(1);
    expect(runs()[0]!.annotations.map((a) => a.message)).toEqual(
      annotations(120).map((a) => a.message),
    );
    expect(runs()[0]!.output).toMatchObject({ title: red.title, summary: red.summary });
  });

  it("replaces a run that carries annotations with a fresh one, since updates only add", async () => {
    const { fake, octokit, sha, runs } = await scenario();
    await writeCheckRun(octokit, REPO, NAME, sha, { ...red, annotations: annotations(3) });
    fake.resetRequests();
    await writeCheckRun(octokit, REPO, NAME, sha, green, { skipIfUnchanged: true });
    expect(writesTo(fake)).toEqual([CREATE]);
    expect(runs()[0]).toMatchObject({ conclusion: "success", annotations: [] });

    fake.resetRequests();
    await writeCheckRun(octokit, REPO, NAME, sha, green, { skipIfUnchanged: true });
    expect(writesTo(fake)).toEqual([]);
  });

  it("writes an annotated verdict once, then recognises it as unchanged", async () => {
    const { fake, octokit, sha } = await scenario();
    const verdict = { ...red, annotations: annotations(60) };
    await writeCheckRun(octokit, REPO, NAME, sha, verdict, { skipIfUnchanged: true });
    fake.resetRequests();
    await writeCheckRun(octokit, REPO, NAME, sha, verdict, { skipIfUnchanged: true });
    expect(writesTo(fake)).toEqual([]);
  });
});

describe("listAndonCheckRuns", () => {
  it("returns Andon's latest run of each name, and no one else's, in one request", async () => {
    const { fake, octokit, repo, sha } = await scenario();
    fake.ciRun(repo, sha, "CI / test", "failure");
    await writeCheckRun(octokit, REPO, "andon/tests", sha, red);
    await writeCheckRun(octokit, REPO, NAME, sha, red);
    const latest = await writeCheckRun(octokit, REPO, NAME, sha, green);
    fake.resetRequests();

    const runs = await listAndonCheckRuns(octokit, REPO, sha);
    expect(fake.requests).toHaveLength(1);
    expect([...runs.keys()].sort()).toEqual(["andon/mainline", "andon/tests"]);
    expect(runs.get(NAME)).toEqual({
      id: latest.id,
      name: NAME,
      headSha: sha,
      status: "completed",
      conclusion: "success",
      title: "main is green",
      summary: "Ship it.",
      text: null,
      annotationsCount: 0,
    });
  });
});
