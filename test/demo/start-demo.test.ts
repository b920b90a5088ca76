import { afterEach, expect, it } from "@jest/globals";
import { createServer, type Server } from "node:http";
import { startDemo } from "../../demo/start-demo.js";

let blocker: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => blocker?.close(resolve) ?? resolve(undefined));
});

const listening = () =>
  process.getActiveResourcesInfo().filter((r) => r === "TCPServerWrap").length;

it("closes whatever a failed start-up opened, so nothing keeps the process alive", async () => {
  // The board's port is taken: the demo fails at its last step, with the simulated
  // GitHub serving and the embedded store open.
  blocker = createServer();
  await new Promise<void>((resolve) => blocker!.listen(0, "127.0.0.1", resolve));
  const { port } = blocker.address() as { port: number };
  const before = listening();

  await expect(
    startDemo({ port, host: "127.0.0.1", historyDays: 0, dataDir: "memory://" }),
  ).rejects.toThrow(/EADDRINUSE|in use/);
  // A closed server's handle is released in the loop's close phase: one full turn later.
  // A server an earlier test file of this worker was still closing may go meanwhile, so
  // the count may drop; a leak of the demo's own servers would raise it.
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(listening()).toBeLessThanOrEqual(before);
}, 60_000);
