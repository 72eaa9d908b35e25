import { describe, expect, test } from "bun:test";
import { addDays, fromLocal, offsetMinutes, parseLocalDateTime, toLocal, weekdayOf } from "./time-zone.ts";

describe("time zones", () => {
  test("Karachi has no DST: 17:00 local is always 12:00 UTC", () => {
    expect(fromLocal({ year: 2026, month: 3, day: 5, hour: 17, minute: 0 }, "Asia/Karachi").toISOString()).toBe("2026-03-05T12:00:00.000Z");
    expect(fromLocal({ year: 2026, month: 7, day: 5, hour: 17, minute: 0 }, "Asia/Karachi").toISOString()).toBe("2026-07-05T12:00:00.000Z");
  });

  test("New York: the same wall clock is a different UTC hour either side of the March change", () => {
    expect(fromLocal({ year: 2026, month: 3, day: 7, hour: 9, minute: 0 }, "America/New_York").toISOString()).toBe("2026-03-07T14:00:00.000Z");
    expect(fromLocal({ year: 2026, month: 3, day: 9, hour: 9, minute: 0 }, "America/New_York").toISOString()).toBe("2026-03-09T13:00:00.000Z");
    expect(offsetMinutes(new Date("2026-03-07T14:00:00Z"), "America/New_York")).toBe(-300);
    expect(offsetMinutes(new Date("2026-03-09T13:00:00Z"), "America/New_York")).toBe(-240);
  });

  test("a wall-clock time skipped by the spring jump moves forward by the jump", () => {
    const instant = fromLocal({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, "America/New_York");
    expect(toLocal(instant, "America/New_York")).toEqual({ year: 2026, month: 3, day: 8, hour: 3, minute: 30 });
  });

  test("a wall-clock time repeated in autumn takes the earlier instant", () => {
    const instant = fromLocal({ year: 2026, month: 10, day: 25, hour: 1, minute: 30 }, "Europe/London");
    expect(instant.toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  test("calendar helpers", () => {
    expect(addDays({ year: 2026, month: 2, day: 28 }, 1)).toEqual({ year: 2026, month: 3, day: 1 });
    expect(weekdayOf({ year: 2026, month: 3, day: 4 })).toBe(3);
    expect(parseLocalDateTime("2026-03-05T17:00")).toEqual({ local: { year: 2026, month: 3, day: 5, hour: 17, minute: 0 }, dateOnly: false });
    expect(parseLocalDateTime("2026-02-30")).toBeNull();
    expect(parseLocalDateTime("tomorrow")).toBeNull();
  });
});
