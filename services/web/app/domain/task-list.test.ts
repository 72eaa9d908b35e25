import { describe, expect, test } from "bun:test";
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { TaskSchema, TaskStatus } from "../../../../gen/todo/v1/task_pb";
import { defaultFilters } from "./task-filters";
import { applyChange, type ListView } from "./task-list";

const task = (id: string, minute: number, fields: MessageInitShape<typeof TaskSchema> = {}) =>
  create(TaskSchema, {
    id,
    title: `task ${id}`,
    status: TaskStatus.OPEN,
    version: 1n,
    createdAt: timestampFromDate(new Date(Date.UTC(2026, 2, 10, 9, minute))),
    ...fields,
  });
const view: ListView = {
  filters: defaultFilters,
  now: new Date("2026-03-10T12:00:00Z"),
  timeZone: "UTC",
  hasMore: false,
};
const ids = (list: { id: string }[]) => list.map((t) => t.id);

describe("applying a change to the list", () => {
  const list = [task("c", 30), task("b", 20), task("a", 10)];

  test("a new task is inserted where the sort puts it (newest first)", () => {
    expect(ids(applyChange(list, task("d", 40), view))).toEqual(["d", "c", "b", "a"]);
    expect(ids(applyChange(list, task("m", 15), view))).toEqual(["c", "b", "m", "a"]);
  });

  test("a task past the loaded pages waits for its page", () => {
    expect(ids(applyChange(list, task("old", 1), { ...view, hasMore: true }))).toEqual(["c", "b", "a"]);
    expect(ids(applyChange(list, task("old", 1), view))).toEqual(["c", "b", "a", "old"]);
  });

  test("an update replaces in place; an older version is ignored", () => {
    const renamed = task("b", 20, { title: "renamed", version: 2n });
    const next = applyChange(list, renamed, view);
    expect(next[1]!.title).toBe("renamed");
    expect(applyChange(next, task("b", 20, { title: "stale", version: 1n }), view)[1]!.title).toBe("renamed");
  });

  test("a task that leaves the view is removed", () => {
    const openOnly = { ...view, filters: { ...defaultFilters, status: "open" as const } };
    expect(ids(applyChange(list, task("b", 20, { status: TaskStatus.COMPLETED, version: 2n }), openOnly))).toEqual([
      "c",
      "a",
    ]);
    expect(ids(applyChange(list, task("a", 10, { deleted: true, version: 2n }), view))).toEqual(["c", "b"]);
  });
});
