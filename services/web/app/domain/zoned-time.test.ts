import { describe, expect, test } from "bun:test";
import { addDays, daysBetween, fromWallTime, parseIsoDate, toWallTime } from "./zoned-time";

describe("zoned time", () => {
  test("reads and writes wall time in a fixed-offset zone", () => {
    const instant = fromWallTime({ year: 2026, month: 3, day: 10, hour: 17, minute: 0 }, "Asia/Karachi");
    expect(instant.toISOString()).toBe("2026-03-10T12:00:00.000Z");
    expect(toWallTime(instant, "Asia/Karachi")).toEqual({ year: 2026, month: 3, day: 10, hour: 17, minute: 0, weekday: 2 });
  });

  test("a time skipped by spring-forward resolves forward; a repeated one takes the first", () => {
    expect(fromWallTime({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, "America/New_York").toISOString()).toBe(
      "2026-03-08T07:30:00.000Z",
    );
    expect(fromWallTime({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, "America/New_York").toISOString()).toBe(
      "2026-11-01T05:30:00.000Z",
    );
  });

  test("calendar arithmetic crosses month and year ends", () => {
    expect(addDays({ year: 2025, month: 12, day: 31, hour: 9, minute: 0 }, 1)).toMatchObject({ year: 2026, month: 1, day: 1, weekday: 4 });
    expect(daysBetween({ year: 2026, month: 2, day: 27 }, { year: 2026, month: 3, day: 2 })).toBe(3);
  });

  test("parseIsoDate refuses impossible dates", () => {
    expect(parseIsoDate("2026-02-30")).toBeUndefined();
    expect(parseIsoDate("2026-02-28")).toEqual({ year: 2026, month: 2, day: 28 });
  });
});
