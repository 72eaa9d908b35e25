import { timestampDate } from "@bufbuild/protobuf/wkt";
import { TaskAssignedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import { type EventHandler, on } from "../../platform/bus/typed-events";
import { composeAssignment } from "../domain/assignment-message";
import { type AnnounceDeps, announce } from "./announce";

/**
 * assignmentHandlers announce a TaskAssigned (issue 15) to the new assignee (see announce): an inbox entry for the
 * task at the event's time, pushed live, and an email, naming who assigned it (the actor's display name, read from
 * their profile as they are; nobody named when the system assigned it or the actor's account is gone). Nothing for
 * an unassigned task, a deleted one, or an assignee who assigned it to themselves.
 */
export function assignmentHandlers(deps: AnnounceDeps): EventHandler[] {
  return [
    on(TaskAssignedSchema, async ({ event, meta }, tx) => {
      const task = event.task;
      const userId = task?.assigneeId;
      if (!task || !userId || task.deleted || event.actorId === userId || !meta.occurredAt) return;
      const actor = event.actorId ? await deps.profiles(event.actorId, meta.correlationId) : undefined;
      await announce(
        deps,
        { userId, correlationId: meta.correlationId },
        (language) => composeAssignment({ taskTitle: task.title, actorName: actor?.name ?? "" }, language),
        { taskId: task.id, at: timestampDate(meta.occurredAt), dueAt: task.dueAt ? timestampDate(task.dueAt) : null },
        tx,
      );
    }),
  ];
}
