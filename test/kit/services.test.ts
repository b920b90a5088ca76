import { describe, expect, it } from "@jest/globals";
import { createConnection } from "node:net";
import pg from "pg";
import { startPostgres, startRedis } from "./services.js";

function ping(port: number, send: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: "127.0.0.1", port }, () => socket.write(send));
    socket.once("data", (data) => {
      resolve(data.toString());
      socket.destroy();
    });
    socket.once("error", reject);
  });
}

describe("test services", () => {
  it("starts a real redis-server that answers PING", async () => {
    const redis = await startRedis();
    try {
      expect(await ping(redis.port, "PING\r\n")).toBe("+PONG\r\n");
    } finally {
      await redis.stop();
    }
  });

  it("starts a real PostgreSQL server that accepts connections", async () => {
    const server = await startPostgres();
    try {
      expect(server.url).toMatch(/^postgres:\/\/andon@127\.0\.0\.1:\d+\/postgres$/);
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      const { rows } = await client.query<{ one: number }>("select 1 as one");
      await client.end();
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await server.stop();
    }
  }, 60_000);
});
