import { describe, expect, it } from "@jest/globals";
import type { Logger } from "probot";
import type { InstallationFacts } from "../../src/github/installations.js";
import { jitterMs } from "../../src/sweep/jitter.js";
import { startSweepScheduler } from "../../src/sweep/scheduler.js";
import { ManualTimers } from "../kit/manual-timers.js";

const H = 3_600_000;
const DAY = 24 * H;
const silent = { info() {}, error() {}, warn() {}, debug() {} } as unknown as Logger;

function scheduled(installations: InstallationFacts[], start: string) {
  let now = new Date(start);
  const clock = () => now;
  const timers = new ManualTimers(clock);
  const sweeps: Array<[number, string]> = [];
  let listings = 0;
  const scheduler = startSweepScheduler({
    intervalMs: DAY,
    now: clock,
    timers,
    installations: async function* () {
      listings++;
      yield* installations;
    },
    sweep: ({ id }) => sweeps.push([id, now.toISOString()]),
    log: silent,
  });
  return {
    sweeps,
    timers,
    scheduler,
    listings: () => listings,
    /** Moves the clock timer by timer to `iso`, firing each when it is due. */
    async until(iso: string) {
      const target = new Date(iso).getTime();
      for (;;) {
        await timers.runDue();
        const next = timers.nextAt;
        if (next === undefined || next > target) break;
        now = new Date(next);
      }
      now = new Date(target);
      await timers.runDue();
    },
  };
}

const at = (day: string, id: number) =>
  new Date(new Date(`${day}T00:00:00Z`).getTime() + jitterMs(id, DAY)).toISOString();

describe("startSweepScheduler", () => {
  it("sweeps every active installation once per interval, each at the same slot every day", async () => {
    const s = scheduled(
      [
        { id: 1, account: "acme", suspended: false, createdAt: null },
        { id: 2, account: "umbrella", suspended: true, createdAt: null },
        { id: 3, account: "initech", suspended: false, createdAt: null },
      ],
      "2026-11-25T00:00:00Z",
    );

    await s.until("2026-11-27T00:00:00Z");

    const expected = [
      [1, at("2026-11-25", 1)],
      [3, at("2026-11-25", 3)],
      [1, at("2026-11-26", 1)],
      [3, at("2026-11-26", 3)],
    ].sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    expect(s.sweeps).toEqual(expected);
    expect(s.listings()).toBe(3);
  });

  it("leaves a slot that passed before the start to the next interval", async () => {
    const slot = at("2026-11-25", 1);
    const afterSlot = new Date(new Date(slot).getTime() + 1).toISOString();
    const s = scheduled([{ id: 1, account: "acme", suspended: false, createdAt: null }], afterSlot);

    await s.until("2026-11-25T23:59:59Z");
    expect(s.sweeps).toEqual([]);

    await s.until("2026-11-26T23:59:59Z");
    expect(s.sweeps.map(([id]) => id)).toEqual([1]);
  });

  it("sets no timer once stopped", async () => {
    const s = scheduled(
      [{ id: 1, account: "acme", suspended: false, createdAt: null }],
      "2026-11-25T00:00:00Z",
    );
    await s.timers.runDue();
    expect(s.timers.size).toBe(2);

    s.scheduler.stop();

    expect(s.timers.size).toBe(0);
    await s.until("2026-11-28T00:00:00Z");
    expect(s.sweeps).toEqual([]);
  });

  it("tries again next interval when the installations cannot be listed", async () => {
    let fail = true;
    let now = new Date("2026-11-25T00:00:00Z");
    const timers = new ManualTimers(() => now);
    const sweeps: number[] = [];
    startSweepScheduler({
      intervalMs: DAY,
      now: () => now,
      timers,
      installations: async function* () {
        if (fail) throw Object.assign(new Error("Server Error"), { status: 502 });
        yield { id: 1, account: "acme", suspended: false, createdAt: null };
      },
      sweep: ({ id }) => sweeps.push(id),
      log: silent,
    });
    await timers.runDue();
    fail = false;

    now = new Date("2026-11-27T00:00:00Z");
    await timers.runDue();

    expect(sweeps).toEqual([1]);
  });
});

describe("jitterMs", () => {
  it("spreads installations over the interval, the same way every time", () => {
    const slots = [1, 2, 3, 4, 5, 6, 7, 8].map((id) => jitterMs(id, DAY));
    expect(slots.every((s) => s >= 0 && s < DAY)).toBe(true);
    expect(new Set(slots.map((s) => Math.floor(s / (3 * H)))).size).toBeGreaterThan(3);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((id) => jitterMs(id, DAY))).toEqual(slots);
  });
});
