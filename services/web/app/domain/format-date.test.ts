import { describe, expect, test } from "bun:test";
import { translator } from "../i18n/translate";
import { durationLabel, whenLabel } from "./format-date";

const en = translator("en");
const ur = translator("ur");
const now = new Date("2026-03-10T05:00:00Z"); // Tuesday 10:00 in Karachi

describe("date labels", () => {
  test("relative days in the user's zone, not the browser's", () => {
    const tomorrowFive = new Date("2026-03-11T12:00:00Z");
    expect(whenLabel(tomorrowFive, false, now, "Asia/Karachi", en)).toBe("Tomorrow, 5:00 PM");
    // 20:00 UTC is already the 11th in Karachi but still the 10th in UTC.
    expect(whenLabel(new Date("2026-03-10T20:00:00Z"), true, now, "Asia/Karachi", en)).toBe("Tomorrow");
    expect(whenLabel(new Date("2026-03-10T20:00:00Z"), true, now, "UTC", en)).toBe("Today");
    expect(whenLabel(tomorrowFive, false, now, "Asia/Karachi", ur)).toStartWith("کل، ");
  });

  test("far dates show the date, with the year only when it differs", () => {
    expect(whenLabel(new Date("2026-04-02T12:00:00Z"), true, now, "UTC", en)).toBe("Thu, Apr 2");
    expect(whenLabel(new Date("2027-04-02T12:00:00Z"), true, now, "UTC", en)).toBe("Fri, Apr 2, 2027");
    expect(whenLabel(new Date("2026-03-13T12:00:00Z"), true, now, "UTC", en)).toBe("Friday");
  });

  test("durations use the largest whole unit", () => {
    expect(durationLabel(1800, en)).toBe("30 minutes");
    expect(durationLabel(7200, en)).toBe("2 hours");
    expect(durationLabel(86_400, en)).toBe("1 day");
    expect(durationLabel(3600, ur)).toBe("1 گھنٹہ");
  });
});
