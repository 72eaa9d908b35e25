import { expect, test } from "bun:test";
import { createRecentIds } from "./recent-ids";

test("an id is new once, then recognised until its time is up", () => {
  let clock = 1_000;
  const ids = createRecentIds({ ttlMs: 100, max: 10, now: () => clock });
  expect(ids.firstTime("a")).toBe(true);
  expect(ids.firstTime("a")).toBe(false);
  clock += 99;
  expect(ids.firstTime("a")).toBe(false);
  clock += 1;
  expect(ids.firstTime("a")).toBe(true);
});

test("past `max` ids the oldest is forgotten first", () => {
  const ids = createRecentIds({ ttlMs: 60_000, max: 2 });
  expect([ids.firstTime("a"), ids.firstTime("b"), ids.firstTime("c")]).toEqual([true, true, true]);
  expect(ids.size).toBe(2);
  expect(ids.firstTime("c")).toBe(false);
  expect(ids.firstTime("b")).toBe(false);
  expect(ids.firstTime("a")).toBe(true);
});
