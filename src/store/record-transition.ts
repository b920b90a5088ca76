import type { Logger } from "probot";
import {
  defineConsumer,
  type MainlineTransition,
  type TransitionConsumer,
} from "../mainline/transition.js";
import { withStore, type StoreAccess } from "./lazy-store.js";
import type { Recorder } from "./record.js";

export const RECORD_TRANSITION = "record-transition";

/**
 * The history's consumer of mainline transitions: red starts an episode, green ends it
 * (flaky when the breaking commit itself turned green), closed and opened bracket a
 * closure. An episode is keyed by its breaking commit (the sha the transition was judged
 * on when the breaking commit is unknown), the same subject `transitionId` dedupes on.
 */
export function recordTransition(store: Recorder, log?: Logger) {
  return async (t: MainlineTransition): Promise<void> => {
    const repo = t.repository;
    const breakingSha = t.breakingSha ?? (t.event === "red" ? t.sha : null);
    switch (t.event) {
      case "red":
        if (!breakingSha) return log?.warn({ repo }, "red with no commit: not recorded");
        return store.recordRed({
          repo,
          installationId: t.installationId,
          breakingSha,
          author: t.author,
          failingChecks: t.failingChecks,
          at: t.at,
          url: t.url,
        });
      case "green":
        if (!breakingSha) return log?.warn({ repo }, "green with no breaking commit: not recorded");
        return store.recordGreen({
          repo,
          installationId: t.installationId,
          breakingSha,
          fixingSha: t.fixingSha,
          fixingAuthor: t.author,
          flaky: t.flaky ?? false,
          flippedChecks: t.flippedChecks ?? [],
          at: t.at,
        });
      case "closed":
        return store.recordClosed({
          repo,
          installationId: t.installationId,
          at: t.at,
          by: t.author,
          reason: t.reason,
        });
      case "opened":
        if (!(await store.recordOpened({ repo, at: t.at, by: t.author })))
          log?.warn({ repo, at: t.at }, "opened with no closure recorded before it");
    }
  };
}

/**
 * The history's consumer (one job per transition, keyed by `transitionId`): a database
 * failure is retried by the runner, never felt by the gate.
 */
export function recordTransitionConsumer(store: StoreAccess): TransitionConsumer {
  return defineConsumer(RECORD_TRANSITION, ({ data }, { log }) =>
    withStore(store, (s) => recordTransition(s, log)(data)),
  );
}
