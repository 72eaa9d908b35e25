import { describe, expect, test } from "bun:test";
import { loadLanguage, translator } from "../i18n/translate";
import { durationLabel, fullLabel, utcOffsetLabel, whenLabel, zoneCity } from "./format-date";

const en = translator("en");
// Urdu is a chunk of its own in the browser: it is loaded before its translator is built.
const ur = await loadLanguage("ur");
const now = new Date("2026-03-10T05:00:00Z"); // Tuesday 10:00 in Karachi

describe("date labels", () => {
  test("relative days in the user's zone, not the browser's", () => {
    const tomorrowFive = new Date("2026-03-11T12:00:00Z");
    expect(whenLabel(tomorrowFive, false, now, "Asia/Karachi", en)).toBe("Tomorrow, 5:00 PM");
    // 20:00 UTC is already the 11th in Karachi but still the 10th in UTC.
    expect(whenLabel(new Date("2026-03-10T20:00:00Z"), true, now, "Asia/Karachi", en)).toBe("Tomorrow");
    expect(whenLabel(new Date("2026-03-10T20:00:00Z"), true, now, "UTC", en)).toBe("Today");
    expect(whenLabel(tomorrowFive, false, now, "Asia/Karachi", ur)).toBe("کل شام 5 بجے");
  });

  test("far dates show the date, with the year only when it differs", () => {
    expect(whenLabel(new Date("2026-04-02T12:00:00Z"), true, now, "UTC", en)).toBe("Thu, Apr 2");
    expect(whenLabel(new Date("2027-04-02T12:00:00Z"), true, now, "UTC", en)).toBe("Fri, Apr 2, 2027");
    expect(whenLabel(new Date("2026-03-13T12:00:00Z"), true, now, "UTC", en)).toBe("Friday");
  });

  test("past days read as dates, never as a bare weekday (issue 13 item 5)", () => {
    // Tuesday 1 Dec 2026, 05:00 in Karachi, seen a week later and a few days later.
    const firstDec = new Date("2026-12-01T00:00:00Z");
    const later = new Date("2026-12-03T08:00:00Z");
    expect(whenLabel(firstDec, false, later, "Asia/Karachi", en)).toBe("Dec 1, 5:00 AM");
    expect(whenLabel(firstDec, true, new Date("2026-12-08T08:00:00Z"), "Asia/Karachi", en)).toBe("Dec 1");
    expect(whenLabel(firstDec, false, later, "Asia/Karachi", ur)).toBe("1 دسمبر صبح 5 بجے");
    // The coming week still reads as weekdays.
    expect(whenLabel(new Date("2026-12-06T00:00:00Z"), true, firstDec, "Asia/Karachi", en)).toBe("Sunday");
  });

  test("Urdu times read as chat writes them (issue 13 item 9)", () => {
    expect(whenLabel(new Date("2026-03-11T04:00:00Z"), false, now, "Asia/Karachi", ur)).toBe("کل صبح 9 بجے");
    expect(whenLabel(new Date("2026-03-10T13:30:00Z"), false, now, "Asia/Karachi", ur)).toBe("آج شام 6:30 بجے");
  });

  test("full dates (Activity) say Urdu times the same way, never AM/PM", () => {
    const at = new Date("2026-12-03T13:26:00Z");
    expect(fullLabel(at, "Asia/Karachi", ur)).toBe("3 دسمبر 2026، شام 6:26 بجے");
    expect(fullLabel(at, "Asia/Karachi", en)).toBe("Dec 3, 2026, 6:26 PM");
  });

  test("zone offsets and names for labels and the zone picker", () => {
    expect(utcOffsetLabel("Asia/Karachi", now)).toBe("UTC+05:00");
    expect(utcOffsetLabel("Asia/Kolkata", now)).toBe("UTC+05:30");
    expect(utcOffsetLabel("America/St_Johns", now)).toBe("UTC−02:30");
    expect(utcOffsetLabel("UTC", now)).toBe("UTC+00:00");
    expect(zoneCity("America/New_York")).toBe("New York");
  });

  test("durations use the largest whole unit", () => {
    expect(durationLabel(1800, en)).toBe("30 minutes");
    expect(durationLabel(7200, en)).toBe("2 hours");
    expect(durationLabel(86_400, en)).toBe("1 day");
    expect(durationLabel(3600, ur)).toBe("1 گھنٹہ");
  });
});
