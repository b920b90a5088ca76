import { describe, expect, it } from "@jest/globals";
import { graceSecondsFrom, shutdownOn, type ShutdownOptions } from "../../src/ops/shutdown.js";
import type { Job } from "../../src/work/job.js";
import { job, recordingLog, type LogLine } from "../kit/runner-kit.js";

describe("ANDON_SHUTDOWN_GRACE_SECONDS", () => {
  it.each([
    [undefined, 25],
    ["", 25],
    ["10", 10],
    [" 2.5 ", 2.5],
    ["0", 0],
  ])("%p gives %p seconds", (raw, seconds) => {
    expect(graceSecondsFrom({ ANDON_SHUTDOWN_GRACE_SECONDS: raw })).toBe(seconds);
  });

  it.each(["-1", "ten", "25s"])("refuses %p with a message naming the variable", (raw) => {
    expect(() => graceSecondsFrom({ ANDON_SHUTDOWN_GRACE_SECONDS: raw })).toThrow(
      /ANDON_SHUTDOWN_GRACE_SECONDS/,
    );
  });
});

function harness(unfinished: Job[], close: () => Promise<void> = async () => undefined) {
  const listeners = new Map<string, () => void>();
  const lines: LogLine[] = [];
  const calls: string[] = [];
  const exits: number[] = [];
  const options: ShutdownOptions = {
    graceMs: 1_000,
    stopAccepting: () => calls.push("stop accepting"),
    drain: async (graceMs) => {
      calls.push(`drain ${graceMs}`);
      return unfinished;
    },
    close: async () => {
      calls.push("close");
      await close();
    },
    eventOf: (id) => (id === "d-1" ? "check_run" : undefined),
    log: recordingLog(lines),
    exit: (code) => exits.push(code),
  };
  const { done } = shutdownOn(["SIGTERM", "SIGINT"], options, (signal, listener) =>
    listeners.set(signal, listener),
  );
  return { listeners, lines, calls, exits, done };
}

describe("graceful shutdown", () => {
  it("stops taking webhooks, drains within the grace period, closes and exits 0", async () => {
    const h = harness([]);
    h.listeners.get("SIGTERM")!();
    await h.done;
    expect(h.calls).toEqual(["stop accepting", "drain 1000", "close"]);
    expect(h.exits).toEqual([0]);
  });

  it("logs each unfinished job with its delivery id, event and repository so it can be redelivered", async () => {
    const h = harness([
      job(
        "mainline:acme/shop",
        { owner: "acme", repo: "shop" },
        { kind: "evaluate-mainline", deliveryId: "d-1" },
      ),
      job("sweep:7", { installationId: 7 }, { kind: "sweep-installation" }),
    ]);
    h.listeners.get("SIGINT")!();
    await h.done;
    const warnings = h.lines.filter((l) => l.level === "warn");
    expect(warnings.map((l) => l.fields)).toEqual([
      {
        deliveryId: "d-1",
        event: "check_run",
        repository: "acme/shop",
        kind: "evaluate-mainline",
        key: "mainline:acme/shop",
        installationId: 7,
      },
      {
        deliveryId: null,
        event: null,
        repository: null,
        kind: "sweep-installation",
        key: "sweep:7",
        installationId: 7,
      },
    ]);
    expect(warnings[0]!.msg).toMatch(/redeliver/);
    expect(h.exits).toEqual([0]);
  });

  it("runs once: a second signal while draining is only logged", async () => {
    const h = harness([]);
    h.listeners.get("SIGTERM")!();
    h.listeners.get("SIGTERM")!();
    await h.done;
    expect(h.calls.filter((c) => c === "close")).toHaveLength(1);
    expect(h.lines.some((l) => l.msg === "already shutting down")).toBe(true);
    expect(h.exits).toEqual([0]);
  });

  it("exits 1 when the server cannot be closed", async () => {
    const h = harness([], async () => {
      throw new Error("close failed");
    });
    h.listeners.get("SIGTERM")!();
    await h.done;
    expect(h.exits).toEqual([1]);
  });
});
