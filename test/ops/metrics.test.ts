import { afterEach, describe, expect, it } from "@jest/globals";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { createMetrics, webhookOutcome } from "../../src/ops/metrics.js";
import { startAndon, stopAndon } from "../kit/harness.js";
import { ciCompletedEvent, issueCommentEvent, pushEvent } from "../kit/payloads.js";

afterEach(stopAndon);

/** Parses the exposition with a Prometheus text-format parser: value by name and labels. */
async function scrape(text: string) {
  const families = parsePrometheusTextFormat(text);
  return {
    families,
    value(name: string, labels: Record<string, string> = {}): number | undefined {
      const family = families.find((f) => f.name === name);
      const sample = family?.metrics.find((m) =>
        Object.entries(labels).every(([k, v]) => m.labels?.[k] === v),
      );
      return sample?.value === undefined ? undefined : Number(sample.value);
    },
    sum(name: string, keep: (labels: Record<string, string>) => boolean = () => true): number {
      const family = families.find((f) => f.name === name);
      return (family?.metrics ?? [])
        .filter((m) => keep(m.labels ?? {}))
        .reduce((total, m) => total + Number(m.value), 0);
    },
  };
}

describe("webhook outcomes", () => {
  it.each([
    [200, "accepted"],
    [202, "accepted"],
    [400, "rejected"],
    [401, "rejected"],
    [503, "refused"],
    [500, "failed"],
  ] as const)("%p is %p", (status, outcome) => {
    expect(webhookOutcome(status)).toBe(outcome);
  });
});

describe("bounded labels", () => {
  it("counts an event GitHub does not send as other, so a forged header adds no series", async () => {
    const metrics = createMetrics();
    metrics.webhookReceived("pull_request", 200);
    metrics.webhookReceived("x".repeat(80), 401);
    metrics.webhookReceived(undefined, 400);
    const m = await scrape(await metrics.registry.metrics());
    expect(
      m.value("andon_webhooks_received_total", { event: "pull_request", outcome: "accepted" }),
    ).toBe(1);
    expect(m.value("andon_webhooks_received_total", { event: "other", outcome: "rejected" })).toBe(
      2,
    );
    expect(
      m.families.find((f) => f.name === "andon_webhooks_received_total")!.metrics,
    ).toHaveLength(2);
  });

  it("stops adding routes after 200 distinct ones", async () => {
    const metrics = createMetrics();
    for (let i = 0; i < 250; i++) metrics.githubRequest(`GET /route-${i}`, 200);
    const m = await scrape(await metrics.registry.metrics());
    const family = m.families.find((f) => f.name === "andon_github_requests_total")!;
    expect(family.metrics).toHaveLength(201);
    expect(m.value("andon_github_requests_total", { route: "other" })).toBe(50);
  });

  it("keeps the mainlines red and closed now from transitions", async () => {
    const metrics = createMetrics();
    metrics.observeTransition({ event: "red", repository: "acme/shop" });
    metrics.observeTransition({ event: "red", repository: "acme/cart" });
    metrics.observeTransition({ event: "red", repository: "acme/shop" });
    metrics.observeTransition({ event: "green", repository: "acme/cart" });
    metrics.observeTransition({ event: "closed", repository: "acme/api" });
    const m = await scrape(await metrics.registry.metrics());
    expect(m.value("andon_mainlines_red")).toBe(1);
    expect(m.value("andon_mainlines_closed")).toBe(1);
  });

  it("keeps the last rate-limit remaining per resource, unknown resources as other", async () => {
    const metrics = createMetrics();
    metrics.rateLimitRemaining("core", 4999);
    metrics.rateLimitRemaining("core", 4990);
    metrics.rateLimitRemaining("made-up", 7);
    const m = await scrape(await metrics.registry.metrics());
    expect(m.value("andon_github_rate_limit_remaining", { resource: "core" })).toBe(4990);
    expect(m.value("andon_github_rate_limit_remaining", { resource: "other" })).toBe(7);
  });
});

