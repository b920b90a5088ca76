import type { ConfirmingChange } from "../mainline/confirm-by-rerun.js";
import { defineJob, type JobHandler } from "../work/job.js";
import { withStore, type StoreAccess } from "./lazy-store.js";

export const RECORD_CONFIRMING = "record-confirming";

/**
 * One job per repository: a start and an end queued together coalesce into the newer,
 * and the store keeps the newest change anyway, so the board never shows a confirmation
 * that has ended.
 */
export const recordConfirmingJob = defineJob({
  kind: RECORD_CONFIRMING,
  key: (change: ConfirmingChange) => `record:confirming:${change.owner}/${change.repo}`,
  handler: recordConfirmingHandler,
});

/** Records that a red is being confirmed by a re-run, or no longer is (the board's "maybe flaky"). */
export function recordConfirmingHandler({
  store,
}: {
  store: StoreAccess;
}): JobHandler<ConfirmingChange> {
  return ({ data }) =>
    withStore(store, (s) =>
      s.recordConfirming({
        repo: `${data.owner}/${data.repo}`,
        installationId: data.installationId,
        confirming: data.confirming,
        at: data.at,
      }),
    );
}
