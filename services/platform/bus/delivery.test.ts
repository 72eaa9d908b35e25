import { expect, test } from "bun:test";
import { Code, ConnectError } from "@connectrpc/connect";
import { createLogger } from "../logger";
import { createMetrics } from "../metrics";
import { classifyFailure, DeliveryAbandoned, deliver } from "./delivery";
import type { ReceivedMessage, Subscription } from "./event-bus";
import { PoisonMessageError } from "./event-codec";

const message: ReceivedMessage = {
  topic: "task-events",
  partition: 0,
  offset: "7",
  key: "k",
  value: new Uint8Array(),
  headers: {},
};
const policy = { retries: 2, initialBackoffMs: 1, maxBackoffMs: 2, maxStallBackoffMs: 4 };
const deps = () => ({ logger: createLogger("delivery-test", "fatal"), metrics: createMetrics(), policy });
const closed = () => Object.assign(new Error("write CONNECTION_CLOSED"), { code: "CONNECTION_CLOSED" });

function failing(times: number, error: () => unknown): { subscription: Subscription; calls: () => number } {
  let calls = 0;
  return {
    subscription: {
      groupId: "g",
      topics: ["task-events"],
      handle: async () => {
        calls += 1;
        if (calls <= times) throw error();
      },
    },
    calls: () => calls,
  };
}

test("failures are classified: poison and invalid input, dependency outages, the rest", () => {
  expect(classifyFailure(new PoisonMessageError("undecodable"))).toBe("poison");
  expect(classifyFailure(new ConnectError("bad", Code.InvalidArgument))).toBe("poison");
  expect(classifyFailure(closed())).toBe("transient");
  expect(classifyFailure(new ConnectError("down", Code.Unavailable))).toBe("transient");
  expect(classifyFailure(new TypeError("bug"))).toBe("unknown");
});

test("a dependency outage far longer than the retry budget is waited out: handled once it is back, never dead-lettered", async () => {
  const { subscription, calls } = failing(25, closed);
  const dead: string[] = [];
  const events: string[] = [];
  await deliver(subscription, message, async (topic) => void dead.push(topic), {
    ...deps(),
    hooks: { stalled: () => events.push("stalled"), recovered: () => events.push("recovered") },
  });
  expect(calls()).toBe(26);
  expect(dead).toEqual([]);
  expect(events).toEqual(["stalled", "recovered"]);
});

test("poison is dead-lettered at once; an unknown failure after its retries", async () => {
  const poison = failing(1, () => new PoisonMessageError("undecodable"));
  const dead: Record<string, string>[] = [];
  await deliver(poison.subscription, message, async (_t, _m, headers) => void dead.push(headers), deps());
  expect(poison.calls()).toBe(1);
  const bug = failing(100, () => new TypeError("bug"));
  await deliver(bug.subscription, message, async (_t, _m, headers) => void dead.push(headers), deps());
  expect(bug.calls()).toBe(3);
  expect(dead.map((h) => h["x-dlq-kind"])).toEqual(["poison", "unknown"]);
});

test("stopping during an outage abandons the message without dead-lettering it", async () => {
  const { subscription } = failing(1000, closed);
  let stopping = false;
  setTimeout(() => (stopping = true), 30);
  const dead: string[] = [];
  const outcome = deliver(subscription, message, async (topic) => void dead.push(topic), {
    ...deps(),
    stopping: () => stopping,
  });
  await expect(outcome).rejects.toBeInstanceOf(DeliveryAbandoned);
  expect(dead).toEqual([]);
});
