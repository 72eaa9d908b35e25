import { expect, test } from "bun:test";
import { createRateLimiter } from "./rate-limiter";

test("allows `limit` attempts per window and per key, then refuses until the window passes", () => {
  const limiter = createRateLimiter(3, 1000);
  expect([1, 2, 3, 4].map(() => limiter.take("a", 0))).toEqual([true, true, true, false]);
  expect(limiter.take("b", 10)).toBe(true);
  expect(limiter.take("a", 999)).toBe(false);
  expect(limiter.take("a", 1000)).toBe(true);
});
