import { lineAt, readLink, type Chain, type ScriptContext } from "./chain.js";
import type { ChainJudge } from "./make-chain.js";
import { joinFolder } from "./paths.js";

const LANE = /^[ \t]*(?:private_)?lane\s+:(\w+)\s+do\b/gm;
/** Actions that run a test suite: `scan` is `run_tests`; Gradle's `test` tasks. */
const TEST_ACTION =
  /^[ \t]*(scan|run_tests|gradle\s*\(\s*task:\s*["'](?:test|check|connectedCheck)\w*["']|spm\s*\(\s*command:\s*["']test)/m;

/**
 * What `fastlane [ios|android] <lane>` runs, read from `fastlane/Fastfile`: the lane
 * counts when it calls `scan`/`run_tests` or a Gradle test task. An unread Fastfile is
 * judged by the lane's name.
 */
export function fastlaneChain(
  args: string[],
  cwd: string,
  context: ScriptContext,
  _judge: ChainJudge,
  _depth: number,
): Chain | undefined {
  const positional = args.filter((arg) => !arg.startsWith("-") && !arg.includes(":"));
  const lane = ["ios", "android", "mac"].includes(positional[0] ?? "")
    ? positional[1]
    : positional[0];
  if (lane === undefined) return undefined;
  const path = [joinFolder(cwd, "fastlane/Fastfile"), "fastlane/Fastfile"].find((file) =>
    context.paths.has(file),
  );
  const text = path === undefined ? undefined : readLink(context, path);
  if (path === undefined || text === undefined) return /test/i.test(lane) ? [] : undefined;
  const lanes = [...text.matchAll(LANE)];
  const at = lanes.findIndex((match) => match[1] === lane);
  if (at === -1) return undefined;
  const start = lanes[at]?.index ?? 0;
  const body = text.slice(start, lanes[at + 1]?.index ?? text.length);
  const action = TEST_ACTION.exec(body);
  if (!action) return undefined;
  const line = lineAt(
    text,
    start + action.index + (action[0].length - action[0].trimStart().length),
  );
  return [{ file: path, line, text: (action[1] ?? "").trim() }];
}
