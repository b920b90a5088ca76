import type { ConfirmingChange } from "../mainline/confirm-by-rerun.js";
import type { Job, JobHandler } from "../work/job.js";
import { withStore, type StoreAccess } from "./lazy-store.js";

export const RECORD_CONFIRMING = "record-confirming";

/**
 * One job per repository: a start and an end queued together coalesce into the newer,
 * and the store keeps the newest change anyway, so the board never shows a confirmation
 * that has ended.
 */
export function recordConfirmingJob(change: ConfirmingChange): Job<ConfirmingChange> {
  return {
    kind: RECORD_CONFIRMING,
    key: `record:confirming:${change.owner}/${change.repo}`,
    installationId: change.installationId,
    data: change,
  };
}

/** Records that a red is being confirmed by a re-run, or no longer is (the board's "maybe flaky"). */
export function recordConfirmingHandler(store: StoreAccess): JobHandler<ConfirmingChange> {
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
