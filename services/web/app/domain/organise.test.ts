import { expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { ProjectSchema, SectionSchema } from "../../../../gen/todo/v1/project_pb";
import { TaskSchema, TaskStatus } from "../../../../gen/todo/v1/task_pb";
import { projectTree, sectionGroups, subtaskProgress, withSubtasks } from "./organise";

const project = (
  id: string,
  rank: string,
  extra: Partial<{ parentId: string; inbox: boolean; archived: boolean }> = {},
) => create(ProjectSchema, { id, name: id, rank, ...extra });

test("projectTree: Inbox and archived left out, children under their parent in rank order, orphans at top", () => {
  const tree = projectTree([
    project("inbox", "a", { inbox: true }),
    project("work", "c"),
    project("home", "b"),
    project("reports", "b", { parentId: "work" }),
    project("admin", "a", { parentId: "work" }),
    project("q1", "a", { parentId: "reports" }),
    project("old", "d", { archived: true }),
    project("child-of-old", "e", { parentId: "old" }),
  ]);
  expect(tree.map((e) => `${e.project.id}:${e.depth}`)).toEqual([
    "home:0",
    "work:0",
    "admin:1",
    "reports:1",
    "q1:2",
    "child-of-old:0",
  ]);
});

test("subtaskProgress counts direct subtasks done of total, deleted ones left out", () => {
  const tasks = [
    create(TaskSchema, { id: "p" }),
    create(TaskSchema, { id: "a", parentId: "p", status: TaskStatus.COMPLETED }),
    create(TaskSchema, { id: "b", parentId: "p", status: TaskStatus.OPEN }),
    create(TaskSchema, { id: "c", parentId: "p", status: TaskStatus.COMPLETED, deleted: true }),
    create(TaskSchema, { id: "d", parentId: "a", status: TaskStatus.OPEN }),
  ];
  const progress = subtaskProgress(tasks);
  expect(progress.get("p")).toEqual({ done: 1, total: 2 });
  expect(progress.get("a")).toEqual({ done: 0, total: 1 });
  expect(progress.has("b")).toBe(false);
});

test("sectionGroups: open top-level tasks by rank, no-section group first, empty sections kept", () => {
  const sections = [
    create(SectionSchema, { id: "s2", rank: "b", name: "During" }),
    create(SectionSchema, { id: "s1", rank: "a", name: "Before" }),
    create(SectionSchema, { id: "s3", rank: "c", name: "Gone", deleted: true }),
  ];
  const tasks = [
    create(TaskSchema, { id: "t3", rank: "b", sectionId: "s1" }),
    create(TaskSchema, { id: "t1", rank: "a", sectionId: "s1" }),
    create(TaskSchema, { id: "t2", rank: "a" }),
    create(TaskSchema, { id: "sub", rank: "a", sectionId: "s1", parentId: "t1" }),
    create(TaskSchema, { id: "done", rank: "a", status: TaskStatus.COMPLETED }),
    create(TaskSchema, { id: "lost", rank: "z", sectionId: "s3" }),
  ];
  const groups = sectionGroups(tasks, sections);
  expect(groups.map((g) => [g.section?.name ?? "", g.tasks.map((t) => t.id)])).toEqual([
    ["", ["t2", "lost"]],
    ["Before", ["t1", "t3"]],
    ["During", []],
  ]);
});

test("withSubtasks puts open subtasks (all levels, rank order) under their parent, one level deeper", () => {
  const all = [
    create(TaskSchema, { id: "p", rank: "a" }),
    create(TaskSchema, { id: "q", rank: "b" }),
    create(TaskSchema, { id: "b", rank: "b", parentId: "p" }),
    create(TaskSchema, { id: "a", rank: "a", parentId: "p" }),
    create(TaskSchema, { id: "a1", rank: "a", parentId: "a" }),
    create(TaskSchema, { id: "done", rank: "0", parentId: "p", status: TaskStatus.COMPLETED }),
    create(TaskSchema, { id: "gone", rank: "0", parentId: "q", deleted: true }),
  ];
  const rows = all.filter((t) => !t.parentId);
  expect(withSubtasks(rows, all).map((n) => `${n.task.id}:${n.depth}`)).toEqual(["p:0", "a:1", "a1:2", "b:1", "q:0"]);
});
