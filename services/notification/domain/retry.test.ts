import { expect, test } from "bun:test";
import { afterFailure, backoffMs, type RetryPolicy } from "./retry";

const policy: RetryPolicy = { retries: 3, baseMs: 1000, maxBackoffMs: 3000 };

test("backoff doubles from the base and is capped", () => {
  expect([1, 2, 3, 4].map((n) => backoffMs(n, policy))).toEqual([1000, 2000, 3000, 3000]);
});

test("three retries, then the delivery is failed", () => {
  const now = new Date("2030-01-01T00:00:00Z");
  expect(afterFailure(0, policy, now)).toEqual({
    kind: "retry",
    attempts: 1,
    nextAttemptAt: new Date("2030-01-01T00:00:01Z"),
  });
  expect(afterFailure(1, policy, now)).toEqual({
    kind: "retry",
    attempts: 2,
    nextAttemptAt: new Date("2030-01-01T00:00:02Z"),
  });
  expect(afterFailure(2, policy, now)).toEqual({
    kind: "retry",
    attempts: 3,
    nextAttemptAt: new Date("2030-01-01T00:00:03Z"),
  });
  expect(afterFailure(3, policy, now)).toEqual({ kind: "failed", attempts: 4 });
});
