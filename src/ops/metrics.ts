import { emitterEventNames } from "@octokit/webhooks";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { MainlineTransition } from "../mainline/transition.js";
import type { WorkQueue } from "../work/job.js";

/** What became of a webhook delivery, from the status Andon answered it with. */
export type WebhookOutcome = "accepted" | "rejected" | "failed" | "refused";

export type JobOutcome = "succeeded" | "failed";

/**
 * Andon's Prometheus metrics (`GET /metrics`). Every label takes a bounded set of values:
 * nothing a sender controls (an event header, a URL) becomes a label unless it is one of
 * the values GitHub documents, and no sha, PR number or repository name ever does, so a
 * flood of odd requests cannot grow the series without limit.
 */
export interface AndonMetrics {
  readonly registry: Registry;
  webhookReceived(event: string | undefined, status: number): void;
  /** One attempt of a job ended, after `ms` on the app's clock. */
  jobFinished(kind: string, outcome: JobOutcome, ms?: number): void;
  jobRetried(kind: string): void;
  /** Reports the queue's depth (queued and delayed jobs, every replica's on Redis). */
  watchQueue(queue: Pick<WorkQueue, "depth">): void;
  /** `route` is a documented template, e.g. `GET /repos/{owner}/{repo}/commits/{ref}/check-runs`. */
  githubRequest(route: string, status: number | string): void;
  rateLimitRemaining(resource: string | undefined, remaining: number): void;
  /** Keeps "mainlines red now" and "closed now" from each transition. */
  observeTransition(transition: Pick<MainlineTransition, "event" | "repository">): void;
}

/** Event names GitHub sends (`X-GitHub-Event`), from @octokit/webhooks' list. */
const KNOWN_EVENTS = new Set<string>(emitterEventNames.filter((name) => !name.includes(".")));

/** GitHub's rate-limit resources (`x-ratelimit-resource`). */
const KNOWN_RESOURCES = new Set([
  "core",
  "graphql",
  "search",
  "code_search",
  "integration_manifest",
  "source_import",
  "code_scanning_upload",
  "actions_runner_registration",
  "scim",
  "dependency_snapshots",
  "audit_log",
]);

/** Routes beyond this many distinct ones are counted as `other`: a hard cap on series. */
const MAX_ROUTES = 200;

export interface MetricsOptions {
  /**
   * Node's process metrics (CPU, memory, event-loop lag) too. The server turns them on;
   * they start a GC observer and an event-loop monitor, which a test's app does not need.
   */
  processMetrics?: boolean;
}

export function createMetrics(options: MetricsOptions = {}): AndonMetrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const webhooks = new Counter({
    name: "andon_webhooks_received_total",
    help: "Webhook deliveries received, by event and by what Andon answered",
    labelNames: ["event", "outcome"] as const,
    registers: [registry],
  });
  const jobs = new Counter({
    name: "andon_jobs_total",
    help: "Job attempts run, by kind and outcome (a failed attempt may be retried)",
    labelNames: ["kind", "outcome"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "andon_job_duration_seconds",
    help: "How long one attempt of a job ran, by kind",
    labelNames: ["kind"] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  let watched: Pick<WorkQueue, "depth"> | undefined;
  new Gauge({
    name: "andon_queue_depth",
    help: "Jobs queued or delayed (retries, reminders); with Redis, the whole deployment's",
    registers: [registry],
    async collect() {
      if (watched) this.set(await watched.depth().catch(() => Number.NaN));
    },
  });
  const retries = new Counter({
    name: "andon_job_retries_total",
    help: "Job attempts that failed and were scheduled to run again",
    labelNames: ["kind"] as const,
    registers: [registry],
  });
  const requests = new Counter({
    name: "andon_github_requests_total",
    help: "Requests to the GitHub API, by route template and response status",
    labelNames: ["route", "status"] as const,
    registers: [registry],
  });
  const rateLimit = new Gauge({
    name: "andon_github_rate_limit_remaining",
    help: "Requests left in the current rate-limit window, as GitHub last reported it",
    labelNames: ["resource"] as const,
    registers: [registry],
  });
  const red = new Set<string>();
  const closed = new Set<string>();
  new Gauge({
    name: "andon_mainlines_red",
    help: "Mainlines red now, as this process last saw them change",
    registers: [registry],
    collect() {
      this.set(red.size);
    },
  });
  new Gauge({
    name: "andon_mainlines_closed",
    help: "Mainlines closed by hand (/andon close) now, as this process last saw them change",
    registers: [registry],
    collect() {
      this.set(closed.size);
    },
  });
  const routes = new Set<string>();

  return {
    registry,
    webhookReceived(event, status) {
      const name = event && KNOWN_EVENTS.has(event) ? event : "other";
      webhooks.inc({ event: name, outcome: webhookOutcome(status) });
    },
    jobFinished(kind, outcome, ms) {
      jobs.inc({ kind, outcome });
      if (ms !== undefined) latency.observe({ kind }, ms / 1000);
    },
    watchQueue(queue) {
      watched = queue;
    },
    jobRetried: (kind) => retries.inc({ kind }),
    githubRequest(template, status) {
      // The templates are a closed set already; the cap guards against a new caller.
      let route = template;
      if (!routes.has(route)) {
        if (routes.size >= MAX_ROUTES) route = "other";
        else routes.add(route);
      }
      requests.inc({ route, status: String(status) });
    },
    rateLimitRemaining(resource, remaining) {
      if (!Number.isFinite(remaining)) return;
      const name = resource && KNOWN_RESOURCES.has(resource) ? resource : "other";
      rateLimit.set({ resource: name }, remaining);
    },
    observeTransition({ event, repository }) {
      if (event === "red") red.add(repository);
      if (event === "green") red.delete(repository);
      if (event === "closed") closed.add(repository);
      if (event === "opened") closed.delete(repository);
    },
  };
}

/** 2xx accepted; 503 refused while shutting down (GitHub shows it to redeliver); 4xx rejected. */
export function webhookOutcome(status: number): WebhookOutcome {
  if (status >= 200 && status < 300) return "accepted";
  if (status === 503) return "refused";
  if (status >= 400 && status < 500) return "rejected";
  return "failed";
}
