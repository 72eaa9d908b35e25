import { expect, test } from "bun:test";
import { monthNames, shortMonthNames, shortWeekdayNames, weekdayNames, weekdayNamesByCode } from "./calendar-names";

test("twelve months and seven days in each language, in calendar order", () => {
  for (const language of ["en", "ur"] as const) {
    expect(monthNames[language]).toHaveLength(12);
    expect(weekdayNames[language]).toHaveLength(7);
  }
  expect(monthNames.ur[1]).toBe("فروری");
  expect(shortMonthNames[11]).toBe("Dec");
  expect(shortWeekdayNames[0]).toBe("Sun");
  // The Intl calendar agrees with the English names (January 2026 started on a Thursday).
  expect(
    new Date(Date.UTC(2026, 0, 1)).toLocaleDateString("en-US", { weekday: "long", month: "long", timeZone: "UTC" }),
  ).toBe(`${monthNames.en[0]} ${weekdayNames.en[4]}`);
});

test("RFC 5545 codes name the same days", () => {
  expect(weekdayNamesByCode.en.MO).toBe("Monday");
  expect(weekdayNamesByCode.ur.SU).toBe("اتوار");
});