describe("GET /metrics after a red mainline", () => {
  it("shows the jobs and GitHub requests the scenario made, with no sha, number or repo in a label", async () => {
    const metrics = createMetrics();
    const h = await startAndon({ env: { ANDON_SWEEP_INTERVAL: "0" }, metrics });
    const { fake } = h;
    const repo = fake.repo("acme/shop");
    fake.ciRun(repo, fake.head(repo), "test", "success");
    for (const name of ["feature", "search"]) {
      fake.push(repo, name, { files: { [`src/${name}.ts`]: "export {};" } });
      fake.pull(repo, { headRef: name });
    }
    const before = fake.head(repo);
    const broken = fake.push(repo, "main", { files: { "src/cart.ts": "oops" } });
    await h.send(pushEvent(repo, "main", before, broken.sha));
    await h.send(ciCompletedEvent(repo, fake.ciRun(repo, broken.sha, "test", "failure")));

    const answer = await h.http("GET", "/metrics");

    expect(answer.status).toBe(200);
    const m = await scrape(answer.body as string);
    expect(m.value("andon_jobs_total", { kind: "evaluate-mainline", outcome: "succeeded" })).toBe(
      2,
    );
    expect(m.sum("andon_jobs_total", (l) => l.outcome === "failed")).toBe(0);
    const notTokens = (route: string) => !route.includes("access_tokens");
    expect(m.sum("andon_github_requests_total", (l) => notTokens(l.route!))).toBe(
      fake.count((r) => notTokens(r.route)),
    );
    const checkRuns = "GET /repos/{owner}/{repo}/commits/{ref}/check-runs";
    expect(m.value("andon_github_requests_total", { route: checkRuns, status: "200" })).toBe(
      fake.count((r) => r.route === checkRuns),
    );
    const labels = m.families.flatMap((f) =>
      f.metrics.flatMap((s) => Object.values(s.labels ?? {})),
    );
    expect(labels.filter((v) => /acme|shop|[0-9a-f]{40}|#\d/.test(v))).toEqual([]);
    expect(fake.andonRun(repo, broken.sha, "andon/mainline")?.conclusion).toBe("failure");
  });

  it("answers /healthz, and /readyz with each probe (503 while one fails)", async () => {
    let up = true;
    const h = await startAndon({ env: { ANDON_SWEEP_INTERVAL: "0" } });
    const { createReadiness } = await import("../../src/ops/readiness.js");
    const readiness = createReadiness();
    readiness.add("database", async () => {
      if (!up) throw new Error("connection refused");
    });
    const h2 = await startAndon({ env: { ANDON_SWEEP_INTERVAL: "0" }, readiness });

    expect(await h.http("GET", "/healthz")).toEqual({ status: 200, body: { status: "ok" } });
    expect(await h2.http("GET", "/readyz")).toEqual({
      status: 200,
      body: { ready: true, probes: [{ name: "database", ok: true }] },
    });
    up = false;
    expect(await h2.http("GET", "/readyz")).toEqual({
      status: 503,
      body: {
        ready: false,
        probes: [{ name: "database", ok: false, error: "connection refused" }],
      },
    });
    expect((await h.http("POST", "/metrics")).status).toBe(405);
  });

  it("shows a mainline closed by /andon close in andon_mainlines_closed until /andon open", async () => {
    const metrics = createMetrics();
    const h = await startAndon({ env: { ANDON_SWEEP_INTERVAL: "0" }, metrics });
    const { fake } = h;
    const repo = fake.repo("acme/shop");
    await h.send(ciCompletedEvent(repo, fake.ciRun(repo, fake.head(repo), "test", "success")));
    fake.collaborator(repo, "mona", "maintain");
    const say = (body: string) =>
      h.send(issueCommentEvent(repo, fake.issueComment(repo, { issue: 7, user: "mona", body })));
    const closed = async () =>
      (await scrape((await h.http("GET", "/metrics")).body as string)).value(
        "andon_mainlines_closed",
      );

    await say("/andon close release freeze");
    expect(await closed()).toBe(1);
    await say("/andon open");
    expect(await closed()).toBe(0);
  });
});
