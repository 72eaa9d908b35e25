import { expect, test } from "bun:test";
import { Code, ConnectError } from "@connectrpc/connect";
import { createLogger } from "../../platform/logger";
import { InvalidRuleError, type OccurrenceQuery } from "../domain/next-occurrence";
import { localOccurrenceEngine, type OccurrenceEngine } from "../domain/occurrence-engine";
import { withFallback } from "./skill-occurrence-engine";

const logger = createLogger("recurring-test", "silent");
const query: OccurrenceQuery = { rrule: "FREQ=DAILY", after: new Date("2025-01-01T09:00:00Z"), dtstart: new Date("2025-01-01T09:00:00Z"), timeZone: "UTC", completedCount: 1 };
const failing = (error: unknown): OccurrenceEngine => ({ name: "skills", next: () => Promise.reject(error) });
const answering = (date: Date | null): OccurrenceEngine => ({ name: "skills", next: async () => date });

test("the primary engine's answer is used when it answers, including 'ended'", async () => {
  expect(await withFallback(answering(new Date("2030-01-01T00:00:00Z")), localOccurrenceEngine, logger).next(query)).toEqual(new Date("2030-01-01T00:00:00Z"));
  expect(await withFallback(answering(null), localOccurrenceEngine, logger).next(query)).toBeNull();
});

test("an unreachable skills service (down, absent, not configured) falls back to the local engine", async () => {
  const expected = new Date("2025-01-02T09:00:00Z");
  for (const error of [new ConnectError("down", Code.Unavailable), new ConnectError("no route", Code.Unimplemented), new Error('no in-process service registered as "skills"')]) {
    expect(await withFallback(failing(error), localOccurrenceEngine, logger).next(query)).toEqual(expected);
  }
});

test("a verdict on the rule is not hidden by the fallback", async () => {
  const engine = withFallback(failing(new InvalidRuleError("bad rule")), localOccurrenceEngine, logger);
  expect(engine.next(query)).rejects.toBeInstanceOf(InvalidRuleError);
  const refused = withFallback(failing(new ConnectError("no", Code.PermissionDenied)), localOccurrenceEngine, logger);
  expect(refused.next(query)).rejects.toBeInstanceOf(ConnectError);
});
