import { describe, expect, test } from "bun:test";
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Priority, TaskSchema, TaskStatus } from "../../../../gen/todo/v1/task_pb";
import { TaskSort } from "../../../../gen/todo/v1/task_service_pb";
import {
  compareTasks,
  defaultFilters,
  filtersFromSearch,
  filtersToSearch,
  matchesFilters,
  type TaskFilters,
  toListTasksRequest,
} from "./task-filters";

const karachi = { timeZone: "Asia/Karachi", pageSize: 25 };

describe("filters → ListTasksRequest", () => {
  test("defaults ask for what is left to do, newest first", () => {
    const req = toListTasksRequest(defaultFilters, karachi);
    expect(req.status).toBe(TaskStatus.OPEN);
    expect(toListTasksRequest(filtersFromSearch("?status=all"), karachi).status).toBe(TaskStatus.UNSPECIFIED);
    expect(filtersToSearch({ ...defaultFilters, status: "all" })).toBe("?status=all");
    expect(req.sort).toBe(TaskSort.CREATED);
    expect(req.descending).toBe(false);
    expect(req.dueAfter).toBeUndefined();
    expect(req.pageSize).toBe(25);
    expect(req.pageToken).toBe("");
  });

  test("every filter maps to its field; due days become an exclusive range in the user's zone", () => {
    const filters: TaskFilters = {
      status: "open",
      query: "  milk ",
      tags: ["home", "errands"],
      priorities: ["urgent", "low"],
      dueFrom: "2026-03-10",
      dueTo: "2026-03-12",
      overdue: true,
      sort: "due",
      reversed: true,
    };
    const req = toListTasksRequest(filters, { ...karachi, pageToken: "next" });
    expect(req.status).toBe(TaskStatus.OPEN);
    expect(req.query).toBe("milk");
    expect(req.tags).toEqual(["home", "errands"]);
    expect(req.priorities).toEqual([Priority.URGENT, Priority.LOW]);
    expect(timestampDate(req.dueAfter!).toISOString()).toBe("2026-03-09T19:00:00.000Z");
    expect(timestampDate(req.dueBefore!).toISOString()).toBe("2026-03-12T19:00:00.000Z");
    expect(req.overdue).toBe(true);
    expect(req.sort).toBe(TaskSort.DUE);
    expect(req.descending).toBe(true);
    expect(req.pageToken).toBe("next");
  });

  test("filters round-trip through the URL and unknown values fall back to defaults", () => {
    const filters: TaskFilters = {
      ...defaultFilters,
      status: "completed",
      tags: ["home"],
      priorities: ["high"],
      sort: "title",
      query: "rent",
    };
    expect(filtersFromSearch(filtersToSearch(filters))).toEqual(filters);
    expect(filtersToSearch(defaultFilters)).toBe("");
    expect(filtersFromSearch("?status=bogus&priority=huge&from=2026-02-31&sort=random")).toEqual(defaultFilters);
  });
});

describe("live changes against the view", () => {
  const now = new Date("2026-03-10T05:00:00Z");
  const task = (fields: MessageInitShape<typeof TaskSchema> = {}) =>
    create(TaskSchema, {
      id: "a",
      title: "Buy milk",
      status: TaskStatus.OPEN,
      priority: Priority.HIGH,
      tags: ["home"],
      ...fields,
    });

  test("a task that matches the view is shown, one that does not is not", () => {
    expect(
      matchesFilters(task(), { ...defaultFilters, status: "open", tags: ["home"], query: "mil" }, now, "UTC"),
    ).toBe(true);
    expect(
      matchesFilters(task({ status: TaskStatus.COMPLETED }), { ...defaultFilters, status: "open" }, now, "UTC"),
    ).toBe(false);
    expect(matchesFilters(task(), { ...defaultFilters, query: "bread" }, now, "UTC")).toBe(false);
    expect(matchesFilters(task({ deleted: true }), defaultFilters, now, "UTC")).toBe(false);
    const overdue = task({ dueAt: timestampFromDate(new Date("2026-03-09T00:00:00Z")) });
    expect(matchesFilters(overdue, { ...defaultFilters, overdue: true }, now, "UTC")).toBe(true);
    expect(matchesFilters(task(), { ...defaultFilters, overdue: true }, now, "UTC")).toBe(false);
  });

  test("compareTasks mirrors the server's natural orders", () => {
    const early = task({
      id: "1",
      title: "b",
      dueAt: timestampFromDate(new Date("2026-03-01")),
      priority: Priority.LOW,
    });
    const late = task({
      id: "2",
      title: "A",
      dueAt: timestampFromDate(new Date("2026-04-01")),
      priority: Priority.URGENT,
    });
    const none = task({ id: "3", title: "c", priority: Priority.NONE });
    expect([none, late, early].sort(compareTasks("due", false)).map((t) => t.id)).toEqual(["1", "2", "3"]);
    expect([early, none, late].sort(compareTasks("priority", false)).map((t) => t.id)).toEqual(["2", "1", "3"]);
    expect([none, early, late].sort(compareTasks("title", false)).map((t) => t.id)).toEqual(["2", "1", "3"]);
    expect([none, early, late].sort(compareTasks("title", true)).map((t) => t.id)).toEqual(["3", "1", "2"]);
  });
});
