/**
 * Real services for tests: a `redis-server` and a PostgreSQL server from Debian's packages,
 * each started in a temporary directory on a free loopback port and stopped by the caller.
 * Tests use the real thing where users run the real thing; nothing here is mocked.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface RunningService {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** A free TCP port on loopback, chosen by the kernel. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(what: string, ready: () => boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > until) throw new Error(`${what} did not start within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function stopProcess(child: ChildProcess, dir: string): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      rmSync(dir, { recursive: true, force: true });
      resolve();
    };
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once("exit", done);
    child.kill("SIGTERM");
  });
}

/** Starts `redis-server` with no persistence on a free loopback port. */
export async function startRedis(): Promise<RunningService> {
  const bin = "/usr/bin/redis-server";
  if (!existsSync(bin))
    throw new Error(
      "redis-server is not installed: run `apt-get install redis-server` (.ci/run does)",
    );
  const dir = mkdtempSync(join(tmpdir(), "andon-redis-"));
  const port = await freePort();
  const child = spawn(
    bin,
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      "--dir",
      dir,
    ],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  await waitFor(
    "redis-server",
    () => out.includes("Ready to accept connections") || child.exitCode !== null,
  );
  if (child.exitCode !== null) throw new Error(`redis-server exited: ${out}`);
  return { url: `redis://127.0.0.1:${port}`, port, stop: () => stopProcess(child, dir) };
}

function postgresBin(name: string): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const path = join(root, version, "bin", name);
    if (existsSync(path)) return path;
  }
  throw new Error(
    `PostgreSQL's ${name} is not installed: run \`apt-get install postgresql\` (.ci/run does)`,
  );
}

/** A throwaway PostgreSQL cluster that a test can also take down and bring back. */
export interface PostgresService extends RunningService {
  /** A fast shutdown (sessions are cut, as in an outage); the data stays. */
  halt(): Promise<void>;
  /** Starts the halted server again, on the same port with the same data. */
  resume(): Promise<void>;
}

/**
 * Starts a throwaway PostgreSQL cluster. PostgreSQL refuses to run as root, so as root the
 * cluster belongs to the `postgres` user that Debian's package creates.
 */
export async function startPostgres(): Promise<PostgresService> {
  const dir = mkdtempSync(join(tmpdir(), "andon-pg-"));
  const asRoot = process.getuid?.() === 0;
  const run = (bin: string, args: string[]): string[] =>
    asRoot ? ["runuser", "-u", "postgres", "--", bin, ...args] : [bin, ...args];
  if (asRoot) {
    const { uid, gid } = userIds("postgres");
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const data = join(dir, "data");
  const [initCmd, ...initArgs] = run(postgresBin("initdb"), [
    "-D",
    data,
    "-U",
    "andon",
    "--auth=trust",
    "-E",
    "UTF8",
    "--no-sync",
  ]);
  const init = spawnSync(initCmd!, initArgs, { encoding: "utf8" });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const port = await freePort();
  const launch = async (): Promise<ChildProcess> => {
    const [cmd, ...args] = run(postgresBin("postgres"), [
      "-D",
      data,
      "-p",
      String(port),
      "-h",
      "127.0.0.1",
      "-k",
      dir,
      "-c",
      "fsync=off",
    ]);
    const child = spawn(cmd!, args, { stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    await waitFor(
      "postgres",
      () => log.includes("ready to accept connections") || child.exitCode !== null,
    );
    if (child.exitCode !== null) throw new Error(`postgres exited: ${log}`);
    return child;
  };
  let child = await launch();
  return {
    url: `postgres://andon@127.0.0.1:${port}/postgres`,
    port,
    stop: () => stopProcess(child, dir),
    async halt() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      // pg_ctl, not a signal: as root the server runs under runuser, which passes on
      // SIGTERM (a smart shutdown, waiting for every session) but not SIGINT.
      const [cmd, ...args] = run(postgresBin("pg_ctl"), ["stop", "-D", data, "-m", "fast"]);
      const stopped = spawnSync(cmd!, args, { encoding: "utf8" });
      if (stopped.status !== 0) throw new Error(`pg_ctl stop failed: ${stopped.stderr}`);
      await exited;
    },
    async resume() {
      child = await launch();
    },
  };
}

function userIds(name: string): { uid: number; gid: number } {
  const id = (flag: string): number =>
    Number(spawnSync("id", [flag, name], { encoding: "utf8" }).stdout.trim());
  return { uid: id("-u"), gid: id("-g") };
}
