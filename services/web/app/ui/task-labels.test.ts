import { describe, expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { TaskSchema, TaskStatus } from "../../../../gen/todo/v1/task_pb";
import { translator } from "../i18n/translate";
import { taskLabels } from "./task-labels";

const en = translator("en");
const now = new Date("2026-03-10T05:00:00Z"); // Tuesday 10:00 in Karachi

const task = (timeZone: string) =>
  create(TaskSchema, {
    title: "standup",
    status: TaskStatus.OPEN,
    timeZone,
    dueAt: timestampFromDate(new Date("2026-03-11T13:00:00Z")),
  });

describe("task labels", () => {
  test("a task in another zone than the profile's names its zone (issue 13 item 6)", () => {
    const due = taskLabels(task("America/New_York"), now, "Asia/Karachi", en).due!;
    expect(due.text).toBe("Tomorrow, 9:00 AM");
    expect(due.zone).toBe("New York");
  });

  test("a task in the profile's zone needs no zone label", () => {
    const due = taskLabels(task("Asia/Karachi"), now, "Asia/Karachi", en).due!;
    expect(due.text).toBe("Tomorrow, 6:00 PM");
    expect(due.zone).toBeUndefined();
  });
});
