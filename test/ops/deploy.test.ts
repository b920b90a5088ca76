import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "@jest/globals";
import { parseAllDocuments, parse } from "yaml";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { testsSchema } from "../../src/config/schema.js";
import { OPS_PATHS } from "../../src/ops/routes.js";
import { DEFAULT_GRACE_SECONDS } from "../../src/ops/shutdown.js";
import { filesToRead } from "../../src/suite/ci-files.js";
import { judgeTestSuite } from "../../src/suite/judge-suite.js";

/**
 * The deployment files cannot be run here (no container engine, no cluster), so their
 * shape is checked against Kubernetes' own schemas and against what the code serves:
 * the probe paths, the port, the sweep endpoint and the shutdown grace period.
 */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const read = (path: string) => readFileSync(`${ROOT}/${path}`, "utf8");

type Manifest = { kind: string } & Record<string, unknown>;
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  Deployment,
  Service,
  Secret,
};

function manifests(): Manifest[] {
  const files = ["deployment.yaml", "service.yaml", "secret.yaml"];
  return files.flatMap((file) =>
    parseAllDocuments(read(`deploy/kubernetes/${file}`)).map((doc) => doc.toJS() as Manifest),
  );
}

const byKind = (kind: string) =>
  manifests().find((m) => m.kind === kind) as never as Record<
    string,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    any
  >;

describe("Kubernetes manifests", () => {
  it("are valid Kubernetes objects", () => {
    for (const manifest of manifests()) {
      const Model = MODELS[manifest.kind];
      expect(Model).toBeDefined();
      expect(() => new Model!(manifest as never).validate()).not.toThrow();
    }
  });

  it("lists every manifest in kustomization.yaml", () => {
    const kustomization = parse(read("deploy/kubernetes/kustomization.yaml"));
    expect(kustomization.resources.sort()).toEqual(
      ["deployment.yaml", "secret.yaml", "service.yaml"].sort(),
    );
  });

  it("probe the paths Andon serves, on the port it listens on", () => {
    const pod = byKind("Deployment").spec.template.spec;
    const container = pod.containers[0];
    const env = Object.fromEntries(
      container.env.map((e: { name: string; value: string }) => [e.name, e.value]),
    );
    expect(container.livenessProbe.httpGet.path).toBe(OPS_PATHS.health);
    expect(container.readinessProbe.httpGet.path).toBe(OPS_PATHS.ready);
    expect(container.ports[0].containerPort).toBe(Number(env.PORT));
    expect(env.HOST).toBe("0.0.0.0");
    // The daily sweep is the Redis queue's one job scheduler: no replica turns it off.
    expect(env.ANDON_SWEEP_INTERVAL).toBeUndefined();
  });

  it("run several replicas only with REDIS_URL, the queue they share", () => {
    expect(byKind("Deployment").spec.replicas).toBeGreaterThan(1);
    expect(byKind("Secret").stringData.REDIS_URL).toMatch(/^redis:\/\//);
  });

  it("give running work its grace period before the kubelet kills the pod", () => {
    const pod = byKind("Deployment").spec.template.spec;
    const container = pod.containers[0];
    const grace = Number(
      container.env.find((e: { name: string }) => e.name === "ANDON_SHUTDOWN_GRACE_SECONDS").value,
    );
    const preStop = Number(container.lifecycle.preStop.exec.command[1]);
    expect(grace).toBe(DEFAULT_GRACE_SECONDS);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(preStop + grace);
  });

  it("keep every credential and the shared services in the Secret", () => {
    expect(Object.keys(byKind("Secret").stringData).sort()).toEqual(
      [
        "ANDON_SWEEP_TOKEN",
        "APP_ID",
        "DATABASE_URL",
        "PRIVATE_KEY",
        "REDIS_URL",
        "WEBHOOK_SECRET",
      ].sort(),
    );
  });
});

describe("Dockerfile", () => {
  const lines = read("Dockerfile")
    .replace(/\\\n/g, " ")
    .split("\n")
    .filter((line) => line.trim() && !line.startsWith("#"));
  const runtime = lines.slice(lines.findLastIndex((l) => l.startsWith("FROM ")));

  it("builds in one stage and runs the compiled JavaScript with production dependencies only", () => {
    expect(lines.filter((l) => l.startsWith("FROM "))).toHaveLength(2);
    expect(runtime.some((l) => /^RUN npm ci --omit=dev/.test(l))).toBe(true);
    expect(runtime.some((l) => l.startsWith("COPY --from=build /app/lib"))).toBe(true);
    expect(runtime.some((l) => l.startsWith("COPY src"))).toBe(false);
    expect(runtime.at(-1)).toBe('CMD ["node", "scripts/start.js"]');
  });

  it("runs as the non-root node user, listens on every interface and checks /healthz", () => {
    const user = runtime.findIndex((l) => l.startsWith("USER "));
    expect(runtime[user]).toBe("USER node");
    expect(user).toBeLessThan(runtime.length - 1);
    expect(runtime.find((l) => l.startsWith("ENV "))).toMatch(/HOST=0\.0\.0\.0/);
    expect(runtime.find((l) => l.startsWith("HEALTHCHECK "))).toContain(OPS_PATHS.health);
  });
});

describe("docker-compose.yml", () => {
  const compose = parse(read("docker-compose.yml"));

  it("runs Andon with Redis and PostgreSQL, waiting for both", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["andon", "postgres", "redis"]);
    expect(compose.services.andon.depends_on).toEqual({
      redis: { condition: "service_healthy" },
      postgres: { condition: "service_healthy" },
    });
    expect(compose.services.andon.environment.REDIS_URL).toBe("redis://redis:6379");
    expect(compose.services.redis.command).toContain("noeviction");
  });

  it("stops Andon later than its shutdown grace period", () => {
    expect(parseInt(compose.services.andon.stop_grace_period, 10)).toBeGreaterThan(
      DEFAULT_GRACE_SECONDS,
    );
  });
});

describe("Andon's own CI", () => {
  it("passes Andon's andon/tests: the workflow runs the test suite on push and pull request", () => {
    const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    const paths = listed.split("\n").filter(Boolean);
    const config = testsSchema.parse({});
    const files = Object.fromEntries(filesToRead(paths, config).map((path) => [path, read(path)]));

    const { verdict } = judgeTestSuite({ paths, files, truncated: false, config });

    expect(verdict.conclusion).toBe("success");
    expect(verdict.summary).toContain(".github/workflows/ci.yml");
    const workflow = parse(read(".github/workflows/ci.yml"));
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push"]);
  });
});
