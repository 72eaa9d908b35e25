import { expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { CommentAddedSchema } from "../../../gen/todo/events/v1/comment_events_pb";
import { SavedFilterCreatedSchema } from "../../../gen/todo/events/v1/filter_events_pb";
import { ProjectUpdatedSchema, SectionCreatedSchema } from "../../../gen/todo/events/v1/project_events_pb";
import { MemberInvitedSchema, MemberRemovedSchema } from "../../../gen/todo/events/v1/share_events_pb";
import { TaskAssignedSchema, TaskCompletedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import { recordActorUserId, recordProjectId } from "./record-scope";

test("a record belongs to the project its event is about, whichever kind of event", () => {
  expect(recordProjectId(create(TaskCompletedSchema, { task: { id: "t", projectId: "p1" } }))).toBe("p1");
  expect(recordProjectId(create(ProjectUpdatedSchema, { project: { id: "p2", parentId: "p1" } }))).toBe("p2");
  expect(recordProjectId(create(SectionCreatedSchema, { section: { id: "s", projectId: "p3" } }))).toBe("p3");
  expect(recordProjectId(create(CommentAddedSchema, { comment: { taskId: "t", projectId: "p4" } }))).toBe("p4");
  expect(recordProjectId(create(MemberInvitedSchema, { invitation: { projectId: "p5" } }))).toBe("p5");
  expect(recordProjectId(create(MemberRemovedSchema, { projectId: "p6", memberId: "u" }))).toBe("p6");
  expect(recordProjectId(create(SavedFilterCreatedSchema, {}))).toBe("");
});

test("the actor is the envelope's person, else the event's own actor_id (events from before the envelope had one)", () => {
  const assigned = create(TaskAssignedSchema, { actorId: "u-old", meta: { userId: "owner" } });
  expect(recordActorUserId(assigned, assigned.meta!)).toBe("u-old");
  assigned.meta!.actorUserId = "u-new";
  expect(recordActorUserId(assigned, assigned.meta!)).toBe("u-new");
  const completed = create(TaskCompletedSchema, { meta: { userId: "owner" } });
  expect(recordActorUserId(completed, completed.meta!)).toBe("");
});
