import { describe, expect, test } from "bun:test";
import { toLocal } from "../../vocabulary/time-zone.ts";
import { nextOccurrence, nextOccurrenceOfAnyRule } from "./next-occurrence.ts";

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

describe("nextOccurrenceOfAnyRule (rules as the orchestrator accepts them)", () => {
  const at = (iso: string) => new Date(iso);
  /** next after `from`, anchored at `from`, as a series stepping from its previous due time does. */
  const after = (rrule: string, from: string, timeZone = "UTC", completedCount = 1) =>
    nextOccurrenceOfAnyRule({ rrule, after: at(from), dtstart: at(from), timeZone, completedCount })?.toISOString() ?? null;

  test("parts the agent's parser refuses: the last weekday of the month (BYSETPOS=-1)", () => {
    const rule = "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1";
    expect(after(rule, "2025-01-01T09:00:00Z")).toBe("2025-01-31T09:00:00.000Z");
    expect(() => nextOccurrence({ rrule: rule, after: at("2025-01-01T09:00:00Z"), dtstart: at("2025-01-01T09:00:00Z"), timeZone: "UTC" })).toThrow(RangeError);
  });

  test("every weekday skips the weekend: Friday → Monday, Monday → Tuesday", () => {
    const rule = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR";
    expect(after(rule, "2025-01-10T09:00:00Z")).toBe("2025-01-13T09:00:00.000Z");
    expect(after(rule, "2025-01-13T09:00:00Z")).toBe("2025-01-14T09:00:00.000Z");
  });

  test("last day of the month (BYMONTHDAY=-1), leap February included", () => {
    const rule = "FREQ=MONTHLY;BYMONTHDAY=-1";
    expect(after(rule, "2025-01-31T08:00:00Z")).toBe("2025-02-28T08:00:00.000Z");
    expect(after(rule, "2025-02-28T08:00:00Z")).toBe("2025-03-31T08:00:00.000Z");
    expect(after(rule, "2024-01-31T08:00:00Z")).toBe("2024-02-29T08:00:00.000Z");
  });

  test("an RRULE: prefix is accepted", () => {
    expect(after("RRULE:FREQ=DAILY", "2025-01-01T07:30:00Z")).toBe("2025-01-02T07:30:00.000Z");
  });

  test("COUNT counts the occurrences that exist, not the ones expanded from dtstart", () => {
    const base = { rrule: "FREQ=DAILY;COUNT=2", after: at("2025-01-01T09:00:00Z"), dtstart: at("2025-01-01T09:00:00Z"), timeZone: "UTC", completedCount: 1 };
    expect(nextOccurrenceOfAnyRule(base)?.toISOString()).toBe("2025-01-02T09:00:00.000Z");
    expect(nextOccurrenceOfAnyRule({ ...base, completedCount: 2 })).toBeNull();
    // dtstart moves along the series, so expanding COUNT from it would never end; completedCount does.
    expect(nextOccurrenceOfAnyRule({ ...base, after: at("2025-03-01T09:00:00Z"), dtstart: at("2025-03-01T09:00:00Z"), completedCount: 2 })).toBeNull();
  });

  test("UNTIL in UTC: nothing after it", () => {
    const rule = "FREQ=DAILY;UNTIL=20250103T090000Z";
    expect(after(rule, "2025-01-02T09:00:00Z")).toBe("2025-01-03T09:00:00.000Z");
    expect(after(rule, "2025-01-03T09:00:00Z")).toBeNull();
  });

  test("UNTIL as a date includes that whole local day", () => {
    const rule = "FREQ=DAILY;UNTIL=20250103";
    expect(after(rule, "2025-01-02T23:00:00Z", "America/New_York")).toBe("2025-01-03T23:00:00.000Z");
    expect(after(rule, "2025-01-03T23:00:00Z", "America/New_York")).toBeNull();
  });

  test("a rule that can never match again, or not within a century, has ended", () => {
    expect(after("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "2025-01-01T00:00:00Z")).toBeNull();
    expect(after("FREQ=YEARLY;INTERVAL=200", "2025-01-01T00:00:00Z")).toBeNull();
    expect(nextOccurrence({ rrule: "FREQ=YEARLY;INTERVAL=200", after: at("2025-01-01T00:00:00Z"), dtstart: at("2025-01-01T00:00:00Z"), timeZone: "UTC" })).toBeNull();
  });

  test("a daily 09:00 task in New York stays 09:00 local across the March and November changes", () => {
    // 2025-03-09 02:00 EST → 03:00 EDT: 09:00 is 14:00Z before, 13:00Z after.
    expect(after("FREQ=DAILY", "2025-03-08T14:00:00Z", "America/New_York")).toBe("2025-03-09T13:00:00.000Z");
    expect(after("FREQ=DAILY", "2025-03-09T13:00:00Z", "America/New_York")).toBe("2025-03-10T13:00:00.000Z");
    expect(after("FREQ=DAILY", "2025-11-01T13:00:00Z", "America/New_York")).toBe("2025-11-02T14:00:00.000Z");
  });

  test("a weekly rule keeps local time across the change too", () => {
    expect(after("FREQ=WEEKLY;BYDAY=MO", "2025-03-03T14:00:00Z", "America/New_York")).toBe("2025-03-10T13:00:00.000Z");
  });

  test("a local time the spring change skips moves forward by the gap", () => {
    // 02:30 does not exist on 2025-03-09 in New York: it is 03:30 EDT (07:30Z).
    expect(after("FREQ=DAILY", "2025-03-08T07:30:00Z", "America/New_York")).toBe("2025-03-09T07:30:00.000Z");
    // Anchored at the series' original 02:30, the day after is 02:30 again.
    const fromSeriesStart = nextOccurrenceOfAnyRule({ rrule: "FREQ=DAILY", after: at("2025-03-09T07:30:00Z"), dtstart: at("2025-03-08T07:30:00Z"), timeZone: "America/New_York", completedCount: 2 });
    expect(fromSeriesStart?.toISOString()).toBe("2025-03-10T06:30:00.000Z");
  });

  test("weekdays are the zone's, not UTC's: Friday 20:00 in New York is Saturday in UTC", () => {
    expect(after("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "2025-01-11T01:00:00Z", "America/New_York")).toBe("2025-01-14T01:00:00.000Z");
  });

  test("a date-only task (local midnight) stays at local midnight", () => {
    expect(after("FREQ=MONTHLY;BYMONTHDAY=-1", "2025-01-30T19:00:00Z", "Asia/Karachi")).toBe("2025-02-27T19:00:00.000Z");
  });

  test("a malformed rule throws RangeError", () => {
    expect(() => after("FREQ=SOMETIMES", "2025-01-01T00:00:00Z")).toThrow(RangeError);
    expect(() => after("BYDAY=MO", "2025-01-01T00:00:00Z")).toThrow(RangeError);
    expect(() => after("FREQ=MONTHLY;BYSETPOS=0", "2025-01-01T00:00:00Z")).toThrow(RangeError);
  });
});
