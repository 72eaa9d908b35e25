import { afterAll, beforeAll, expect, test } from "bun:test";
import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { callerId } from "../../platform/auth/caller";
import { InvalidArgumentError } from "../../platform/errors";
import type { ServiceFactory } from "../../platform/service";
import { createOrchestrator } from "../../orchestrator/orchestrator";
import { nextOccurrence } from "../../../skills/recurring/next-occurrence";
import { SkillService, type NextOccurrenceRequest } from "../../../gen/todo/skills/v1/skill_service_pb";
import { RepeatFrom } from "../../../gen/todo/v1/task_pb";
import { createRecurring } from "../recurring";
import { waitFor } from "../testing/helpers";
import { startRecurringStack, type RecurringStack } from "../testing/stack";

// Real Postgres + Kafka, the real orchestrator, and RECURRENCE_ENGINE=skills: occurrences come over
// SkillService/NextOccurrence. services/skills does not exist yet, so this registers a real Connect
// SkillService as app "skills", answering with the Recurring agent of skills/ as that service will.
const calls: { request: NextOccurrenceRequest; caller: string }[] = [];
const recurringAgentService: ServiceFactory = async () => ({
  appId: "skills",
  services: [SkillService],
  routes(router) {
    router.service(SkillService, {
      nextOccurrence(request, context) {
        calls.push({ request, caller: callerId(context) });
        try {
          const next = nextOccurrence({
            rrule: request.rrule,
            after: timestampDate(request.after!),
            dtstart: timestampDate(request.dtstart!),
            timeZone: request.timeZone || "UTC",
            completedCount: request.completedCount,
          });
          return next ? { next: timestampFromDate(next) } : { ended: true };
        } catch (error) {
          if (error instanceof RangeError) throw new InvalidArgumentError([{ field: "rrule", description: error.message }]);
          throw error;
        }
      },
    });
  },
});

let env: RecurringStack;
beforeAll(async () => {
  env = await startRecurringStack([createOrchestrator, recurringAgentService, createRecurring], { RECURRENCE_ENGINE: "skills" });
}, 60_000);
afterAll(() => env.stop());

test("the next occurrence comes from SkillService, called on behalf of the task's owner", async () => {
  const { task: first } = await env.user.tasks.createTask({
    title: "Every other weekday",
    dueAt: { seconds: BigInt(Date.parse("2025-03-07T14:00:00Z") / 1000) },
    timeZone: "America/New_York",
    recurrence: { rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", repeatFrom: RepeatFrom.DUE },
  });
  await env.user.tasks.completeTask({ id: first!.id });
  const [, next] = await waitFor("the next instance", async () => {
    const series = await env.series(first!.id);
    return series.length === 2 && series;
  });
  // Friday 09:00 EST → Monday 09:00 EDT, across the March change.
  expect(timestampDate(next!.dueAt!).toISOString()).toBe("2025-03-10T13:00:00.000Z");
  const call = calls.find((c) => c.request.rrule === "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
  expect(call?.caller).toBe(env.user.userId);
  expect(call?.request).toMatchObject({ timeZone: "America/New_York", completedCount: 1 });
  expect(timestampDate(call!.request.after!).toISOString()).toBe("2025-03-07T14:00:00.000Z");
});

test("COUNT=2 over SkillService stops after two", async () => {
  const { task: first } = await env.user.tasks.createTask({
    title: "Twice",
    dueAt: { seconds: BigInt(Date.parse("2025-05-01T16:00:00Z") / 1000) },
    recurrence: { rrule: "FREQ=DAILY;COUNT=2", repeatFrom: RepeatFrom.DUE },
  });
  await env.user.tasks.completeTask({ id: first!.id });
  const [, second] = await waitFor("occurrence 2", async () => {
    const series = await env.series(first!.id);
    return series.length === 2 && series;
  });
  await env.user.tasks.completeTask({ id: second!.id });
  await waitFor("the second TaskCompleted on Kafka", () => env.completions.get(second!.id));
  await env.barrier(second!.id);
  expect(await env.series(first!.id)).toHaveLength(2);
});
