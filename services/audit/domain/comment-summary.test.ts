import { expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import {
  CommentAddedSchema,
  CommentDeletedSchema,
  CommentMentionSchema,
} from "../../../gen/todo/events/v1/comment_events_pb";
import { TaskCreatedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import { describeCommentEvent } from "./comment-summary";
import { describeEvent, notAudited } from "./event-summary";

const comment = {
  id: "c1",
  taskId: "t1",
  authorId: "u1",
  authorName: "Sara",
  body: `sent to\nfinance ${"x".repeat(100)}`,
};

test("comment events are summarised about their task, the text quoted as data and cut at 80 characters", () => {
  const added = describeEvent(create(CommentAddedSchema, { comment, taskTitle: "report" }));
  expect(added.taskId).toBe("t1");
  expect(added.summary).toStartWith('Sara commented on "report": "sent to finance xxx');
  expect(added.summary).toEndWith('…"');
  expect(describeEvent(create(CommentDeletedSchema, { comment, taskTitle: "report" })).summary).toBe(
    'Sara deleted a comment on "report"',
  );
  expect(
    describeEvent(create(CommentMentionSchema, { comment, taskTitle: "report", mentionedUserId: "u2" })).summary,
  ).toBe('Sara mentioned u2 in a comment on "report"');
  expect(describeCommentEvent(create(TaskCreatedSchema, {}))).toBeNull();
  // The live snapshot would tell each change twice.
  expect(notAudited.has("todo.events.v1.CommentChanged")).toBe(true);
});
