import { expect, test } from "bun:test";
import { InvalidRuleError, nextOccurrence } from "./next-occurrence";

// The expansion itself (RFC 5545 patterns, COUNT, UNTIL, DST, bounds) is the vocabulary's and is tested
// in vocabulary/recurrence/expand.test.ts; this is the recurring service's seam over it.
const at = (iso: string) => new Date(iso);
const after = async (rrule: string, from: string, timeZone = "UTC", completedCount = 1) =>
  (await nextOccurrence({ rrule, after: at(from), dtstart: at(from), timeZone, completedCount }))?.toISOString() ??
  null;

test("the local engine reads the rules the orchestrator accepts, in the task's zone", async () => {
  expect(await after("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2025-01-01T09:00:00Z")).toBe(
    "2025-01-31T09:00:00.000Z",
  );
  expect(await after("FREQ=DAILY", "2025-03-08T14:00:00Z", "America/New_York")).toBe("2025-03-09T13:00:00.000Z");
  expect(await after("FREQ=DAILY;COUNT=2", "2025-01-02T09:00:00Z", "UTC", 2)).toBeNull();
});

test("a malformed or never-firing rule, or an unknown zone, is an InvalidRuleError", async () => {
  await expect(after("FREQ=SOMETIMES", "2025-01-01T00:00:00Z")).rejects.toThrow(InvalidRuleError);
  await expect(after("BYDAY=MO", "2025-01-01T00:00:00Z")).rejects.toThrow(InvalidRuleError);
  await expect(after("FREQ=DAILY", "2025-01-01T00:00:00Z", "Mars/Olympus")).rejects.toThrow(InvalidRuleError);
  await expect(after("FREQ=DAILY;BYYEARDAY=1;BYMONTH=7", "2025-01-01T00:00:00Z")).rejects.toThrow(InvalidRuleError);
  await expect(after("FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30", "2025-01-01T00:00:00Z")).rejects.toThrow(InvalidRuleError);
});
