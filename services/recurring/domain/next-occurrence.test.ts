import { describe, expect, test } from "bun:test";
import { InvalidRuleError, nextOccurrence, type OccurrenceQuery } from "./next-occurrence";

const at = (iso: string) => new Date(iso);
/** next after `from`, anchored at `from`, as a series stepping from its previous due time does. */
const after = (rrule: string, from: string, timeZone = "UTC", completedCount = 1) =>
  nextOccurrence({ rrule, after: at(from), dtstart: at(from), timeZone, completedCount })?.toISOString() ?? null;

describe("RFC 5545 patterns", () => {
  test("every weekday skips the weekend: Friday → Monday, Monday → Tuesday", () => {
    const rule = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR";
    expect(after(rule, "2025-01-10T09:00:00Z")).toBe("2025-01-13T09:00:00.000Z");
    expect(after(rule, "2025-01-13T09:00:00Z")).toBe("2025-01-14T09:00:00.000Z");
  });

  test("every 2nd Monday of the month (BYDAY=2MO)", () => {
    expect(after("FREQ=MONTHLY;BYDAY=2MO", "2025-01-13T10:00:00Z")).toBe("2025-02-10T10:00:00.000Z");
    expect(after("FREQ=MONTHLY;BYDAY=2MO", "2025-02-10T10:00:00Z")).toBe("2025-03-10T10:00:00.000Z");
  });

  test("last day of the month (BYMONTHDAY=-1), leap February included", () => {
    const rule = "FREQ=MONTHLY;BYMONTHDAY=-1";
    expect(after(rule, "2025-01-31T08:00:00Z")).toBe("2025-02-28T08:00:00.000Z");
    expect(after(rule, "2025-02-28T08:00:00Z")).toBe("2025-03-31T08:00:00.000Z");
    expect(after(rule, "2024-01-31T08:00:00Z")).toBe("2024-02-29T08:00:00.000Z");
  });

  test("every 3 days (INTERVAL=3)", () => {
    expect(after("FREQ=DAILY;INTERVAL=3", "2025-01-30T07:30:00Z")).toBe("2025-02-02T07:30:00.000Z");
  });

  test("an RRULE: prefix is accepted", () => {
    expect(after("RRULE:FREQ=DAILY", "2025-01-01T07:30:00Z")).toBe("2025-01-02T07:30:00.000Z");
  });
});

describe("COUNT and UNTIL", () => {
  const base: OccurrenceQuery = { rrule: "FREQ=DAILY;COUNT=2", after: at("2025-01-01T09:00:00Z"), dtstart: at("2025-01-01T09:00:00Z"), timeZone: "UTC", completedCount: 1 };

  test("COUNT counts the occurrences that exist, not the ones expanded from dtstart", () => {
    expect(nextOccurrence(base)?.toISOString()).toBe("2025-01-02T09:00:00.000Z");
    expect(nextOccurrence({ ...base, completedCount: 2 })).toBeNull();
    // dtstart moves along the series, so expanding COUNT from it would never end; completedCount does.
    expect(nextOccurrence({ ...base, after: at("2025-03-01T09:00:00Z"), dtstart: at("2025-03-01T09:00:00Z"), completedCount: 2 })).toBeNull();
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

  test("a rule that can never match again has ended rather than searching forever", () => {
    expect(after("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "2025-01-01T00:00:00Z")).toBeNull();
  });
});

describe("time zones and DST", () => {
  const ny = "America/New_York";

  test("a daily 09:00 task in New York stays 09:00 local across the March change", () => {
    // 2025-03-09 02:00 EST → 03:00 EDT: 09:00 is 14:00Z before, 13:00Z after.
    expect(after("FREQ=DAILY", "2025-03-08T14:00:00Z", ny)).toBe("2025-03-09T13:00:00.000Z");
    expect(after("FREQ=DAILY", "2025-03-09T13:00:00Z", ny)).toBe("2025-03-10T13:00:00.000Z");
  });

  test("and across the November change", () => {
    expect(after("FREQ=DAILY", "2025-11-01T13:00:00Z", ny)).toBe("2025-11-02T14:00:00.000Z");
  });

  test("a weekly rule keeps local time across the change too", () => {
    expect(after("FREQ=WEEKLY;BYDAY=MO", "2025-03-03T14:00:00Z", ny)).toBe("2025-03-10T13:00:00.000Z");
  });

  test("a local time the spring change skips moves forward by the gap", () => {
    // 02:30 does not exist on 2025-03-09 in New York: it is 03:30 EDT (07:30Z).
    expect(after("FREQ=DAILY", "2025-03-08T07:30:00Z", ny)).toBe("2025-03-09T07:30:00.000Z");
    // Anchored at the series' original 02:30, the day after is 02:30 again.
    const fromSeriesStart = nextOccurrence({ rrule: "FREQ=DAILY", after: at("2025-03-09T07:30:00Z"), dtstart: at("2025-03-08T07:30:00Z"), timeZone: ny, completedCount: 2 });
    expect(fromSeriesStart?.toISOString()).toBe("2025-03-10T06:30:00.000Z");
  });

  test("weekdays are the zone's, not UTC's: Friday 20:00 in New York is Saturday in UTC", () => {
    expect(after("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "2025-01-11T01:00:00Z", ny)).toBe("2025-01-14T01:00:00.000Z");
  });

  test("a date-only task (local midnight) stays at local midnight", () => {
    expect(after("FREQ=MONTHLY;BYMONTHDAY=-1", "2025-01-30T19:00:00Z", "Asia/Karachi")).toBe("2025-02-27T19:00:00.000Z");
  });
});

test("a malformed rule or unknown zone is an InvalidRuleError", () => {
  expect(() => after("FREQ=SOMETIMES", "2025-01-01T00:00:00Z")).toThrow(InvalidRuleError);
  expect(() => after("BYDAY=MO", "2025-01-01T00:00:00Z")).toThrow(InvalidRuleError);
  expect(() => after("FREQ=DAILY", "2025-01-01T00:00:00Z", "Mars/Olympus")).toThrow(InvalidRuleError);
});
