import type { Query } from "./db.js";

/**
 * The repositories Andon has recorded for one installation: what that installation's
 * wall-display token (`ANDON_BOARD_TOKENS`) may see. A repository moved to another
 * installation is recorded under it from its next record on (`seeRepository`).
 */
export async function readInstallationRepositories(
  query: Query,
  installationId: number,
): Promise<string[]> {
  const rows = await query<{ repo: string }>(
    "select repo from repositories where installation_id = $1 order by repo",
    [installationId],
  );
  return rows.map((r) => r.repo);
}

/**
 * The repositories of an installation added to it (`installation_repositories.added`)
 * after `since`: the ones whose stale branches the daily sweep leaves alone.
 */
export async function readRecentlyAdded(
  query: Query,
  installationId: number,
  since: Date,
): Promise<Set<string>> {
  const rows = await query<{ repo: string }>(
    "select repo from repositories where installation_id = $1 and added_at > $2",
    [installationId, since.toISOString()],
  );
  return new Set(rows.map((r) => r.repo));
}
