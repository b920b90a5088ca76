import type { Context } from "probot";
import type { RepoRef } from "../github/types.js";

/** The installation an event came through; absent only for events Andon cannot act on. */
export function installationId(context: Context): number | undefined {
  return (context.payload as { installation?: { id: number } }).installation?.id;
}

interface PayloadRepository {
  name?: string | null;
  owner?: { login?: string | null } | null;
}

/**
 * The repository an event is about, or `undefined` when the payload does not name both
 * its owner and its name. Such a payload is refused here, with a log line, rather than
 * turned into a request for `/repos/acme//…` that GitHub would answer with a 404 a job
 * could read as "absent".
 */
export function repositoryOf(context: Context): RepoRef | undefined {
  const { repository } = context.payload as { repository?: PayloadRepository | null };
  const owner = repository?.owner?.login ?? "";
  const repo = repository?.name ?? "";
  if (owner.trim() !== "" && repo.trim() !== "") return { owner, repo };
  context.log.warn(
    { event: context.name, deliveryId: context.id, owner, repo },
    "event ignored: its repository has no owner or no name",
  );
  return undefined;
}
