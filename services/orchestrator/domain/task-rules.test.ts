import { describe, expect, test } from "bun:test";
import {
  effectiveRemindAt,
  normalizeTags,
  reminderChange,
  type TaskState,
  TaskStatusValue,
  Violations,
} from "./task-rules";

const base: TaskState = {
  status: TaskStatusValue.open,
  dueAt: null,
  remindAt: null,
  remindBeforeSeconds: null,
  deletedAt: null,
  version: 1,
};
const due = new Date("2026-03-04T12:00:00Z");

describe("effective reminder", () => {
  test("an offset follows the due date", () => {
    expect(effectiveRemindAt({ ...base, dueAt: due, remindBeforeSeconds: 1800 })?.toISOString()).toBe(
      "2026-03-04T11:30:00.000Z",
    );
  });
  test("completed and deleted tasks have none", () => {
    const task = { ...base, remindAt: due };
    expect(effectiveRemindAt({ ...task, status: TaskStatusValue.completed })).toBeNull();
    expect(effectiveRemindAt({ ...task, deletedAt: due })).toBeNull();
  });
  test("moving the due date under a relative reminder reschedules it", () => {
    const before = { ...base, dueAt: due, remindBeforeSeconds: 600 };
    const after = { ...before, dueAt: new Date(due.getTime() + 3600_000) };
    expect(reminderChange(before, after)).toEqual({ kind: "scheduled", times: [new Date("2026-03-04T12:50:00Z")] });
  });
  test("an unchanged reminder says nothing; completing cancels", () => {
    const task = { ...base, remindAt: due };
    expect(reminderChange(task, { ...task, version: 2 })).toEqual({ kind: "none" });
    expect(reminderChange(task, { ...task, status: TaskStatusValue.completed })).toEqual({ kind: "cancelled" });
    expect(reminderChange(undefined, task)).toEqual({ kind: "scheduled", times: [due] });
  });
  test("several reminders: every time is scheduled, earliest first; dropping one reschedules the rest", () => {
    const task = {
      ...base,
      dueAt: due,
      remindBeforeSeconds: 600,
      moreReminders: [{ beforeSeconds: 3600 }, { at: "2026-03-04T13:00:00.000Z" }],
    };
    const times = [
      new Date("2026-03-04T11:00:00Z"),
      new Date("2026-03-04T11:50:00Z"),
      new Date("2026-03-04T13:00:00Z"),
    ];
    expect(reminderChange(undefined, task)).toEqual({ kind: "scheduled", times });
    expect(reminderChange(task, { ...task, version: 2 })).toEqual({ kind: "none" });
    expect(reminderChange(task, { ...task, moreReminders: [{ beforeSeconds: 3600 }] })).toEqual({
      kind: "scheduled",
      times: times.slice(0, 2),
    });
    expect(reminderChange(task, { ...task, deletedAt: due })).toEqual({ kind: "cancelled" });
  });
});

test("tags are trimmed, unprefixed and deduplicated; blanks are violations", () => {
  const violations = new Violations();
  expect(normalizeTags(["#home", "Home", " work "], violations)).toEqual(["home", "work"]);
  normalizeTags(["  "], violations);
  expect(() => violations.throwIfAny()).toThrow("tags[0]: must not be blank");
});
