import { expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import {
  SavedFilterCreatedSchema,
  SavedFilterDeletedSchema,
  SavedFilterUpdatedSchema,
} from "../../../gen/todo/events/v1/filter_events_pb";
import {
  ProjectArchivedSchema,
  ProjectDeletedSchema,
  SectionDeletedSchema,
} from "../../../gen/todo/events/v1/project_events_pb";
import { TaskCompletedSchema, TaskMovedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import { describeEvent, notAudited } from "./event-summary";
import { describeOrganiseEvent } from "./organise-summary";

test("project and section events are summarised by name, with what went with them", () => {
  expect(describeEvent(create(ProjectArchivedSchema, { project: { id: "p", name: "Work" } }))).toEqual({
    taskId: "",
    summary: 'Project archived: "Work"',
  });
  expect(
    describeEvent(create(ProjectDeletedSchema, { project: { id: "p", name: "Trip" }, deletedTaskCount: 3 })),
  ).toEqual({ taskId: "", summary: 'Project deleted with 3 tasks: "Trip"' });
  expect(
    describeEvent(create(SectionDeletedSchema, { section: { name: "Before" }, tasksDeleted: false, taskCount: 1 }))
      .summary,
  ).toBe('Section deleted (1 task moved to the project): "Before"');
});

test("a move is about its task and says where it went", () => {
  const moved = create(TaskMovedSchema, {
    task: { id: "t", title: "report", projectId: "work", sectionId: "", parentId: "" },
    fromProjectId: "inbox",
  });
  expect(describeEvent(moved)).toEqual({ taskId: "t", summary: 'Task moved to another project: "report"' });
  const reordered = create(TaskMovedSchema, {
    task: { id: "t", title: "report", projectId: "work" },
    fromProjectId: "work",
  });
  expect(describeEvent(reordered).summary).toBe('Task moved within its list: "report"');
});

test("other events are not organise events; the live snapshots are not audited", () => {
  expect(describeOrganiseEvent(create(TaskCompletedSchema, {}))).toBeNull();
  expect(notAudited.has("todo.events.v1.ProjectChanged")).toBe(true);
  expect(notAudited.has("todo.events.v1.SectionChanged")).toBe(true);
});

test("saved-filter events are summarised by name and query; their live snapshot is not audited", () => {
  const filter = { id: "f", name: "Urgent work", query: "(today | overdue) & #work & p1" };
  expect(describeEvent(create(SavedFilterCreatedSchema, { savedFilter: filter }))).toEqual({
    taskId: "",
    summary: 'Filter saved: "Urgent work" = (today | overdue) & #work & p1',
  });
  expect(
    describeEvent(
      create(SavedFilterUpdatedSchema, { savedFilter: { ...filter, query: "p1" }, changedFields: ["query"] }),
    ).summary,
  ).toBe('Saved filter changed: "Urgent work" = p1');
  expect(describeEvent(create(SavedFilterDeletedSchema, { savedFilter: filter })).summary).toBe(
    'Saved filter deleted: "Urgent work"',
  );
  expect(notAudited.has("todo.events.v1.SavedFilterChanged")).toBe(true);
  expect(notAudited.has("todo.events.v1.SavedFilterCreated")).toBe(false);
});
