import { expect, test } from "bun:test";
import { Code, ConnectError } from "@connectrpc/connect";
import { createLogger } from "../../platform/logger";
import { InvalidRuleError, type OccurrenceQuery } from "../domain/next-occurrence";
import { localOccurrenceEngine, type OccurrenceEngine } from "../domain/occurrence-engine";
import { withFallback } from "./skill-occurrence-engine";

const logger = createLogger("recurring-test", "silent");
const query: OccurrenceQuery = {
  rrule: "FREQ=DAILY",
  after: new Date("2025-01-01T09:00:00Z"),
  dtstart: new Date("2025-01-01T09:00:00Z"),
  timeZone: "UTC",
  completedCount: 1,
};
const failing = (error: unknown): OccurrenceEngine => ({ name: "skills", next: () => Promise.reject(error) });
const answering = (date: Date | null): OccurrenceEngine => ({ name: "skills", next: async () => date });

test("the primary engine's answer is used when it answers, including 'ended'", async () => {
  expect(
    await withFallback(answering(new Date("2030-01-01T00:00:00Z")), localOccurrenceEngine, logger).next(query),
  ).toEqual(new Date("2030-01-01T00:00:00Z"));
  expect(await withFallback(answering(null), localOccurrenceEngine, logger).next(query)).toBeNull();
});

test("a skills service that cannot answer (down, absent, not configured, failing) gives way to the local engine", async () => {
  const expected = new Date("2025-01-02T09:00:00Z");
  const failures = [
    new ConnectError("down", Code.Unavailable),
    new ConnectError("no route", Code.Unimplemented),
    new ConnectError("boom", Code.Internal),
    new Error('no in-process service registered as "skills"'),
  ];
  for (const error of failures) {
    expect(await withFallback(failing(error), localOccurrenceEngine, logger).next(query)).toEqual(expected);
  }
});

test("a rule the agent refuses is decided by the local engine, whose verdict is final", async () => {
  // The orchestrator accepts BYSETPOS; the Recurring agent does not read it. Last weekday of the month:
  const lastWeekday = { ...query, rrule: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1" };
  const refusing = withFallback(failing(new InvalidRuleError("unsupported RRULE")), localOccurrenceEngine, logger);
  expect(await refusing.next(lastWeekday)).toEqual(new Date("2025-01-31T09:00:00Z"));
  await expect(refusing.next({ ...query, rrule: "FREQ=SOMETIMES" })).rejects.toBeInstanceOf(InvalidRuleError);
});
