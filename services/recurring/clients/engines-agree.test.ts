import { expect, test } from "bun:test";
import { nextOccurrence as agentNextOccurrence } from "../../../skills/recurring/next-occurrence";
import { nextOccurrence, type OccurrenceQuery } from "../domain/next-occurrence";

// "auto" switches between the Recurring agent (over SkillService) and the local engine when skills is
// unreachable; both must give the same answer or a series would drift with the network.
const cases: [string, string, string, number][] = [
  ["FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "2025-01-10T09:00:00Z", "UTC", 1],
  ["FREQ=MONTHLY;BYDAY=2MO", "2025-01-13T10:00:00Z", "Asia/Karachi", 1],
  ["FREQ=MONTHLY;BYMONTHDAY=-1", "2024-01-31T08:00:00Z", "Europe/London", 3],
  ["FREQ=DAILY;INTERVAL=3", "2025-01-30T07:30:00Z", "UTC", 1],
  ["FREQ=DAILY;COUNT=2", "2025-01-01T09:00:00Z", "UTC", 1],
  ["FREQ=DAILY;COUNT=2", "2025-01-02T09:00:00Z", "UTC", 2],
  ["FREQ=DAILY;UNTIL=20250103T090000Z", "2025-01-02T09:00:00Z", "UTC", 1],
  ["FREQ=DAILY;UNTIL=20250103T090000Z", "2025-01-03T09:00:00Z", "UTC", 2],
  ["FREQ=DAILY", "2025-03-08T14:00:00Z", "America/New_York", 1],
  ["FREQ=DAILY", "2025-11-01T13:00:00Z", "America/New_York", 1],
  ["FREQ=WEEKLY;BYDAY=MO", "2025-03-03T14:00:00Z", "America/New_York", 1],
];

test.each(cases)("%s after %s in %s (occurrence %d): the local engine agrees with the Recurring agent", (rrule, from, timeZone, completedCount) => {
  const query: OccurrenceQuery = { rrule, after: new Date(from), dtstart: new Date(from), timeZone, completedCount };
  expect(nextOccurrence(query)?.toISOString() ?? null).toBe(agentNextOccurrence(query)?.toISOString() ?? null);
});
