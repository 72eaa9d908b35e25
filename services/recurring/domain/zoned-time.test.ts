import { expect, test } from "bun:test";
import { instantOf, wallClockAt } from "./zoned-time";

const ny = "America/New_York";
const wall = (day: number, month: number, hour: number, minute = 0) => ({ year: 2025, month, day, hour, minute, second: 0 });

test("wall-clock time and instant round-trip outside DST changes", () => {
  expect(instantOf(wall(15, 1, 9), ny).toISOString()).toBe("2025-01-15T14:00:00.000Z");
  expect(wallClockAt(new Date("2025-07-15T13:00:00Z"), ny)).toEqual(wall(15, 7, 9));
});

test("a time that happens twice (fall back) is the earlier one", () => {
  expect(instantOf(wall(2, 11, 1, 30), ny).toISOString()).toBe("2025-11-02T05:30:00.000Z");
});

test("a time that never happens (spring forward) moves forward by the gap", () => {
  expect(instantOf(wall(9, 3, 2, 30), ny).toISOString()).toBe("2025-03-09T07:30:00.000Z");
  expect(wallClockAt(new Date("2025-03-09T07:30:00Z"), ny)).toEqual(wall(9, 3, 3, 30));
});

test("zones east of UTC and half-hour offsets", () => {
  expect(instantOf(wall(1, 1, 0), "Asia/Karachi").toISOString()).toBe("2024-12-31T19:00:00.000Z");
  expect(instantOf(wall(1, 1, 0), "Asia/Kolkata").toISOString()).toBe("2024-12-31T18:30:00.000Z");
});
