import { expect, test } from "bun:test";
import { InvalidRuleError, nextOccurrence } from "./next-occurrence";

// The expansion itself (RFC 5545 patterns, COUNT, UNTIL, DST) is the skills library's and is tested
// in skills/recurring/next-occurrence.test.ts; this is the recurring service's seam over it.
const at = (iso: string) => new Date(iso);
const after = (rrule: string, from: string, timeZone = "UTC", completedCount = 1) =>
  nextOccurrence({ rrule, after: at(from), dtstart: at(from), timeZone, completedCount })?.toISOString() ?? null;

test("the local engine reads the rules the orchestrator accepts, in the task's zone", () => {
  expect(after("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2025-01-01T09:00:00Z")).toBe("2025-01-31T09:00:00.000Z");
  expect(after("FREQ=DAILY", "2025-03-08T14:00:00Z", "America/New_York")).toBe("2025-03-09T13:00:00.000Z");
  expect(after("FREQ=DAILY;COUNT=2", "2025-01-02T09:00:00Z", "UTC", 2)).toBeNull();
});

test("a malformed rule or unknown zone is an InvalidRuleError", () => {
  expect(() => after("FREQ=SOMETIMES", "2025-01-01T00:00:00Z")).toThrow(InvalidRuleError);
  expect(() => after("BYDAY=MO", "2025-01-01T00:00:00Z")).toThrow(InvalidRuleError);
  expect(() => after("FREQ=DAILY", "2025-01-01T00:00:00Z", "Mars/Olympus")).toThrow(InvalidRuleError);
});
