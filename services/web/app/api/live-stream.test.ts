import { expect, test } from "bun:test";
import { Code, ConnectError } from "@connectrpc/connect";
import { type LiveState, runLiveStream } from "./live-stream";

type Message = { heartbeat: boolean; value?: string };

test("heartbeats are dropped, a broken stream reconnects, and a reconnect asks to catch up", async () => {
  const controller = new AbortController();
  const states: LiveState[] = [];
  const received: string[] = [];
  let opens = 0;
  let caughtUp = 0;
  await runLiveStream<Message>(
    {
      async *open(_signal, opened) {
        opens++;
        opened();
        if (opens === 1) {
          yield { heartbeat: true };
          yield { heartbeat: false, value: "a" };
          throw new ConnectError("connection reset", Code.Unavailable);
        }
        yield { heartbeat: false, value: "b" };
        controller.abort();
      },
      isHeartbeat: (m) => m.heartbeat,
      onMessage: (m) => received.push(m.value!),
      onState: (s) => states.push(s),
      onReconnected: () => caughtUp++,
      refresh: async () => undefined,
    },
    controller.signal,
  );
  expect(received).toEqual(["a", "b"]);
  expect(opens).toBe(2);
  expect(caughtUp).toBe(1);
  expect(states.slice(0, 3)).toEqual(["connecting", "live", "reconnecting"]);
  expect(states).toContain("live");
});

test("a server without the RPC is reported unavailable and not retried", async () => {
  const states: LiveState[] = [];
  let opens = 0;
  await runLiveStream<Message>(
    {
      // biome-ignore lint/correctness/useYield: a stream that fails before its first message.
      async *open() {
        opens++;
        throw new ConnectError("not found", Code.Unimplemented);
      },
      isHeartbeat: () => false,
      onMessage: () => undefined,
      onState: (s) => states.push(s),
      refresh: async () => undefined,
    },
    new AbortController().signal,
  );
  expect(opens).toBe(1);
  expect(states.at(-1)).toBe("unavailable");
});

test("a refused token is refreshed before reconnecting; a failed refresh ends the stream", async () => {
  let refreshes = 0;
  let opens = 0;
  await runLiveStream<Message>(
    {
      // biome-ignore lint/correctness/useYield: a stream that fails before its first message.
      async *open() {
        opens++;
        throw new ConnectError("expired", Code.Unauthenticated);
      },
      isHeartbeat: () => false,
      onMessage: () => undefined,
      onState: () => undefined,
      refresh: async () => {
        refreshes++;
        if (refreshes > 1) throw new ConnectError("session ended", Code.Unauthenticated);
      },
    },
    new AbortController().signal,
  );
  expect(opens).toBe(2);
  expect(refreshes).toBe(2);
});

test("coming back online ends the backoff wait at once", async () => {
  const controller = new AbortController();
  let opens = 0;
  let failedAt = 0;
  let reopenedAfterMs = Number.POSITIVE_INFINITY;
  await runLiveStream<Message>(
    {
      async *open() {
        opens++;
        if (opens === 1) {
          failedAt = performance.now();
          // The browser reports the network back while the loop waits (at least 250 ms) to retry.
          setTimeout(() => globalThis.dispatchEvent(new Event("online")), 20);
          throw new ConnectError("network down", Code.Unavailable);
        }
        reopenedAfterMs = performance.now() - failedAt;
        controller.abort();
      },
      isHeartbeat: (m) => m.heartbeat,
      onMessage: () => undefined,
      onState: () => undefined,
      refresh: async () => undefined,
    },
    controller.signal,
  );
  expect(opens).toBe(2);
  expect(reopenedAfterMs).toBeLessThan(200);
});
