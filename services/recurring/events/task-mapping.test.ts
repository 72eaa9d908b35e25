import { expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { DurationSchema, timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  Priority,
  RecurrenceSchema,
  RepeatFrom,
  type Task,
  TaskSchema,
  TaskStatus,
} from "../../../gen/todo/v1/task_pb";
import { CreateTaskRequestSchema } from "../../../gen/todo/v1/task_service_pb";
import { nextInstance } from "../domain/series";
import { completedTaskOf, createTaskRequestOf, requestIdFor } from "./task-mapping";

const at = (iso: string) => new Date(iso);
const eventTime = at("2025-01-05T15:00:01Z");
/** The completed task's id, and where a placed one sits (project, section, parent) and who holds it. */
const taskId = "0190f0e0-0000-7000-8000-000000000001";
const placed = {
  projectId: "0190f0e0-0000-7000-8000-00000000000a",
  sectionId: "0190f0e0-0000-7000-8000-00000000000b",
  parentId: "0190f0e0-0000-7000-8000-00000000000c",
  assigneeId: "0190f0e0-0000-7000-8000-00000000000d",
};

const completedMessage = (change: (task: Task) => void = () => {}) => {
  const task = create(TaskSchema, {
    id: taskId,
    title: "Standup notes",
    description: "post in #team",
    priority: Priority.HIGH,
    tags: ["work"],
    dueAt: timestampFromDate(at("2025-01-06T14:00:00Z")),
    timeZone: "America/New_York",
    reminder: { when: { case: "remindAt", value: timestampFromDate(at("2025-01-06T13:45:00Z")) } },
    recurrence: {
      rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
      repeatFrom: RepeatFrom.COMPLETION,
      seriesId: "",
      occurrence: 0,
    },
    status: TaskStatus.COMPLETED,
    completedAt: timestampFromDate(at("2025-01-06T15:00:00Z")),
  });
  change(task);
  return task;
};

test("a task without a rule is not recurring", () => {
  expect(
    completedTaskOf(
      completedMessage((t) => (t.recurrence = undefined)),
      eventTime,
    ),
  ).toBeNull();
  expect(
    completedTaskOf(
      completedMessage((t) => (t.recurrence = create(RecurrenceSchema, { rrule: "" }))),
      eventTime,
    ),
  ).toBeNull();
});

test("a completed task message reads into the series model", () => {
  expect(completedTaskOf(completedMessage(), eventTime)).toEqual({
    id: taskId,
    title: "Standup notes",
    description: "post in #team",
    priority: Priority.HIGH,
    tags: ["work"],
    dueAt: at("2025-01-06T14:00:00Z"),
    dueDateOnly: false,
    timeZone: "America/New_York",
    reminder: { kind: "at", at: at("2025-01-06T13:45:00Z") },
    rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    repeatFrom: "completion",
    seriesId: "",
    occurrence: 0,
    completedAt: at("2025-01-06T15:00:00Z"),
    place: {
      projectId: "",
      sectionId: "",
      parentId: "",
      subtasksOf: taskId,
      assigneeId: "",
    },
  });
});

test("missing completion time and zone fall back to the event time and UTC; unspecified repeat_from is 'due'", () => {
  const t = completedTaskOf(
    completedMessage((t) => {
      t.completedAt = undefined;
      t.timeZone = "";
      t.recurrence = create(RecurrenceSchema, { rrule: "FREQ=DAILY" });
      t.reminder!.when = { case: "remindBefore", value: create(DurationSchema, { seconds: 600n }) };
    }),
    eventTime,
  );
  expect(t).toMatchObject({
    completedAt: eventTime,
    timeZone: "UTC",
    repeatFrom: "due",
    reminder: { kind: "before", seconds: 600 },
  });
});

test("the CreateTask request carries everything over, keyed by the completion event", () => {
  const completed = completedTaskOf(completedMessage(), eventTime)!;
  const request = create(
    CreateTaskRequestSchema,
    createTaskRequestOf(nextInstance(completed, at("2025-01-07T14:00:00Z")), "evt-1"),
  );
  expect(request.requestId).toBe(requestIdFor("evt-1"));
  expect(request.requestId).toBe("recurring:evt-1");
  expect(request).toMatchObject({
    title: "Standup notes",
    description: "post in #team",
    priority: Priority.HIGH,
    tags: ["work"],
    dueAt: timestampFromDate(at("2025-01-07T14:00:00Z")),
    dueDateOnly: false,
    timeZone: "America/New_York",
    recurrence: {
      rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
      repeatFrom: RepeatFrom.COMPLETION,
      seriesId: completed.id,
      occurrence: 2,
    },
  });
  expect(request.reminder?.when).toEqual({ case: "remindBefore", value: expect.objectContaining({ seconds: 900n }) });
});

test("the next instance goes where the completed task was and carries its subtasks and assignee", () => {
  const completed = completedTaskOf(
    completedMessage((t) => Object.assign(t, placed)),
    eventTime,
  )!;
  const request = create(
    CreateTaskRequestSchema,
    createTaskRequestOf(nextInstance(completed, at("2025-01-07T14:00:00Z")), "evt-1"),
  );
  expect(request).toMatchObject({ ...placed, subtasksFromId: taskId });
});

test("several reminders are carried over as a list, each keeping its relation to the due time", () => {
  const completed = completedTaskOf(
    completedMessage((t) => {
      t.reminders = [
        t.reminder!,
        {
          $typeName: "todo.v1.Reminder",
          when: { case: "remindBefore", value: create(DurationSchema, { seconds: 3600n }) },
        },
        // A day before the old due time: a day before the new one.
        {
          $typeName: "todo.v1.Reminder",
          when: { case: "remindAt", value: timestampFromDate(at("2025-01-05T14:00:00Z")) },
        },
      ];
    }),
    eventTime,
  )!;
  expect(completed.moreReminders).toEqual([
    { kind: "before", seconds: 3600 },
    { kind: "at", at: at("2025-01-05T14:00:00Z") },
  ]);
  const request = create(
    CreateTaskRequestSchema,
    createTaskRequestOf(nextInstance(completed, at("2025-01-07T14:00:00Z")), "evt-2"),
  );
  expect(request.reminder).toBeUndefined();
  expect(request.reminders.map((r) => (r.when.case === "remindBefore" ? Number(r.when.value.seconds) : -1))).toEqual([
    900, 3600, 86_400,
  ]);
  // One reminder alone still goes as `reminder` (above); the list stays empty then.
  const single = create(
    CreateTaskRequestSchema,
    createTaskRequestOf(nextInstance(completedTaskOf(completedMessage(), eventTime)!, at("2025-01-07T14:00:00Z")), "e"),
  );
  expect(single.reminders).toEqual([]);
});
