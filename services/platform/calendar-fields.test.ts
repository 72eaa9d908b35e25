import { expect, test } from "bun:test";
import { daysInMonth, inCalendar } from "./calendar-fields";

test("months have their Gregorian lengths, February by the leap-year rule", () => {
  expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2026, m))).toEqual([
    31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
  ]);
  expect([2024, 2000, 1900, 2100].map((y) => daysInMonth(y, 2))).toEqual([29, 29, 28, 28]);
});

test("a time is in the calendar only when every field is in range", () => {
  const fields = (text: string) => text.split(/[-T:]/);
  expect(inCalendar(fields("2024-02-29T23:59:59"))).toBe(true);
  for (const bad of ["2026-02-29T10:00:00", "2026-02-30T10:00:00", "2026-04-31T00:00:00", "2026-13-01T00:00:00"])
    expect(inCalendar(fields(bad)), bad).toBe(false);
  for (const bad of ["2026-01-01T24:00:00", "2026-01-01T10:60:00", "2026-01-01T10:00:60", "0000-01-01T00:00:00"])
    expect(inCalendar(fields(bad)), bad).toBe(false);
  expect(inCalendar(["2026", "01"])).toBe(false);
});
