/**
 * The timers scheduled work runs on (the sweep, a reminder due in hours). A callback may return a promise so a test's manual
 * timers can wait for it; Node's timers ignore it.
 */
export interface Timers {
  setTimeout(fn: () => void | Promise<void>, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Node's timers, unref'd: a pending sweep never keeps the process alive. */
export const NODE_TIMERS: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
