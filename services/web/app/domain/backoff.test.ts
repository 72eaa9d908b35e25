import { expect, test } from "bun:test";
import { backoffDelay } from "./backoff";

test("reconnect delays grow, stay capped and are jittered within [ceiling/2, ceiling]", () => {
  const low = (n: number) => backoffDelay(n, { random: () => 0 });
  const high = (n: number) => backoffDelay(n, { random: () => 1 });
  expect([0, 1, 2, 3].map(high)).toEqual([500, 1000, 2000, 4000]);
  expect([0, 1, 2, 3].map(low)).toEqual([250, 500, 1000, 2000]);
  expect(high(50)).toBe(30_000);
  expect(low(50)).toBe(15_000);
});
