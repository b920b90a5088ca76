import type { Logger } from "probot";
import type { Octokit } from "./types.js";

/** GraphQL is sent as a POST, but Andon only ever queries with it. */
const isWrite = (method: string, url: string) =>
  method !== "GET" && method !== "HEAD" && url !== "/graphql";

/**
 * `ANDON_DRY_RUN=1`: the client still reads everything, so every verdict and nag is
 * computed and logged, but no write leaves the process. One guard at the request
 * hook, so no feature can forget it.
 */
export function withDryRun(octokit: Octokit, log: Logger): Octokit {
  octokit.hook.wrap("request", async (request, options) => {
    const url = String(options.url);
    if (!isWrite(options.method, url)) return request(options);
    const { owner, repo, name, head_sha, commit_sha, conclusion, body } = options as Record<
      string,
      unknown
    >;
    log.info(
      {
        dryRun: true,
        method: options.method,
        url,
        owner,
        repo,
        name,
        head_sha,
        commit_sha,
        conclusion,
        // A comment's text: what a dry run is run to read.
        body,
      },
      `dry run: not sent ${options.method} ${url}`,
    );
    return { status: 200, url, headers: {}, data: { id: 0 } } as Awaited<
      ReturnType<typeof request>
    >;
  });
  return octokit;
}
