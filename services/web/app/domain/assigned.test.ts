import { expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { ProjectSchema } from "../../../../gen/todo/v1/project_pb";
import { TaskSchema } from "../../../../gen/todo/v1/task_pb";
import { byProject } from "./assigned";

test("byProject: the Inbox first, then the sidebar's tree order, unknown projects last; tasks keep their order", () => {
  const projects = [
    create(ProjectSchema, { id: "work", name: "Work", rank: "b" }),
    create(ProjectSchema, { id: "inbox", name: "Inbox", rank: "a", inbox: true }),
    create(ProjectSchema, { id: "groceries", name: "Groceries", rank: "a" }),
    create(ProjectSchema, { id: "reports", name: "Reports", rank: "a", parentId: "work" }),
  ];
  const task = (id: string, projectId: string) => create(TaskSchema, { id, title: id, projectId });
  const groups = byProject(
    [
      task("t1", "reports"),
      task("t2", "elsewhere"),
      task("t3", "work"),
      task("t4", "inbox"),
      task("t5", "groceries"),
      task("t6", "work"),
    ],
    projects,
  );
  expect(groups.map((g) => [g.projectId, g.project?.name, g.tasks.map((t) => t.id)])).toEqual([
    ["inbox", "Inbox", ["t4"]],
    ["groceries", "Groceries", ["t5"]],
    ["work", "Work", ["t3", "t6"]],
    ["reports", "Reports", ["t1"]],
    ["elsewhere", undefined, ["t2"]],
  ]);
  expect(byProject([], projects)).toEqual([]);
});
