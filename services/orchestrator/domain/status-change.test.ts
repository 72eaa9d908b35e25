import { expect, test } from "bun:test";
import { NotFoundError, VersionConflictError } from "../../platform/errors";
import { planStatusChange } from "./status-change";
import { type TaskState, TaskStatusValue } from "./task-rules";

const now = new Date("2026-01-02T03:04:05Z");
const task = (over: Partial<TaskState> = {}): TaskState => ({
  status: TaskStatusValue.open,
  dueAt: null,
  remindAt: null,
  remindBeforeSeconds: null,
  deletedAt: null,
  version: 3,
  ...over,
});

test("completing and reopening write the status, and are no-ops (null) when the task is already there", () => {
  expect(planStatusChange("t", task(), "completed", 0, now)).toEqual({
    status: TaskStatusValue.completed,
    completedAt: now,
  });
  expect(planStatusChange("t", task({ status: TaskStatusValue.completed }), "completed", 0, now)).toBeNull();
  expect(planStatusChange("t", task({ status: TaskStatusValue.completed }), "reopened", 3, now)).toEqual({
    status: TaskStatusValue.open,
    completedAt: null,
  });
  expect(planStatusChange("t", task(), "reopened", 0, now)).toBeNull();
});

test("delete and restore: a deleted task is NotFound to all but restore, a live one NotFound to restore", () => {
  const gone = task({ deletedAt: now });
  expect(planStatusChange("t", task(), "deleted", 0, now)).toEqual({ deletedAt: now });
  expect(planStatusChange("t", gone, "restored", 0, now)).toEqual({ deletedAt: null });
  for (const change of ["completed", "reopened", "deleted"] as const) {
    expect(() => planStatusChange("t", gone, change, 0, now)).toThrow(NotFoundError);
  }
  expect(() => planStatusChange("t", task(), "restored", 0, now)).toThrow(NotFoundError);
});

test("a stale expected version is a conflict, checked before anything else", () => {
  expect(() => planStatusChange("t", task({ status: TaskStatusValue.completed }), "completed", 2, now)).toThrow(
    VersionConflictError,
  );
  expect(planStatusChange("t", task(), "completed", 3, now)).not.toBeNull();
});
