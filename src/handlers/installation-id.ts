import type { Context } from "probot";

/** The installation an event came through; absent only for events Andon cannot act on. */
export function installationId(context: Context): number | undefined {
  return (context.payload as { installation?: { id: number } }).installation?.id;
}
