// Needs real Postgres (npm run infra:up); events go through the in-memory bus, email to a real SMTP sink.
// Reminders of assigned tasks (issue 15), driven by the events the orchestrator publishes, crafted here so that
// their order, redelivery and age can be chosen: the two topics (reminders, task-events) are not ordered.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { AccountDeletedSchema } from "../../../gen/todo/events/v1/audit_events_pb";
import { ProjectOwnershipTransferredSchema } from "../../../gen/todo/events/v1/share_events_pb";
import { TaskAssignedSchema, TaskCreatedSchema, TaskUpdatedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import { TaskStatus } from "../../../gen/todo/v1/task_pb";
import { type BusMessage, encodeEvent, newEventMeta, topics } from "../../platform/bus/event-codec";
import { waitFor } from "../../platform/testing/wait";
import { notificationClient, reminderScheduled, scheduleRows } from "../testing/kit";
import { type SinkStack, startSinkStack } from "../testing/sink-stack";

let mail: SinkStack;

beforeAll(async () => {
  mail = await startSinkStack({}, { NOTIFICATION_SAFETY_POLL_MS: "200" });
}, 30_000);

afterAll(() => mail?.stop(), 30_000);

const source = "/taskmesh/test";
const person = () => crypto.randomUUID();
const soon = (ms: number) => new Date(Math.ceil((Date.now() + ms) / 1000) * 1000);

/** TaskFacts are a task as a task event carries it: its owner (meta.user_id), version, assignee and project. */
interface TaskFacts {
  taskId: string;
  ownerId: string;
  version: number;
  title: string;
  assigneeId?: string;
  projectId?: string;
  /** at is when the event happened (default now). */
  at?: Date;
}

const meta = (f: TaskFacts) => newEventMeta({ userId: f.ownerId, correlationId: crypto.randomUUID(), at: f.at });
const taskOf = (f: TaskFacts) => ({
  id: f.taskId,
  title: f.title,
  status: TaskStatus.OPEN,
  version: BigInt(f.version),
  timeZone: "UTC",
  assigneeId: f.assigneeId ?? "",
  projectId: f.projectId ?? "",
});

const assigned = (f: TaskFacts, actorId = "") =>
  encodeEvent(create(TaskAssignedSchema, { meta: meta(f), task: taskOf(f), actorId }), f.taskId, source);
const updated = (f: TaskFacts) =>
  encodeEvent(
    create(TaskUpdatedSchema, { meta: meta(f), task: taskOf(f), changedFields: ["assignee_id"] }),
    f.taskId,
    source,
  );
/** created is a TaskCreated of a task with a reminder (so the service tracks it before its ReminderScheduled). */
const created = (f: TaskFacts, remindAt: Date) =>
  encodeEvent(
    create(TaskCreatedSchema, {
      meta: meta(f),
      task: { ...taskOf(f), reminders: [{ when: { case: "remindAt", value: timestampFromDate(remindAt) } }] },
    }),
    f.taskId,
    source,
  );
const scheduled = (f: TaskFacts, remindAt: Date) =>
  reminderScheduled({ taskId: f.taskId, userId: f.ownerId, remindAt, taskVersion: f.version, title: f.title });

const toTasks = (...messages: BusMessage[]) => mail.stack.deps.bus.publish(topics.taskEvents, messages);
const toReminders = (...messages: BusMessage[]) => mail.stack.deps.bus.publish(topics.reminders, messages);

/** reminderMail is the reminder emails a person got for a title (an assignment's announcement is not one). */
const reminderMail = (userId: string, title: string) =>
  mail.mailTo(userId).filter((m) => m.subject === `Reminder: ${title}`);
/** reminderEntries is a person's inbox entries of a task's reminders (titled as the task). */
const reminderEntries = async (userId: string, title: string) =>
  (await (await notificationClient(mail.stack, userId)).listNotifications({})).notifications.filter(
    (n) => n.title === title,
  );
const recipientOf = async (taskId: string) => (await scheduleRows(mail.stack.deps.database.db, taskId))[0]?.userId;
const delivered = (taskId: string) => async () =>
  (await scheduleRows(mail.stack.deps.database.db, taskId))[0]?.state === "delivered";

/** reachedOnly checks that the reminder of `title` reached `to` by email and in-app, once, and nobody in `not`. */
async function reachedOnly(title: string, to: string, not: string[]) {
  expect(reminderMail(to, title)).toHaveLength(1);
  expect(await reminderEntries(to, title)).toHaveLength(1);
  for (const other of not) {
    expect(reminderMail(other, title)).toHaveLength(0);
    expect(await reminderEntries(other, title)).toHaveLength(0);
  }
}

describe("reminders of an assigned task", () => {
  test("go to the assignee by email and in-app, not to the owner, whichever topic arrives first", async () => {
    const [owner, assignee] = [person(), person()];
    const first = { taskId: crypto.randomUUID(), ownerId: owner, version: 2, title: "report", assigneeId: assignee };
    const second = { ...first, taskId: crypto.randomUUID(), title: "slides" };
    const at = soon(2500);
    // The schedule before the assignment, and the other way round.
    await toReminders(scheduled(first, at));
    await toTasks(assigned(first, owner), assigned(second, owner));
    await toReminders(scheduled(second, at));
    await waitFor(
      "both reminders",
      async () => (await delivered(first.taskId)()) && delivered(second.taskId)(),
      10_000,
    );
    await waitFor("their emails", () => reminderMail(assignee, "slides").length > 0, 5000);
    await reachedOnly("report", assignee, [owner]);
    await reachedOnly("slides", assignee, [owner]);
  }, 30_000);

  test("reassigning before the time re-targets; a redelivered or older event changes nothing", async () => {
    const [owner, first, second] = [person(), person(), person()];
    const v2 = { taskId: crypto.randomUUID(), ownerId: owner, version: 2, title: "call plumber", assigneeId: first };
    const at = soon(4000);
    const toFirst = assigned(v2);
    await toTasks(toFirst);
    await toReminders(scheduled(v2, at));
    await waitFor("armed for the first assignee", async () => (await recipientOf(v2.taskId)) === first, 5000);
    await toTasks(assigned({ ...v2, version: 3, assigneeId: second }));
    await waitFor("re-targeted", async () => (await recipientOf(v2.taskId)) === second, 5000);
    // The first assignment again (redelivered), and an older update that still names the first assignee.
    await toTasks(toFirst, updated({ ...v2, version: 1 }), updated(v2));
    await Bun.sleep(500);
    expect(await recipientOf(v2.taskId)).toBe(second);
    await waitFor("delivered", delivered(v2.taskId), 10_000);
    await waitFor("the email", () => reminderMail(second, "call plumber").length > 0, 5000);
    await reachedOnly("call plumber", second, [first, owner]);
  }, 30_000);

  test("unassigning gives the reminder back to the owner; the older assignment redelivered does not take it again", async () => {
    const [owner, assignee] = [person(), person()];
    const v2 = { taskId: crypto.randomUUID(), ownerId: owner, version: 2, title: "water plants", assigneeId: assignee };
    const toAssignee = assigned(v2);
    await toTasks(toAssignee);
    await toReminders(scheduled(v2, soon(3000)));
    await waitFor("armed for the assignee", async () => (await recipientOf(v2.taskId)) === assignee, 5000);
    await toTasks(updated({ ...v2, version: 3, assigneeId: "" }), assigned({ ...v2, version: 3, assigneeId: "" }));
    await waitFor("back to the owner", async () => (await recipientOf(v2.taskId)) === owner, 5000);
    // Redelivered (the same event), and the same older assignment published again (a new event id).
    await toTasks(toAssignee, assigned(v2));
    await Bun.sleep(500);
    expect(await recipientOf(v2.taskId)).toBe(owner);
    await waitFor("delivered", delivered(v2.taskId), 10_000);
    await waitFor("the email", () => reminderMail(owner, "water plants").length > 0, 5000);
    await reachedOnly("water plants", owner, [assignee]);
  }, 30_000);

  test("a transfer moves the owner's reminders of the tree to the new owner; an event from before it does not move them back", async () => {
    const [former, next, assignee] = [person(), person(), person()];
    const [top, sub, elsewhere] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const at = soon(4000);
    const before = new Date(Date.now() - 60_000);
    const inSub = { taskId: crypto.randomUUID(), ownerId: former, version: 1, title: "budget", projectId: sub };
    const held = { ...inSub, taskId: crypto.randomUUID(), title: "minutes", projectId: top, assigneeId: assignee };
    const other = { ...inSub, taskId: crypto.randomUUID(), title: "own errand", projectId: elsewhere };
    for (const task of [inSub, held, other]) {
      await toTasks(created(task, at));
      await toReminders(scheduled(task, at));
    }
    await waitFor("armed", async () => (await recipientOf(other.taskId)) === former, 5000);
    const transfer = create(ProjectOwnershipTransferredSchema, {
      meta: newEventMeta({ userId: next, correlationId: crypto.randomUUID() }),
      actorId: former,
      projectId: top,
      fromUserId: former,
      toUserId: next,
      projectIds: [top, sub],
    });
    await toTasks(encodeEvent(transfer, top, source));
    await waitFor("the new owner's", async () => (await recipientOf(inSub.taskId)) === next, 5000);
    // Late: an update from before the transfer, still naming the former owner.
    await toTasks(updated({ ...inSub, at: before }));
    await Bun.sleep(500);
    expect(await recipientOf(inSub.taskId)).toBe(next);
    for (const task of [inSub, held, other]) await waitFor(task.title, delivered(task.taskId), 10_000);
    await waitFor("the emails", () => reminderMail(former, "own errand").length > 0, 5000);
    await reachedOnly("budget", next, [former]);
    await reachedOnly("minutes", assignee, [former, next]);
    await reachedOnly("own errand", former, [next]);
  }, 30_000);

  test("a deleted assignee's reminders go back to the owner; a deleted owner's assigned tasks remind nobody", async () => {
    const [owner, assignee] = [person(), person()];
    const v2 = { taskId: crypto.randomUUID(), ownerId: owner, version: 2, title: "file taxes", assigneeId: assignee };
    // The assignee's own task, assigned to the owner: it goes with the assignee's account.
    const theirs = { ...v2, taskId: crypto.randomUUID(), ownerId: assignee, title: "their own", assigneeId: owner };
    for (const task of [v2, theirs]) {
      await toTasks(assigned(task));
      await toReminders(scheduled(task, soon(3000)));
    }
    await waitFor("armed for the assignee", async () => (await recipientOf(v2.taskId)) === assignee, 5000);
    await waitFor("armed for the owner", async () => (await recipientOf(theirs.taskId)) === owner, 5000);
    const deleted = create(AccountDeletedSchema, {
      meta: newEventMeta({ userId: assignee, correlationId: crypto.randomUUID() }),
    });
    await mail.stack.deps.bus.publish(topics.auditEvents, [encodeEvent(deleted, assignee, source)]);
    await waitFor("back to the owner", async () => (await recipientOf(v2.taskId)) === owner, 5000);
    expect(await scheduleRows(mail.stack.deps.database.db, theirs.taskId)).toHaveLength(0);
    await waitFor("delivered", delivered(v2.taskId), 10_000);
    await waitFor("the email", () => reminderMail(owner, "file taxes").length > 0, 5000);
    await reachedOnly("file taxes", owner, [assignee]);
    expect(reminderMail(owner, "their own")).toHaveLength(0);
  }, 30_000);
});
