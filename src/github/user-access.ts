import { Octokit as RestOctokit } from "@octokit/rest";

/**
 * GitHub as the signed-in person sees it, through the user access token the app's OAuth
 * client obtained for them ("Generating a user access token for a GitHub App":
 * https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-user-access-token-for-a-github-app).
 * A user token acts with the intersection of the person's and the app's access, so what
 * it lists is exactly what this person may see through Andon.
 */
export interface GitHubHosts {
  /** `https://github.com` (or a GitHub Enterprise Server's web root). */
  web: string;
  /** `https://api.github.com` (or `https://HOST/api/v3`). */
  api: string;
}

export const GITHUB_COM: GitHubHosts = { web: "https://github.com", api: "https://api.github.com" };

export function githubHosts(env: NodeJS.ProcessEnv): GitHubHosts {
  if (!env.GHE_HOST) return GITHUB_COM;
  const root = `${env.GHE_PROTOCOL ?? "https"}://${env.GHE_HOST}`;
  return { web: root, api: `${root}/api/v3` };
}

/** The web flow's authorize page, with the state the callback must bring back. */
export function authorizeUrl(hosts: GitHubHosts, clientId: string, state: string): string {
  const params = new URLSearchParams({ client_id: clientId, state, allow_signup: "false" });
  return `${hosts.web}/login/oauth/authorize?${params}`;
}

/**
 * Trades the callback's `code` for a user access token. GitHub answers 200 with an
 * `error` field for a bad or expired code; that is returned as undefined, not thrown.
 */
export async function exchangeOAuthCode(
  hosts: GitHubHosts,
  client: { clientId: string; clientSecret: string },
  code: string,
): Promise<string | undefined> {
  const response = await fetch(`${hosts.web}/login/oauth/access_token`, {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/json" },
    body: JSON.stringify({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      code,
    }),
  });
  if (!response.ok) throw new Error(`GitHub answered ${response.status} to the code exchange`);
  const body = (await response.json()) as { access_token?: string; error?: string };
  return body.access_token;
}

const quiet = () => undefined;

function userOctokit(hosts: GitHubHosts, token: string) {
  return new RestOctokit({
    auth: token,
    baseUrl: hosts.api,
    userAgent: "andon-board",
    // Every failure is answered by the caller (a 401 ends the session); no console noise.
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
  });
}

/** `GET /user`: who the token belongs to. */
export async function getSignedInLogin(hosts: GitHubHosts, token: string): Promise<string> {
  const { data } = await userOctokit(hosts, token).rest.users.getAuthenticated();
  return data.login;
}

/**
 * Every repository the person can read among the app's installations: `GET
 * /user/installations`, then `GET /user/installations/{id}/repositories` for each
 * (https://docs.github.com/en/rest/apps/installations#list-repositories-accessible-to-the-user-access-token),
 * as `owner/repo`.
 */
export async function listReadableRepositories(
  hosts: GitHubHosts,
  token: string,
): Promise<string[]> {
  const octokit = userOctokit(hosts, token);
  const repos: string[] = [];
  const installations = octokit.paginate.iterator(
    octokit.rest.apps.listInstallationsForAuthenticatedUser,
    { per_page: 100 },
  );
  for await (const { data } of installations) {
    for (const installation of data) {
      const pages = octokit.paginate.iterator(
        octokit.rest.apps.listInstallationReposForAuthenticatedUser,
        { installation_id: installation.id, per_page: 100 },
      );
      for await (const page of pages) for (const r of page.data) repos.push(r.full_name);
    }
  }
  return repos;
}
