import { expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  RecurringTaskGeneratedSchema,
  ReminderDeliveredSchema,
  UserRegisteredSchema,
} from "../../../gen/todo/events/v1/audit_events_pb";
import { ReminderCancelledSchema, ReminderCancelReason } from "../../../gen/todo/events/v1/reminder_events_pb";
import { TaskAssignedSchema, TaskCompletedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import { describeEvent, qualifiedEventType } from "./event-summary";

test("task events are about their task and summarised by title", () => {
  const event = create(TaskCompletedSchema, { task: { id: "task-1", title: "Buy milk" } });
  expect(describeEvent(event)).toEqual({ taskId: "task-1", summary: 'Task completed: "Buy milk"' });
});

test("an assignment names the task and the assignee (by id: the audit log holds no profiles)", () => {
  const assigned = create(TaskAssignedSchema, { task: { id: "task-9", title: "Report", assigneeId: "user-2" } });
  expect(describeEvent(assigned)).toEqual({ taskId: "task-9", summary: 'Task assigned to user-2: "Report"' });
  const unassigned = create(TaskAssignedSchema, { task: { id: "task-9", title: "Report" }, previousAssigneeId: "u" });
  expect(describeEvent(unassigned)).toEqual({ taskId: "task-9", summary: 'Task unassigned: "Report"' });
});

test("reminder and recurring events name the task they concern", () => {
  const cancelled = create(ReminderCancelledSchema, { taskId: "task-2", reason: ReminderCancelReason.TASK_DELETED });
  expect(describeEvent(cancelled)).toEqual({ taskId: "task-2", summary: "Reminder cancelled (task deleted)" });
  const delivered = create(ReminderDeliveredSchema, {
    taskId: "task-3",
    channels: ["email", "in_app"],
    title: "Call mom",
  });
  expect(describeEvent(delivered)).toEqual({
    taskId: "task-3",
    summary: 'Reminder delivered by email, in_app: "Call mom"',
  });
  const generated = create(RecurringTaskGeneratedSchema, {
    completedTaskId: "task-4",
    nextTaskId: "task-5",
    nextDueAt: timestampFromDate(new Date("2025-03-03T09:00:00Z")),
    title: "Report",
  });
  expect(describeEvent(generated)).toEqual({
    taskId: "task-4",
    summary: 'Next occurrence created, due 2025-03-03T09:00:00.000Z: "Report"',
  });
});

test("events without a task have an empty task id", () => {
  expect(describeEvent(create(UserRegisteredSchema, { email: "a@example.com" }))).toEqual({
    taskId: "",
    summary: "Account registered as a@example.com",
  });
});

test("qualifiedEventType leaves full names alone", () => {
  expect(qualifiedEventType("TaskCreated")).toBe("todo.events.v1.TaskCreated");
  expect(qualifiedEventType("todo.events.v1.TaskCreated")).toBe("todo.events.v1.TaskCreated");
});
