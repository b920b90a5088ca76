import { repoParams, type Octokit, type RepoRef } from "./types.js";

/**
 * A person's role on a repository, from "Get repository permissions for a user"
 * (GET /repos/{owner}/{repo}/collaborators/{username}/permission). `permission` is
 * GitHub's legacy base role — `admin`, `write`, `read` or `none`, where `maintain` reads
 * as `write` and `triage` as `read` — so custom roles built on write count too.
 */
export interface RepoPermission {
  permission: "admin" | "write" | "read" | "none";
  /** The full role (`maintain`, `triage`, a custom role): for logs and messages. */
  roleName: string;
}

export async function getRepoPermission(
  octokit: Octokit,
  repo: RepoRef,
  username: string,
): Promise<RepoPermission> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({
      ...repoParams(repo),
      username,
    });
    const permission = (["admin", "write", "read"] as const).find((p) => p === data.permission);
    return { permission: permission ?? "none", roleName: data.role_name ?? data.permission };
  } catch (error) {
    // 404: the account is gone or was never a user of this repository: no access.
    if ((error as { status?: number }).status === 404)
      return { permission: "none", roleName: "none" };
    throw error;
  }
}
