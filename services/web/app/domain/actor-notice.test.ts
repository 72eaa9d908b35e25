import { expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { CommentChangeKind, CommentSchema } from "../../../../gen/todo/v1/comment_pb";
import { ProjectSchema, SectionSchema } from "../../../../gen/todo/v1/project_pb";
import { TaskChangeKind, TaskSchema } from "../../../../gen/todo/v1/task_pb";
import { WatchTasksResponseSchema } from "../../../../gen/todo/v1/task_service_pb";
import { actorNotice } from "./actor-notice";

const me = "0190f7a4-0000-7000-8000-0000000000a1";
const sara = "0190f7a4-0000-7000-8000-0000000000a2";
const report = create(TaskSchema, { id: "0190f7a4-0000-7000-8000-000000000001", title: "report" });
const bySara = { actorUserId: sara, actorDisplayName: "Sara" };

test("another person's task change names them, the change and the task", () => {
  const said = (kind: TaskChangeKind) =>
    actorNotice(create(WatchTasksResponseSchema, { ...bySara, kind, task: report }), me);
  expect(said(TaskChangeKind.COMPLETED)).toEqual({
    actorId: sara,
    name: "Sara",
    key: "actor.completed",
    title: "report",
  });
  expect(said(TaskChangeKind.CREATED)?.key).toBe("actor.created");
  expect(said(TaskChangeKind.UPDATED)?.key).toBe("actor.updated");
  expect(said(TaskChangeKind.REOPENED)?.key).toBe("actor.reopened");
  expect(said(TaskChangeKind.DELETED)?.key).toBe("actor.deleted");
  expect(said(TaskChangeKind.RESTORED)?.key).toBe("actor.restored");
  expect(said(TaskChangeKind.MOVED)?.key).toBe("actor.moved");
  expect(said(TaskChangeKind.UNSPECIFIED)).toBeUndefined();
});

test("nothing for the user's own changes, the system's, or what has no person", () => {
  const task = { kind: TaskChangeKind.COMPLETED, task: report };
  expect(actorNotice(create(WatchTasksResponseSchema, { ...task, actorUserId: me, actorDisplayName: "Me" }), me)).toBe(
    undefined,
  );
  expect(actorNotice(create(WatchTasksResponseSchema, task), me)).toBeUndefined();
  expect(actorNotice(create(WatchTasksResponseSchema, { ...bySara, heartbeat: true }), me)).toBeUndefined();
  expect(actorNotice(create(WatchTasksResponseSchema, { ...bySara, section: create(SectionSchema) }), me)).toBe(
    undefined,
  );
});

test("a new comment is quoted on one line, cut at 60 characters; edits and deletions are not said", () => {
  const comment = (body: string, commentKind = CommentChangeKind.ADDED) =>
    actorNotice(
      create(WatchTasksResponseSchema, { ...bySara, commentKind, comment: create(CommentSchema, { body }) }),
      me,
    );
  expect(comment("sent to\n finance @Ali")).toMatchObject({ key: "actor.commented", title: "sent to finance @Ali" });
  const long = comment("ا".repeat(100))!.title;
  expect(Array.from(long)).toHaveLength(60);
  expect(long.endsWith("…")).toBe(true);
  expect(comment("fixed", CommentChangeKind.EDITED)).toBeUndefined();
  expect(comment("gone", CommentChangeKind.DELETED)).toBeUndefined();
});

test("a project change names the project; a missing name still says someone", () => {
  const project = create(ProjectSchema, { name: "Groceries" });
  expect(actorNotice(create(WatchTasksResponseSchema, { ...bySara, project }), me)).toMatchObject({
    key: "actor.project",
    title: "Groceries",
  });
  expect(actorNotice(create(WatchTasksResponseSchema, { actorUserId: sara, project }), me)?.name).toBe("…");
});
