// Needs real Postgres and Kafka (npm run infra:up).
import { expect, test } from "bun:test";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import { RecurringTaskGeneratedSchema } from "../../../gen/todo/events/v1/audit_events_pb";
import {
  SavedFilterChangedSchema,
  SavedFilterCreatedSchema,
  SavedFilterDeletedSchema,
} from "../../../gen/todo/events/v1/filter_events_pb";
import { ReminderScheduledSchema } from "../../../gen/todo/events/v1/reminder_events_pb";
import { TaskCompletedSchema, TaskCreatedSchema, TaskUpdatedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import type { AuditEvent, ListAuditEventsRequestSchema } from "../../../gen/todo/v1/audit_service_pb";
import { SavedFilterChangeKind } from "../../../gen/todo/v1/filter_pb";
import { topics } from "../../platform/bus/event-codec";
import { waitFor } from "../../platform/testing/wait";
import { auditClient, auditStackForFile, event, publish } from "../testing/kit";

const audit = auditStackForFile();

type ListInit = MessageInitShape<typeof ListAuditEventsRequestSchema>;

/** pages lists a user's records with the given filter, following page tokens, and returns every page. */
async function pages(userId: string, init: ListInit): Promise<AuditEvent[][]> {
  const client = await auditClient(audit.stack, userId);
  const result: AuditEvent[][] = [];
  let pageToken = "";
  do {
    const page = await client.listAuditEvents({ ...init, pageToken });
    result.push(page.events);
    pageToken = page.nextPageToken;
  } while (pageToken && result.length < 20);
  return result;
}

const countOf = async (userId: string) => (await pages(userId, { pageSize: 200 })).flat().length;

test("each event is recorded once, with its topic, task and summary; another user's records stay invisible", async () => {
  const alice = crypto.randomUUID();
  const bob = crypto.randomUUID();
  const taskId = crypto.randomUUID();
  const created = event(TaskCreatedSchema, alice, { task: { id: taskId, title: "Buy milk" } });
  // The duplicate goes first on the task's partition, so once TaskCompleted is in, the duplicate was seen.
  await publish(audit.stack, topics.taskEvents, taskId, created, created);
  await publish(
    audit.stack,
    topics.taskEvents,
    taskId,
    event(TaskCompletedSchema, alice, { task: { id: taskId, title: "Buy milk" } }),
  );
  await publish(
    audit.stack,
    topics.reminders,
    taskId,
    event(ReminderScheduledSchema, alice, {
      taskId,
      title: "Buy milk",
      remindAt: timestampFromDate(new Date("2025-05-01T12:00:00Z")),
    }),
  );
  await publish(
    audit.stack,
    topics.auditEvents,
    taskId,
    event(RecurringTaskGeneratedSchema, alice, {
      completedTaskId: taskId,
      nextTaskId: crypto.randomUUID(),
      title: "Buy milk",
    }),
  );
  await publish(
    audit.stack,
    topics.taskEvents,
    "bobs-task",
    event(TaskCreatedSchema, bob, { task: { id: "bobs-task", title: "Bob's" } }),
  );

  const completedIn = async () =>
    (await pages(alice, { eventTypes: ["TaskCompleted"] })).flat().length === 1 &&
    (await countOf(alice)) >= 4 &&
    (await countOf(bob)) >= 1;
  await waitFor("alice's four events and bob's one", completedIn);

  const records = (await pages(alice, {})).flat();
  expect(records).toHaveLength(4);
  expect(new Set(records.map((r) => r.eventId)).size).toBe(4);
  expect(records.filter((r) => r.eventId === created.meta!.eventId)).toHaveLength(1);
  expect(records.map((r) => Number(r.sequence))).toEqual([4, 3, 2, 1]);
  const byType = new Map(records.map((r) => [r.eventType, r]));
  expect(byType.get("todo.events.v1.TaskCreated")).toMatchObject({
    topic: "task-events",
    taskId,
    summary: 'Task created: "Buy milk"',
  });
  expect(byType.get("todo.events.v1.ReminderScheduled")).toMatchObject({ topic: "reminders", taskId });
  expect(byType.get("todo.events.v1.RecurringTaskGenerated")).toMatchObject({ topic: "audit-events", taskId });
  const createdRecord = byType.get("todo.events.v1.TaskCreated")!;
  expect(JSON.parse(createdRecord.payloadJson)).toMatchObject({
    task: { id: taskId, title: "Buy milk" },
    meta: { userId: alice },
  });
  expect(createdRecord.hash).toMatch(/^[0-9a-f]{64}$/);

  const bobs = (await pages(bob, {})).flat();
  expect(bobs.map((r) => r.taskId)).toEqual(["bobs-task"]);
  expect((await pages(bob, { taskId })).flat()).toEqual([]);
  const bobClient = await auditClient(audit.stack, bob);
  expect(await bobClient.verifyAuditChain({})).toMatchObject({ valid: true, checked: 1n });
});

test("saved-filter events are recorded with their name and query; their live snapshot is not", async () => {
  const carol = crypto.randomUUID();
  const savedFilter = { id: crypto.randomUUID(), name: "Urgent work", query: "#work & p1" };
  await publish(
    audit.stack,
    topics.taskUpdates,
    savedFilter.id,
    event(SavedFilterChangedSchema, carol, { kind: SavedFilterChangeKind.CREATED, savedFilter }),
  );
  await publish(
    audit.stack,
    topics.taskEvents,
    savedFilter.id,
    event(SavedFilterCreatedSchema, carol, { savedFilter }),
  );
  await publish(
    audit.stack,
    topics.taskEvents,
    savedFilter.id,
    event(SavedFilterDeletedSchema, carol, { savedFilter }),
  );
  await waitFor("carol's two saved-filter records", async () => (await countOf(carol)) >= 2);
  await Bun.sleep(300);
  const records = (await pages(carol, {})).flat();
  expect(records.map((r) => [r.eventType, r.topic, r.taskId, r.summary])).toEqual([
    ["todo.events.v1.SavedFilterDeleted", "task-events", "", 'Saved filter deleted: "Urgent work"'],
    ["todo.events.v1.SavedFilterCreated", "task-events", "", 'Filter saved: "Urgent work" = #work & p1'],
  ]);
});

test("filters by task, event type and time range, and pages through 25 records ten at a time", async () => {
  const carol = crypto.randomUUID();
  const [first, second] = [crypto.randomUUID(), crypto.randomUUID()];
  const base = Date.UTC(2025, 5, 1, 9, 0, 0);
  const at = (minute: number) => new Date(base + minute * 60_000);
  const forTask = (taskId: string, count: number, offset: number) =>
    Array.from({ length: count }, (_, i) =>
      i === 0
        ? event(TaskCreatedSchema, carol, { task: { id: taskId, title: `task ${taskId.slice(0, 4)}` } }, at(offset))
        : event(
            TaskUpdatedSchema,
            carol,
            { task: { id: taskId, title: `edit ${i}` }, changedFields: ["title"] },
            at(offset + i),
          ),
    );
  await publish(audit.stack, topics.taskEvents, first, ...forTask(first, 10, 0));
  await publish(audit.stack, topics.taskEvents, second, ...forTask(second, 15, 100));
  await waitFor("carol's 25 events", async () => (await countOf(carol)) === 25);

  const paged = await pages(carol, { pageSize: 10 });
  expect(paged.map((p) => p.length)).toEqual([10, 10, 5]);
  expect(paged.flat().map((r) => Number(r.sequence))).toEqual(Array.from({ length: 25 }, (_, i) => 25 - i));

  const firstOnly = (await pages(carol, { taskId: first, pageSize: 4 })).flat();
  expect(firstOnly).toHaveLength(10);
  expect(firstOnly.every((r) => r.taskId === first)).toBe(true);
  expect((await pages(carol, { taskId: second, pageSize: 10 })).map((p) => p.length)).toEqual([10, 5]);

  const created = (await pages(carol, { eventTypes: ["TaskCreated"] })).flat();
  expect(created.map((r) => r.taskId).sort()).toEqual([first, second].sort());
  const fullName = (await pages(carol, { eventTypes: ["todo.events.v1.TaskUpdated"] })).flat();
  expect(fullName).toHaveLength(23);

  // Minutes 3..8 of the first task: after minute 2, before minute 9.
  const window = (
    await pages(carol, { occurredAfter: timestampFromDate(at(2)), occurredBefore: timestampFromDate(at(9)) })
  ).flat();
  expect(window.map((r) => r.occurredAt!.seconds).sort()).toEqual(
    [3, 4, 5, 6, 7, 8].map((m) => BigInt((base + m * 60_000) / 1000)),
  );
  const combined = (
    await pages(carol, { taskId: second, eventTypes: ["TaskUpdated"], occurredAfter: timestampFromDate(at(110)) })
  ).flat();
  expect(combined).toHaveLength(4);
});

test("a page token only continues the listing that made it", async () => {
  const dave = crypto.randomUUID();
  await publish(
    audit.stack,
    topics.taskEvents,
    "d",
    ...Array.from({ length: 3 }, () => event(TaskCreatedSchema, dave, { task: { id: "d", title: "d" } })),
  );
  await waitFor("dave's events", async () => (await countOf(dave)) === 3);
  const client = await auditClient(audit.stack, dave);
  const page = await client.listAuditEvents({ pageSize: 1 });
  expect(page.nextPageToken).not.toBe("");
  const misuse = await client
    .listAuditEvents({ pageSize: 1, taskId: "other", pageToken: page.nextPageToken })
    .catch((e: unknown) => e);
  expect(ConnectError.from(misuse).code).toBe(Code.InvalidArgument);
  const tooBig = await client.listAuditEvents({ pageSize: 201 }).catch((e: unknown) => e);
  expect(ConnectError.from(tooBig).code).toBe(Code.InvalidArgument);
});

test("without a token the log answers Unauthenticated", async () => {
  const anonymous = await auditClient(audit.stack);
  const refused = await anonymous.listAuditEvents({}).catch((e: unknown) => e);
  expect(ConnectError.from(refused).code).toBe(Code.Unauthenticated);
});
