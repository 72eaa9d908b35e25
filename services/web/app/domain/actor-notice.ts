import { CommentChangeKind } from "../../../../gen/todo/v1/comment_pb";
import { TaskChangeKind } from "../../../../gen/todo/v1/task_pb";
import type { WatchTasksResponse } from "../../../../gen/todo/v1/task_service_pb";
import type { MessageKey } from "../i18n/en";

/** ActorNotice is one change someone else made, as the app says it: "Sara completed “report”". */
export interface ActorNotice {
  actorId: string;
  name: string;
  key: MessageKey;
  title: string;
}

const taskKeys: Partial<Record<TaskChangeKind, MessageKey>> = {
  [TaskChangeKind.CREATED]: "actor.created",
  [TaskChangeKind.UPDATED]: "actor.updated",
  [TaskChangeKind.COMPLETED]: "actor.completed",
  [TaskChangeKind.REOPENED]: "actor.reopened",
  [TaskChangeKind.DELETED]: "actor.deleted",
  [TaskChangeKind.RESTORED]: "actor.restored",
  [TaskChangeKind.MOVED]: "actor.moved",
};

/** A comment is quoted up to this many characters (then "…"): a notice is a line, the thread has the rest. */
const quoteMax = 60;

const quote = (text: string) => {
  const line = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(line);
  return chars.length > quoteMax ? `${chars.slice(0, quoteMax - 1).join("")}…` : line;
};

/**
 * actorNotice says who changed what in a live update (a task, a comment, a project), or nothing for the
 * user's own changes (from any of their clients), a change the system made (no actor: a recurring series'
 * next instance, an unassignment on removal) and what the stream carries without a person (saved filters,
 * sections, heartbeats), nor an edited or deleted comment.
 */
export function actorNotice(message: WatchTasksResponse, userId: string): ActorNotice | undefined {
  if (!message.actorUserId || message.actorUserId === userId) return undefined;
  const who = { actorId: message.actorUserId, name: message.actorDisplayName || "…" };
  if (message.task) {
    const key = taskKeys[message.kind];
    return key && { ...who, key, title: message.task.title };
  }
  // A new comment is said; an edit or a deletion shows in the thread itself.
  if (message.comment)
    return message.commentKind === CommentChangeKind.ADDED
      ? { ...who, key: "actor.commented", title: quote(message.comment.body) }
      : undefined;
  if (message.project) return { ...who, key: "actor.project", title: message.project.name };
  return undefined;
}
