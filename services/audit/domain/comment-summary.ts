import { isMessage } from "@bufbuild/protobuf";
import {
  CommentAddedSchema,
  CommentDeletedSchema,
  CommentEditedSchema,
  CommentMentionSchema,
} from "../../../gen/todo/events/v1/comment_events_pb";
import type { EventMessage } from "../../platform/bus/event-codec";

/** The most of a comment a summary quotes (the payload keeps all of it). */
const excerptMax = 80;

const excerpt = (body: string) => {
  const chars = [...body.replace(/\s+/g, " ").trim()];
  return chars.length > excerptMax ? `${chars.slice(0, excerptMax).join("")}…` : chars.join("");
};

/**
 * describeCommentEvent summarises a comment event (issue 15) in one line, about its task (null: not one): who
 * wrote, on which task, and the start of the text, quoted as data.
 */
export function describeCommentEvent(event: EventMessage): { taskId: string; summary: string } | null {
  if (
    !isMessage(event, CommentAddedSchema) &&
    !isMessage(event, CommentEditedSchema) &&
    !isMessage(event, CommentDeletedSchema) &&
    !isMessage(event, CommentMentionSchema)
  ) {
    return null;
  }
  const c = event.comment;
  const on = `on "${event.taskTitle}"`;
  const who = c?.authorName || c?.authorId || "someone";
  const text = JSON.stringify(excerpt(c?.body ?? ""));
  const summary = isMessage(event, CommentAddedSchema)
    ? `${who} commented ${on}: ${text}`
    : isMessage(event, CommentEditedSchema)
      ? `${who} edited a comment ${on}: ${text}`
      : isMessage(event, CommentDeletedSchema)
        ? `${who} deleted a comment ${on}`
        : `${who} mentioned ${event.mentionedUserId} in a comment ${on}`;
  return { taskId: c?.taskId ?? "", summary };
}
