import { describe, expect, test } from "bun:test";
import { toLocal } from "../shared/time-zone.ts";
import { nextOccurrence } from "./next-occurrence.ts";

const localOf = (instant: Date | null, zone: string) => (instant ? toLocal(instant, zone) : null);

describe("nextOccurrence", () => {
  test("a daily 09:00 task stays at 09:00 local across the New York spring change", () => {
    const zone = "America/New_York";
    const dtstart = new Date("2026-03-06T14:00:00Z"); // Fri 09:00 EST
    const saturday = nextOccurrence({ rrule: "FREQ=DAILY", after: dtstart, dtstart, timeZone: zone });
    const sunday = nextOccurrence({ rrule: "FREQ=DAILY", after: saturday as Date, dtstart, timeZone: zone });
    const monday = nextOccurrence({ rrule: "FREQ=DAILY", after: sunday as Date, dtstart, timeZone: zone });
    expect(saturday?.toISOString()).toBe("2026-03-07T14:00:00.000Z");
    expect(sunday?.toISOString()).toBe("2026-03-08T13:00:00.000Z"); // EDT from 2026-03-08
    expect(monday?.toISOString()).toBe("2026-03-09T13:00:00.000Z");
    for (const instant of [saturday, sunday, monday]) expect(localOf(instant, zone)).toMatchObject({ hour: 9, minute: 0 });
  });

  test("a daily 09:00 task stays at 09:00 local across the London autumn change", () => {
    const zone = "Europe/London";
    const dtstart = new Date("2026-10-23T08:00:00Z"); // Fri 09:00 BST
    const after = new Date("2026-10-24T12:00:00Z");
    const next = nextOccurrence({ rrule: "FREQ=DAILY", after, dtstart, timeZone: zone });
    expect(next?.toISOString()).toBe("2026-10-25T09:00:00.000Z"); // Sun 09:00 GMT
    expect(localOf(next, zone)).toMatchObject({ day: 25, hour: 9, minute: 0 });
  });

  test("weekly and monthly rules in a zone", () => {
    const zone = "Asia/Karachi";
    const dtstart = new Date("2026-03-09T04:00:00Z"); // Mon 09:00
    expect(nextOccurrence({ rrule: "FREQ=WEEKLY;BYDAY=MO", after: dtstart, dtstart, timeZone: zone })?.toISOString()).toBe("2026-03-16T04:00:00.000Z");
    expect(nextOccurrence({ rrule: "FREQ=MONTHLY;BYDAY=2MO", after: dtstart, dtstart, timeZone: zone })?.toISOString()).toBe("2026-04-13T04:00:00.000Z");
    expect(nextOccurrence({ rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", after: dtstart, dtstart, timeZone: zone })?.toISOString()).toBe("2026-03-23T04:00:00.000Z");
    const endOfMonth = new Date("2026-01-31T13:00:00Z");
    expect(nextOccurrence({ rrule: "FREQ=MONTHLY;BYMONTHDAY=-1", after: endOfMonth, dtstart: endOfMonth, timeZone: zone })?.toISOString()).toBe("2026-02-28T13:00:00.000Z");
  });

  test("COUNT ends the series", () => {
    const zone = "Asia/Karachi";
    const dtstart = new Date("2026-03-04T04:00:00Z");
    const third = new Date("2026-03-06T04:00:00Z");
    expect(nextOccurrence({ rrule: "FREQ=DAILY;COUNT=3", after: dtstart, dtstart, timeZone: zone })?.toISOString()).toBe("2026-03-05T04:00:00.000Z");
    expect(nextOccurrence({ rrule: "FREQ=DAILY;COUNT=3", after: third, dtstart, timeZone: zone })).toBeNull();
    expect(nextOccurrence({ rrule: "FREQ=DAILY", count: 3, after: third, dtstart, timeZone: zone })).toBeNull();
  });

  test("COUNT against completedCount when the series repeats from completion", () => {
    const zone = "Asia/Karachi";
    const completedAt = new Date("2026-03-20T06:00:00Z");
    const rule = "FREQ=DAILY;INTERVAL=3;COUNT=3";
    expect(nextOccurrence({ rrule: rule, after: completedAt, dtstart: completedAt, timeZone: zone, completedCount: 2 })?.toISOString()).toBe("2026-03-23T06:00:00.000Z");
    expect(nextOccurrence({ rrule: rule, after: completedAt, dtstart: completedAt, timeZone: zone, completedCount: 3 })).toBeNull();
  });

  test("UNTIL ends the series, compared in the task's zone", () => {
    const zone = "America/New_York";
    const dtstart = new Date("2026-03-02T14:00:00Z"); // Mon 09:00 EST
    const rule = "FREQ=WEEKLY;BYDAY=MO;UNTIL=20260317T035900Z"; // Mon 16 Mar 23:59 EDT
    const ninth = nextOccurrence({ rrule: rule, after: dtstart, dtstart, timeZone: zone });
    const sixteenth = nextOccurrence({ rrule: rule, after: ninth as Date, dtstart, timeZone: zone });
    expect(ninth?.toISOString()).toBe("2026-03-09T13:00:00.000Z");
    expect(sixteenth?.toISOString()).toBe("2026-03-16T13:00:00.000Z");
    expect(nextOccurrence({ rrule: rule, after: sixteenth as Date, dtstart, timeZone: zone })).toBeNull();
  });

  test("a malformed rule throws", () => {
    const now = new Date();
    expect(() => nextOccurrence({ rrule: "FREQ=SOMETIMES", after: now, dtstart: now, timeZone: "UTC" })).toThrow(RangeError);
  });
});
