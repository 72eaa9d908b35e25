import { describe, expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Priority, RepeatFrom, TaskSchema } from "../../../../gen/todo/v1/task_pb";
import {
  emptyForm,
  formFromTask,
  parseTags,
  presetRule,
  projectOfDraft,
  type TaskForm,
  toCreateRequest,
  toUpdateRequest,
  validateForm,
} from "./task-form";

const zone = "Asia/Karachi";
const today = new Date("2026-03-10T05:00:00Z"); // Tuesday

describe("task form", () => {
  test("a full form becomes a CreateTaskRequest in the user's zone", () => {
    const form: TaskForm = {
      ...emptyForm(),
      title: "  Pay rent ",
      priority: "high",
      tags: "#Home, bills، home",
      dueDate: "2026-03-16",
      dueTime: "09:30",
      reminderKind: "before",
      remindBeforeSeconds: 3600,
      recurrence: "weekly",
    };
    const req = toCreateRequest(form, today, zone, "req-1");
    expect(req.title).toBe("Pay rent");
    expect(req.priority).toBe(Priority.HIGH);
    expect(req.tags).toEqual(["home", "bills"]);
    expect(timestampDate(req.dueAt!).toISOString()).toBe("2026-03-16T04:30:00.000Z");
    expect(req.dueDateOnly).toBe(false);
    expect(req.reminder?.when).toMatchObject({ case: "remindBefore", value: { seconds: 3600n } });
    expect(req.recurrence).toMatchObject({ rrule: "FREQ=WEEKLY;BYDAY=MO", repeatFrom: RepeatFrom.DUE });
    expect(req.timeZone).toBe(zone);
    expect(req.requestId).toBe("req-1");
  });

  test("a date without a time is an all-day task", () => {
    const req = toCreateRequest({ ...emptyForm(), title: "x", dueDate: "2026-03-12" }, today, zone, "r");
    expect(req.dueDateOnly).toBe(true);
    expect(timestampDate(req.dueAt!).toISOString()).toBe("2026-03-11T19:00:00.000Z");
  });

  test("validation names what blocks saving", () => {
    expect(validateForm({ ...emptyForm(), reminderKind: "before", recurrence: "daily" }, today, zone)).toEqual([
      "editor.titleRequired",
      "editor.reminderNeedsDue",
      "editor.repeatNeedsDue",
    ]);
    expect(
      validateForm(
        { ...emptyForm(), title: "x", recurrence: "custom", rrule: "FREQ=SOMETIMES", dueDate: "2026-03-12" },
        today,
        zone,
      ),
    ).toEqual(["editor.rruleUnreadable"]);
    expect(
      validateForm({ ...emptyForm(), title: "x", recurrence: "daily", repeatFrom: "completion" }, today, zone),
    ).toEqual([]);
  });

  test("an edit sends only the changed fields, with the version it started from", () => {
    const task = create(TaskSchema, {
      id: "0190f7a4-0000-7000-8000-000000000001",
      title: "Buy milk",
      priority: Priority.URGENT,
      tags: ["home"],
      dueAt: timestampFromDate(new Date("2026-03-11T12:00:00Z")),
      timeZone: zone,
      version: 4n,
      recurrence: { rrule: "FREQ=WEEKLY;BYDAY=WE", repeatFrom: RepeatFrom.DUE },
    });
    const original = formFromTask(task, zone);
    expect(original).toMatchObject({
      dueDate: "2026-03-11",
      dueTime: "17:00",
      priority: "urgent",
      recurrence: "weekly",
    });
    expect(toUpdateRequest(original, original, task, today, zone)).toBeUndefined();

    const edited = { ...original, title: "Buy oat milk", dueTime: "18:00" };
    const req = toUpdateRequest(edited, original, task, today, zone)!;
    expect(req.updateMask?.paths).toEqual(["title", "due_at"]);
    expect(req.expectedVersion).toBe(4n);
    expect(req.title).toBe("Buy oat milk");
    expect(timestampDate(req.dueAt!).toISOString()).toBe("2026-03-11T13:00:00.000Z");

    const cleared = toUpdateRequest({ ...original, recurrence: "none" }, original, task, today, zone)!;
    expect(cleared.updateMask?.paths).toEqual(["recurrence"]);
    expect(cleared.recurrence).toBeUndefined();
    expect(cleared.title).toBeUndefined();
  });

  test("the assignee is read from the task and sent under its own mask path when changed (empty unassigns)", () => {
    const sara = "0190f7a4-0000-7000-8000-00000000000a";
    const task = create(TaskSchema, { id: "0190f7a4-0000-7000-8000-000000000003", title: "report", assigneeId: sara });
    const original = formFromTask(task, zone);
    expect(original.assigneeId).toBe(sara);
    expect(toUpdateRequest(original, original, task, today, zone)).toBeUndefined();
    const unassigned = toUpdateRequest({ ...original, assigneeId: "" }, original, task, today, zone)!;
    expect(unassigned.updateMask?.paths).toEqual(["assignee_id"]);
    expect(unassigned.assigneeId).toBe("");
    const ali = "0190f7a4-0000-7000-8000-00000000000b";
    const reassigned = toUpdateRequest(
      { ...original, assigneeId: ali, title: "report v2" },
      original,
      task,
      today,
      zone,
    )!;
    expect(reassigned.updateMask?.paths).toEqual(["title", "assignee_id"]);
    expect(reassigned.assigneeId).toBe(ali);
  });

  test("several reminders: created as a list (the first one first), read back, and edited through 'reminders'", () => {
    const form: TaskForm = {
      ...emptyForm(),
      title: "Flight",
      dueDate: "2026-03-16",
      dueTime: "09:30",
      reminderKind: "before",
      remindBeforeSeconds: 3600,
      moreReminders: [
        { kind: "before", beforeSeconds: 600, atDate: "", atTime: "" },
        { kind: "at", beforeSeconds: 1800, atDate: "2026-03-15", atTime: "20:00" },
      ],
    };
    const created = toCreateRequest(form, today, zone, "r1");
    expect(created.reminder).toBeUndefined();
    expect(created.reminders.map((r) => r.when.case)).toEqual(["remindBefore", "remindBefore", "remindAt"]);
    expect(created.reminders.map((r) => (r.when.case === "remindBefore" ? Number(r.when.value.seconds) : 0))).toEqual([
      3600, 600, 0,
    ]);
    const at = created.reminders[2]!.when;
    expect(at.case === "remindAt" && timestampDate(at.value).toISOString()).toBe("2026-03-15T15:00:00.000Z");
    // One reminder alone still goes the old way.
    expect(toCreateRequest({ ...form, moreReminders: [] }, today, zone, "r2").reminders).toEqual([]);

    const task = create(TaskSchema, {
      id: "0190d7a0-0000-7000-8000-000000000001",
      title: "Flight",
      version: 4n,
      dueAt: timestampFromDate(new Date("2026-03-16T04:30:00Z")),
      reminder: { when: created.reminders[0]!.when },
      reminders: created.reminders.map((r) => ({ when: r.when })),
    });
    const loaded = formFromTask(task, zone);
    expect(loaded.moreReminders).toEqual(form.moreReminders);
    const dropOne = { ...loaded, moreReminders: loaded.moreReminders.slice(1) };
    const update = toUpdateRequest(dropOne, loaded, task, today, zone)!;
    expect(update.updateMask?.paths).toEqual(["reminders"]);
    expect(update.reminders.map((r) => r.when.case)).toEqual(["remindBefore", "remindAt"]);
    // Removing every extra one still sends the list: the server must forget them.
    const onlyFirst = toUpdateRequest({ ...loaded, moreReminders: [] }, loaded, task, today, zone)!;
    expect(onlyFirst.updateMask?.paths).toEqual(["reminders"]);
    expect(onlyFirst.reminders).toHaveLength(1);
    expect(validateForm({ ...form, dueDate: "" }, today, zone)).toContain("editor.reminderNeedsDue");
  });

  test("presets follow the due date's weekday", () => {
    expect(presetRule({ ...emptyForm(), recurrence: "biweekly", dueDate: "2026-03-13" }, today, zone)).toBe(
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR",
    );
    expect(presetRule({ ...emptyForm(), recurrence: "weekly" }, today, zone)).toBe("FREQ=WEEKLY;BYDAY=TU");
    expect(parseTags(" a ,, #B ,a")).toEqual(["a", "b"]);
  });
});

test("'More details' creates the task in the project its chip names, unless that project is new or archived", () => {
  const project = { id: "0190f7a4-0000-7000-8000-000000000001", name: "Groceries", isNew: false, archived: false };
  expect(projectOfDraft({ title: "milk", tags: [], project })).toBe(project.id);
  expect(projectOfDraft({ title: "milk", tags: [] })).toBeUndefined();
  expect(projectOfDraft({ title: "milk", tags: [], project: { ...project, isNew: true } })).toBeUndefined();
  expect(projectOfDraft({ title: "milk", tags: [], project: { ...project, archived: true } })).toBeUndefined();
});
