import { describe, expect, it } from "@jest/globals";
import { createReadiness } from "../../src/ops/readiness.js";

describe("readiness probes", () => {
  it("is ready when every probe answers, and names the one that does not", async () => {
    const readiness = createReadiness();
    readiness.add("queue", async () => undefined);
    readiness.add("database", async () => {
      throw new Error("connection refused");
    });

    const report = await readiness.check();

    expect(report).toEqual({
      ready: false,
      probes: [
        { name: "queue", ok: true },
        { name: "database", ok: false, error: "connection refused" },
      ],
    });
  });

  it("answers not ready when a probe hangs, instead of hanging", async () => {
    const readiness = createReadiness();
    readiness.add("redis", () => new Promise<void>(() => undefined));

    const report = await readiness.check(20);

    expect(report.ready).toBe(false);
    expect(report.probes[0]).toEqual({ name: "redis", ok: false, error: "no answer within 20 ms" });
  });

  it("counts a probe that throws before returning a promise as failing", async () => {
    const readiness = createReadiness();
    readiness.add("broken", () => {
      throw new Error("not configured");
    });
    expect((await readiness.check()).probes[0]).toMatchObject({
      ok: false,
      error: "not configured",
    });
  });

  it("is ready with no probe at all, and refuses a second probe of the same name", async () => {
    const readiness = createReadiness();
    expect(await readiness.check()).toEqual({ ready: true, probes: [] });
    readiness.add("queue", async () => undefined);
    expect(() => readiness.add("queue", async () => undefined)).toThrow(/already registered/);
  });
});
