import { describe, expect, test } from "bun:test";
import {
  addDays,
  daysBetween,
  fromFloating,
  fromLocal,
  offsetMinutes,
  parseLocalDate,
  parseLocalDateTime,
  startOfDay,
  toFloating,
  toLocal,
  weekdayOf,
} from "./time-zone";

/** utcOf is the instant (ISO, UTC) of a wall-clock time in a zone. */
const utcOf = (zone: string, year: number, month: number, day: number, hour: number, minute: number) =>
  fromLocal({ year, month, day, hour, minute }, zone).toISOString();

/** wallClock is a wall-clock time as toLocal answers it. */
const wallClock = (year: number, month: number, day: number, hour: number, minute: number) => ({
  year,
  month,
  day,
  hour,
  minute,
});

describe("time zones", () => {
  test("Karachi has no DST: 17:00 local is always 12:00 UTC", () => {
    expect(utcOf("Asia/Karachi", 2026, 3, 5, 17, 0)).toBe("2026-03-05T12:00:00.000Z");
    expect(utcOf("Asia/Karachi", 2026, 7, 5, 17, 0)).toBe("2026-07-05T12:00:00.000Z");
  });

  test("New York: the same wall clock is a different UTC hour either side of the March change", () => {
    expect(utcOf("America/New_York", 2026, 3, 7, 9, 0)).toBe("2026-03-07T14:00:00.000Z");
    expect(utcOf("America/New_York", 2026, 3, 9, 9, 0)).toBe("2026-03-09T13:00:00.000Z");
    expect(offsetMinutes(new Date("2026-03-07T14:00:00Z"), "America/New_York")).toBe(-300);
    expect(offsetMinutes(new Date("2026-03-09T13:00:00Z"), "America/New_York")).toBe(-240);
  });

  test("a wall-clock time skipped by the spring jump moves forward by the jump", () => {
    const instant = fromLocal({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, "America/New_York");
    expect(toLocal(instant, "America/New_York")).toEqual({ year: 2026, month: 3, day: 8, hour: 3, minute: 30 });
  });

  test("a wall-clock time skipped by the spring jump moves forward by the jump, in 2025 and 2026", () => {
    expect(utcOf("America/New_York", 2025, 3, 9, 2, 30)).toBe("2025-03-09T07:30:00.000Z");
    expect(toLocal(new Date("2025-03-09T07:30:00Z"), "America/New_York")).toEqual(wallClock(2025, 3, 9, 3, 30));
    expect(utcOf("America/New_York", 2026, 3, 8, 2, 30)).toBe("2026-03-08T07:30:00.000Z");
  });

  test("a wall-clock time repeated in autumn takes the earlier instant", () => {
    const instant = fromLocal({ year: 2026, month: 10, day: 25, hour: 1, minute: 30 }, "Europe/London");
    expect(instant.toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(utcOf("America/New_York", 2025, 11, 2, 1, 30)).toBe("2025-11-02T05:30:00.000Z");
    expect(utcOf("America/New_York", 2026, 11, 1, 1, 30)).toBe("2026-11-01T05:30:00.000Z");
  });

  test("wall-clock time and instant round-trip, east and west of UTC and at half-hour offsets", () => {
    expect(utcOf("America/New_York", 2025, 1, 15, 9, 0)).toBe("2025-01-15T14:00:00.000Z");
    expect(toLocal(new Date("2025-07-15T13:00:00Z"), "America/New_York")).toEqual(wallClock(2025, 7, 15, 9, 0));
    expect(utcOf("Asia/Karachi", 2025, 1, 1, 0, 0)).toBe("2024-12-31T19:00:00.000Z");
    expect(utcOf("Asia/Kolkata", 2025, 1, 1, 0, 0)).toBe("2024-12-31T18:30:00.000Z");
    const instant = fromLocal({ year: 2026, month: 3, day: 10, hour: 17, minute: 0 }, "Asia/Karachi");
    expect(toLocal(instant, "Asia/Karachi")).toEqual({ year: 2026, month: 3, day: 10, hour: 17, minute: 0 });
    expect(weekdayOf(toLocal(instant, "Asia/Karachi"))).toBe(2);
  });

  test("seconds: fromLocal keeps them, and floating time carries them both ways", () => {
    expect(
      fromLocal({ year: 2025, month: 1, day: 15, hour: 9, minute: 0, second: 30 }, "America/New_York").toISOString(),
    ).toBe("2025-01-15T14:00:30.000Z");
    const floating = toFloating(new Date("2025-07-15T13:00:45Z"), "America/New_York");
    expect(floating.toISOString()).toBe("2025-07-15T09:00:45.000Z");
    expect(fromFloating(floating, "America/New_York").toISOString()).toBe("2025-07-15T13:00:45.000Z");
  });

  test("calendar helpers", () => {
    expect(addDays({ year: 2026, month: 2, day: 28 }, 1)).toEqual({ year: 2026, month: 3, day: 1 });
    expect(weekdayOf({ year: 2026, month: 3, day: 4 })).toBe(3);
    expect(parseLocalDateTime("2026-03-05T17:00")).toEqual({
      local: { year: 2026, month: 3, day: 5, hour: 17, minute: 0 },
      dateOnly: false,
    });
    expect(parseLocalDateTime("2026-02-30")).toBeNull();
    expect(parseLocalDateTime("tomorrow")).toBeNull();
  });

  test("calendar arithmetic crosses month and year ends", () => {
    const newYear = addDays({ year: 2025, month: 12, day: 31 }, 1);
    expect(newYear).toEqual({ year: 2026, month: 1, day: 1 });
    expect(weekdayOf(newYear)).toBe(4);
    expect(daysBetween({ year: 2026, month: 2, day: 27 }, { year: 2026, month: 3, day: 2 })).toBe(3);
    expect(daysBetween({ year: 2026, month: 3, day: 2 }, { year: 2026, month: 2, day: 27 })).toBe(-3);
    expect(startOfDay({ year: 2026, month: 3, day: 8 }, "America/New_York").toISOString()).toBe(
      "2026-03-08T05:00:00.000Z",
    );
  });

  test("parseLocalDate reads only a real YYYY-MM-DD date", () => {
    expect(parseLocalDate("2026-02-30")).toBeNull();
    expect(parseLocalDate("2026-02-28")).toEqual({ year: 2026, month: 2, day: 28 });
    expect(parseLocalDate("2026-02-28T17:00")).toBeNull();
  });
});
