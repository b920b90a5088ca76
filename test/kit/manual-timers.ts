import type { Timers } from "../../src/work/timers.js";

interface Pending {
  id: number;
  at: number;
  fn: () => void | Promise<void>;
}

/**
 * Timers that fire only when a test says so, on the fake's clock: the harness gives
 * them to the app, so the sweep scheduler never runs in a test unless asked
 * (`fake.advance(ms)`, then `await timers.runDue()`).
 */
export class ManualTimers implements Timers {
  private pending: Pending[] = [];
  private nextId = 1;

  constructor(private readonly now: () => Date) {}

  setTimeout(fn: () => void | Promise<void>, ms: number): number {
    const id = this.nextId++;
    this.pending.push({ id, at: this.now().getTime() + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((p) => p.id !== handle);
  }

  /** How many timers are set, due or not. */
  get size(): number {
    return this.pending.length;
  }

  /** When the next timer is due (ms since the epoch), if any is set. */
  get nextAt(): number | undefined {
    return this.pending.length ? Math.min(...this.pending.map((p) => p.at)) : undefined;
  }

  /** Fires every timer due by now, earliest first (and those they set that are due too). */
  async runDue(): Promise<number> {
    let fired = 0;
    for (;;) {
      const now = this.now().getTime();
      const due = this.pending
        .filter((p) => p.at <= now)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) return fired;
      this.pending = this.pending.filter((p) => p !== due);
      fired++;
      await due.fn();
    }
  }
}
