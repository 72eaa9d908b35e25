import { afterAll, beforeAll, expect, test } from "bun:test";
import * as http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { createClient } from "@connectrpc/connect";
import { connectNodeAdapter, createGrpcTransport } from "@connectrpc/connect-node";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { pooledSessionManager } from "./session-pool";

// A server that allows 4 streams per connection, as HTTP2_MAX_CONCURRENT_STREAMS does (100 by default),
// serving a stream that sends one heartbeat and then stays open, as WatchTasks does.
const streamsPerConnection = 4;
let server: http2.Http2Server;
let baseUrl: string;
const held: AbortController[] = [];

beforeAll(async () => {
  server = http2.createServer(
    { settings: { maxConcurrentStreams: streamsPerConnection } },
    connectNodeAdapter({
      routes: (router) =>
        router.service(TaskService, {
          async *watchTasks(_request, context) {
            yield { heartbeat: true };
            await new Promise<void>((resolve) => context.signal.addEventListener("abort", () => resolve()));
          },
        }),
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const controller of held) controller.abort();
  await new Promise((resolve) => server.close(resolve));
});

/** firstMessages opens `count` streams and counts those whose first message arrives within `waitMs`. */
async function firstMessages(
  client: ReturnType<typeof createClient<typeof TaskService>>,
  count: number,
  waitMs: number,
) {
  let arrived = 0;
  for (let i = 0; i < count; i++) {
    const controller = new AbortController();
    held.push(controller);
    void (async () => {
      try {
        for await (const _ of client.watchTasks({}, { signal: controller.signal })) {
          arrived += 1;
          break;
        }
      } catch {
        // aborted at the end
      }
    })();
  }
  await Bun.sleep(waitMs);
  return arrived;
}

test("one connection leaves the streams past the server's per-connection limit waiting", async () => {
  const single = createClient(TaskService, createGrpcTransport({ baseUrl }));
  expect(await firstMessages(single, 10, 1000)).toBe(streamsPerConnection);
});

test("the pool opens another connection when the open ones are full: every stream is served", async () => {
  const pool = pooledSessionManager(baseUrl, { streamsPerConnection: streamsPerConnection - 1 });
  const pooled = createClient(TaskService, createGrpcTransport({ baseUrl, sessionManager: pool }));
  expect(await firstMessages(pooled, 10, 1000)).toBe(10);
  expect(pool.connections()).toBe(4);
});
