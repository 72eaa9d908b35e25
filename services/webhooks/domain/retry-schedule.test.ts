import { expect, test } from "bun:test";
import { defaultRetrySchedule, nextStepAfterFailure, parseRetrySchedule } from "./retry-schedule";

const now = new Date("2026-01-01T00:00:00Z");
const middle = () => 0.5;

test("the default schedule backs off exponentially-ish and retries for more than 24 hours", () => {
  for (let i = 1; i < defaultRetrySchedule.length; i++) {
    expect(defaultRetrySchedule[i]!).toBeGreaterThanOrEqual(defaultRetrySchedule[i - 1]!);
  }
  const total = defaultRetrySchedule.reduce((sum, ms) => sum + ms, 0);
  expect(total).toBeGreaterThan(24 * 3600_000);
  // Even with every wait at its shortest jitter (−10%), the last retry is after 24 hours.
  expect(total * 0.9).toBeGreaterThan(24 * 3600_000);
});

test("the n-th failure waits the n-th step; after the last one the delivery is dead", () => {
  expect(nextStepAfterFailure(1, now, defaultRetrySchedule, middle)).toEqual({
    kind: "retry",
    at: new Date(now.getTime() + 5000),
  });
  expect(nextStepAfterFailure(2, now, defaultRetrySchedule, middle)).toEqual({
    kind: "retry",
    at: new Date(now.getTime() + 300_000),
  });
  expect(nextStepAfterFailure(7, now, defaultRetrySchedule, middle)).toEqual({
    kind: "retry",
    at: new Date(now.getTime() + 10 * 3600_000),
  });
  expect(nextStepAfterFailure(8, now, defaultRetrySchedule, middle)).toEqual({ kind: "dead" });
});

test("jitter stays within ±10% of the step", () => {
  const low = nextStepAfterFailure(3, now, defaultRetrySchedule, () => 0);
  const high = nextStepAfterFailure(3, now, defaultRetrySchedule, () => 0.999999);
  if (low.kind !== "retry" || high.kind !== "retry") throw new Error("expected retries");
  expect(low.at.getTime() - now.getTime()).toBe(27 * 60_000);
  expect(high.at.getTime() - now.getTime()).toBeLessThanOrEqual(33 * 60_000);
  expect(high.at.getTime() - now.getTime()).toBeGreaterThan(32 * 60_000);
});

test("a configured schedule is read from milliseconds and refused when malformed", () => {
  expect(parseRetrySchedule("100, 200,400")).toEqual([100, 200, 400]);
  expect(typeof parseRetrySchedule("100,,200")).toBe("string");
  expect(typeof parseRetrySchedule("-5")).toBe("string");
  expect(typeof parseRetrySchedule("1.5")).toBe("string");
});
