import { defineJob, type JobHandler } from "../work/job.js";
import { withStore, type StoreAccess } from "./lazy-store.js";

export const RECORD_ADDED = "record-added";

/** Repositories added to an installation, when the webhook said so. */
export interface AddedData {
  repositories: string[];
  at: string;
}

export const recordAddedJob = defineJob({
  kind: RECORD_ADDED,
  // The latest addition of the same repositories wins: coalescing keeps the newest job.
  key: (data: AddedData, installationId) =>
    `record:added:${installationId}:${data.repositories.join(",")}`,
  handler: recordAddedHandler,
});

/** Records when repositories were added, for the daily sweep's first quiet day. */
export function recordAddedHandler({ store }: { store: StoreAccess }): JobHandler<AddedData> {
  return ({ data, installationId }) =>
    withStore(store, async (s) => {
      for (const repo of data.repositories)
        await s.recordAdded({ repo, installationId, at: data.at });
    });
}
