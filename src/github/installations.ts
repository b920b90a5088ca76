import { toRepoFacts, type RepoFacts } from "./repos.js";
import type { Octokit } from "./types.js";

export interface InstallationFacts {
  id: number;
  /** The organisation or user the app is installed on. */
  account: string;
  /** A suspended installation cannot be acted on: its tokens are refused. */
  suspended: boolean;
  /** When the app was installed there (ISO 8601), or null when GitHub does not say. */
  createdAt: string | null;
}

/**
 * Every installation of the app, 100 a page. Needs an app-authenticated octokit
 * (`probot.auth()` with no id): only the app itself may list where it is installed.
 */
export async function* listInstallations(appOctokit: Octokit): AsyncGenerator<InstallationFacts> {
  const pages = appOctokit.paginate.iterator(appOctokit.rest.apps.listInstallations, {
    per_page: 100,
  });
  for await (const { data } of pages) {
    for (const installation of data) {
      const account = installation.account as { login?: string; slug?: string } | null;
      yield {
        id: installation.id,
        account: account?.login ?? account?.slug ?? "",
        suspended: Boolean(installation.suspended_at),
        createdAt: installation.created_at ?? null,
      };
    }
  }
}

/** The repositories an installation can reach, 100 a page, as its token sees them. */
export async function* listInstallationRepositories(octokit: Octokit): AsyncGenerator<RepoFacts> {
  const pages = octokit.paginate.iterator(octokit.rest.apps.listReposAccessibleToInstallation, {
    per_page: 100,
  });
  for await (const { data } of pages) for (const repo of data) yield toRepoFacts(repo);
}
