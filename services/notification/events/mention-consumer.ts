import { timestampDate } from "@bufbuild/protobuf/wkt";
import { CommentMentionSchema } from "../../../gen/todo/events/v1/comment_events_pb";
import { type EventHandler, on } from "../../platform/bus/typed-events";
import { composeMention } from "../domain/mention-message";
import { type AnnounceDeps, announce } from "./announce";

/**
 * mentionHandlers deliver a CommentMention (issue 15) to the person mentioned (see announce): an inbox entry for the
 * task at the comment's time, pushed live, and an email. The comment is quoted as plain text.
 */
export function mentionHandlers(deps: AnnounceDeps): EventHandler[] {
  return [
    on(CommentMentionSchema, async ({ event, meta }, tx) => {
      const comment = event.comment;
      const userId = event.mentionedUserId;
      if (!comment?.createdAt || !userId) return;
      await announce(
        deps,
        { userId, correlationId: meta.correlationId },
        (language) =>
          composeMention({ authorName: comment.authorName, taskTitle: event.taskTitle, body: comment.body }, language),
        { taskId: comment.taskId, at: timestampDate(comment.createdAt), dueAt: null },
        tx,
      );
    }),
  ];
}
