import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { durationFromMs, timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { eq } from "drizzle-orm";
import { ReminderScheduledSchema } from "../../../gen/todo/events/v1/reminder_events_pb";
import type { Reminder } from "../../../gen/todo/v1/task_pb";
import { decodeEvent, topics } from "../../platform/bus/event-codec";
import { narrowTo } from "../../platform/bus/typed-events";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { failureOf } from "../../platform/testing/outcome";
import { outbox } from "../db/schema";
import { createOrchestrator } from "../orchestrator";
import { registerSession, type Session } from "../testing/session";

const at = (iso: string) => timestampFromDate(new Date(iso));
const due = at("2031-05-01T12:00:00Z");
const before = (minutes: number) => ({
  when: { case: "remindBefore" as const, value: durationFromMs(minutes * 60_000) },
});
const absolute = (iso: string) => ({ when: { case: "remindAt" as const, value: at(iso) } });
const mask = (...paths: string[]) => ({ paths });

let stack: TestStack;
let alice: Session;

beforeAll(async () => {
  stack = await startTestStack([createOrchestrator], { kafka: false });
  alice = await registerSession(stack.baseUrl);
}, 60_000);
afterAll(() => stack.stop(), 60_000);

/** describe a stored reminder the way the test reads it: "-60m" or an ISO instant. */
const show = (reminder: Reminder | undefined) => {
  if (!reminder) return undefined;
  return reminder.when.case === "remindBefore"
    ? `-${Number(reminder.when.value.seconds) / 60}m`
    : reminder.when.case === "remindAt"
      ? timestampDate(reminder.when.value).toISOString()
      : "?";
};

/** scheduledTimes are the remind_ats of the task's ReminderScheduled events in the outbox, oldest first. */
async function scheduledTimes(taskId: string): Promise<string[][]> {
  const rows = await stack.deps.database.db.select().from(outbox).where(eq(outbox.key, taskId)).orderBy(outbox.id);
  return rows
    .filter((row) => row.topic === topics.reminders)
    .flatMap((row) => {
      const event = narrowTo(
        decodeEvent({ key: row.key, value: row.payload, headers: row.headers }),
        ReminderScheduledSchema,
      );
      return event ? [event.event.remindAts.map((t) => timestampDate(t).toISOString())] : [];
    });
}

describe("several reminders per task", () => {
  test("created with three: stored in order, reminder is the first, ReminderScheduled carries every time", async () => {
    const { task } = await alice.tasks.createTask({
      title: "dentist",
      dueAt: due,
      reminders: [before(60), before(10), absolute("2031-04-30T18:00:00Z")],
    });
    expect(task!.reminders.map(show)).toEqual(["-60m", "-10m", "2031-04-30T18:00:00.000Z"]);
    expect(show(task!.reminder)).toBe("-60m");
    expect(timestampDate(task!.effectiveRemindAt!).toISOString()).toBe("2031-05-01T11:00:00.000Z");
    const fetched = (await alice.tasks.getTask({ id: task!.id })).task!;
    expect(fetched.reminders.map(show)).toEqual(task!.reminders.map(show));
    expect(await scheduledTimes(task!.id)).toEqual([
      ["2031-04-30T18:00:00.000Z", "2031-05-01T11:00:00.000Z", "2031-05-01T11:50:00.000Z"],
    ]);
  });

  test("the old single reminder keeps working: it reads and writes the first", async () => {
    const { task } = await alice.tasks.createTask({ title: "old client", dueAt: due, reminder: before(30) });
    expect(task!.reminders.map(show)).toEqual(["-30m"]);
    const both = await alice.tasks.updateTask({
      id: task!.id,
      updateMask: mask("reminders"),
      reminders: [before(30), before(5)],
    });
    expect(both.task!.reminders.map(show)).toEqual(["-30m", "-5m"]);
    // An old client changes its reminder: the first is replaced, the second stays.
    const first = await alice.tasks.updateTask({ id: task!.id, updateMask: mask("reminder"), reminder: before(15) });
    expect(first.task!.reminders.map(show)).toEqual(["-15m", "-5m"]);
    // …and clearing it leaves the other one, which becomes the first.
    const cleared = await alice.tasks.updateTask({ id: task!.id, updateMask: mask("reminder") });
    expect(cleared.task!.reminders.map(show)).toEqual(["-5m"]);
    expect(show(cleared.task!.reminder)).toBe("-5m");
    const none = await alice.tasks.updateTask({ id: task!.id, updateMask: mask("reminders") });
    expect(none.task!.reminders).toEqual([]);
    expect(none.task!.reminder).toBeUndefined();
    expect(await scheduledTimes(task!.id)).toEqual([
      ["2031-05-01T11:30:00.000Z"],
      ["2031-05-01T11:30:00.000Z", "2031-05-01T11:55:00.000Z"],
      ["2031-05-01T11:45:00.000Z", "2031-05-01T11:55:00.000Z"],
      ["2031-05-01T11:55:00.000Z"],
    ]);
  });

  test("a moved due date moves the relative reminders, not the absolute one", async () => {
    const { task } = await alice.tasks.createTask({
      title: "flight",
      dueAt: due,
      reminders: [before(120), absolute("2031-04-01T09:00:00Z")],
    });
    await alice.tasks.updateTask({ id: task!.id, updateMask: mask("due_at"), dueAt: at("2031-05-02T12:00:00Z") });
    expect((await scheduledTimes(task!.id)).at(-1)).toEqual(["2031-04-01T09:00:00.000Z", "2031-05-02T10:00:00.000Z"]);
  });
});

describe("bad reminder lists are InvalidArgument with a field per index", () => {
  test("six reminders", async () => {
    const six = [1, 2, 3, 4, 5, 6].map(before);
    expect(await failureOf(alice.tasks.createTask({ title: "x", dueAt: due, reminders: six }))).toEqual({
      code: "InvalidArgument",
      fields: ["reminders"],
    });
    const { task } = await alice.tasks.createTask({ title: "x", dueAt: due });
    expect(
      (await failureOf(alice.tasks.updateTask({ id: task!.id, updateMask: mask("reminders"), reminders: six }))).code,
    ).toBe("InvalidArgument");
  });

  test("a relative reminder without a due date, a duplicate, an empty entry: each by its index", async () => {
    expect(
      await failureOf(
        alice.tasks.createTask({ title: "x", reminders: [absolute("2031-01-01T00:00:00Z"), before(10)] }),
      ),
    ).toEqual({ code: "InvalidArgument", fields: ["reminders[1].remind_before"] });
    expect(
      await failureOf(
        alice.tasks.createTask({ title: "x", dueAt: due, reminders: [before(10), before(20), before(10)] }),
      ),
    ).toEqual({ code: "InvalidArgument", fields: ["reminders[2]"] });
    expect(await failureOf(alice.tasks.createTask({ title: "x", dueAt: due, reminders: [before(10), {}] }))).toEqual({
      code: "InvalidArgument",
      fields: ["reminders[1]"],
    });
  });

  test("the contract's own bounds name the index too", async () => {
    const tooFar = { when: { case: "remindBefore" as const, value: durationFromMs(400 * 86_400_000) } };
    const result = await failureOf(alice.tasks.createTask({ title: "x", dueAt: due, reminders: [before(5), tooFar] }));
    expect(result.code).toBe("InvalidArgument");
    expect(result.fields).toEqual(["reminders[1].remind_before"]);
  });

  test("reminder and reminders together; both mask paths together", async () => {
    expect(
      await failureOf(alice.tasks.createTask({ title: "x", dueAt: due, reminder: before(5), reminders: [before(10)] })),
    ).toEqual({ code: "InvalidArgument", fields: ["reminder"] });
    const { task } = await alice.tasks.createTask({ title: "x", dueAt: due });
    expect(
      await failureOf(
        alice.tasks.updateTask({ id: task!.id, updateMask: mask("reminder", "reminders"), reminders: [before(1)] }),
      ),
    ).toEqual({ code: "InvalidArgument", fields: ["update_mask"] });
  });

  test("clearing the due date under a second relative reminder names that reminder; nothing changes", async () => {
    const { task } = await alice.tasks.createTask({
      title: "x",
      dueAt: due,
      reminders: [absolute("2031-04-01T00:00:00Z"), before(10)],
    });
    expect(await failureOf(alice.tasks.updateTask({ id: task!.id, updateMask: mask("due_at") }))).toEqual({
      code: "InvalidArgument",
      fields: ["reminders[1].remind_before"],
    });
    expect((await alice.tasks.getTask({ id: task!.id })).task!.version).toBe(task!.version);
  });
});
