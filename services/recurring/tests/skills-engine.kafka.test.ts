import { afterAll, beforeAll, expect, test } from "bun:test";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { RepeatFrom } from "../../../gen/todo/v1/task_pb";
import { createOrchestrator } from "../../orchestrator/orchestrator";
import { waitFor } from "../../platform/testing/wait";
import { createSkills } from "../../skills/skills";
import { createRecurring } from "../recurring";
import { type RecurringStack, startRecurringStack } from "../testing/stack";

// Real Postgres + Kafka, the real orchestrator and the real skills service, with RECURRENCE_ENGINE=skills
// (strict): every occurrence comes over SkillService/NextOccurrence, called on behalf of the task's owner.
let env: RecurringStack;
beforeAll(async () => {
  env = await startRecurringStack([createOrchestrator, createSkills, createRecurring], {
    RECURRENCE_ENGINE: "skills",
  });
}, 60_000);
afterAll(() => env.stop());

/** How many NextOccurrence calls the skills service answered OK (proves the path and the auth). */
const nextOccurrenceCalls = async () => {
  const { values } = await env.stack.deps.metrics.rpcRequests.get();
  return values
    .filter(
      (v) =>
        v.labels.service === "todo.skills.v1.SkillService" &&
        v.labels.method === "NextOccurrence" &&
        v.labels.code === "OK",
    )
    .reduce((sum, v) => sum + v.value, 0);
};

test("the next occurrence comes from SkillService: Friday 09:00 EST → Monday 09:00 EDT for every weekday", async () => {
  const before = await nextOccurrenceCalls();
  const { task: first } = await env.user.tasks.createTask({
    title: "Every weekday",
    dueAt: { seconds: BigInt(Date.parse("2025-03-07T14:00:00Z") / 1000) },
    timeZone: "America/New_York",
    recurrence: { rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", repeatFrom: RepeatFrom.DUE },
  });
  await env.user.tasks.completeTask({ id: first!.id });
  const [, next] = await waitFor("the next instance", async () => {
    const series = await env.series(first!.id);
    return series.length === 2 && series;
  });
  expect(timestampDate(next!.dueAt!).toISOString()).toBe("2025-03-10T13:00:00.000Z");
  expect(await nextOccurrenceCalls()).toBe(before + 1);
});

test("COUNT=2 stops after two with the skills engine", async () => {
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
