import { create } from "@bufbuild/protobuf";
import { TaskMovedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import {
  ProjectChangedSchema,
  SectionChangedSchema,
  TaskChangedSchema,
} from "../../../gen/todo/events/v1/task_updates_pb";
import { ProjectChangeKind, SectionChangeKind } from "../../../gen/todo/v1/project_pb";
import { TaskChangeKind } from "../../../gen/todo/v1/task_pb";
import { projectLifecycleEvents, sectionLifecycleEvents } from "../../../vocabulary/lifecycle-events";
import { type EventMessage, newEventMeta, topics } from "../../platform/bus/event-codec";
import type { OutgoingEvent } from "../../platform/bus/outbox";
import { type ProjectRow, type SectionRow, toProjectMessage, toSectionMessage } from "../db/project-row";
import { type TaskRow, toTaskMessage } from "../db/task-row";

/** The kinds of change a project goes through. */
export type ProjectChange = keyof typeof projectLifecycleEvents;

/** The kinds of change a section goes through. */
export type SectionChange = keyof typeof sectionLifecycleEvents;

/** A change's snapshot kind is the enum value of the same name (one the enum lacks does not compile). */
const projectKind = (change: ProjectChange) => ProjectChangeKind[change.toUpperCase() as Uppercase<ProjectChange>];
const sectionKind = (change: SectionChange) => SectionChangeKind[change.toUpperCase() as Uppercase<SectionChange>];

interface Context {
  correlationId: string;
  changedFields?: string[];
  /** taskCount is how many tasks a delete or restore took with it. */
  taskCount?: number;
  /** tasksDeleted: a section's tasks went with it. */
  tasksDeleted?: boolean;
}

/**
 * projectChangeEvents lists what one project change publishes: the lifecycle event on task-events and a
 * snapshot on task-updates (for WatchTasks), both keyed by the project id so one project's events stay in order.
 */
export function projectChangeEvents(change: ProjectChange, after: ProjectRow, context: Context): OutgoingEvent[] {
  const project = toProjectMessage(after);
  const meta = () => newEventMeta({ userId: after.userId, correlationId: context.correlationId });
  const lifecycle: EventMessage = (() => {
    const events = projectLifecycleEvents;
    switch (change) {
      case "updated":
        return create(events.updated, { meta: meta(), project, changedFields: context.changedFields ?? [] });
      case "deleted":
        return create(events.deleted, { meta: meta(), project, deletedTaskCount: context.taskCount ?? 0 });
      case "restored":
        return create(events.restored, { meta: meta(), project, restoredTaskCount: context.taskCount ?? 0 });
      default:
        return create(events[change], { meta: meta(), project });
    }
  })();
  return [
    { topic: topics.taskEvents, key: after.id, event: lifecycle },
    {
      topic: topics.taskUpdates,
      key: after.id,
      event: create(ProjectChangedSchema, { meta: meta(), kind: projectKind(change), project }),
    },
  ];
}

/** sectionChangeEvents lists what one section change publishes, keyed by its project's id. */
export function sectionChangeEvents(change: SectionChange, after: SectionRow, context: Context): OutgoingEvent[] {
  const section = toSectionMessage(after);
  const meta = () => newEventMeta({ userId: after.userId, correlationId: context.correlationId });
  const lifecycle: EventMessage = (() => {
    switch (change) {
      case "created":
        return create(sectionLifecycleEvents.created, { meta: meta(), section });
      case "updated":
        return create(sectionLifecycleEvents.updated, {
          meta: meta(),
          section,
          changedFields: context.changedFields ?? [],
        });
      case "deleted":
        return create(sectionLifecycleEvents.deleted, {
          meta: meta(),
          section,
          tasksDeleted: context.tasksDeleted ?? false,
          taskCount: context.taskCount ?? 0,
        });
    }
  })();
  return [
    { topic: topics.taskEvents, key: after.projectId, event: lifecycle },
    {
      topic: topics.taskUpdates,
      key: after.projectId,
      event: create(SectionChangedSchema, { meta: meta(), kind: sectionKind(change), section }),
    },
  ];
}

/** taskMovedEvents lists what a move publishes: TaskMoved (with where the task was) and a MOVED snapshot. */
export function taskMovedEvents(after: TaskRow, before: TaskRow, context: { correlationId: string }): OutgoingEvent[] {
  const task = toTaskMessage(after);
  const meta = () => newEventMeta({ userId: after.userId, correlationId: context.correlationId });
  return [
    {
      topic: topics.taskEvents,
      key: after.id,
      event: create(TaskMovedSchema, {
        meta: meta(),
        task,
        fromProjectId: before.projectId,
        fromSectionId: before.sectionId ?? "",
        fromParentId: before.parentId ?? "",
      }),
    },
    {
      topic: topics.taskUpdates,
      key: after.id,
      event: create(TaskChangedSchema, { meta: meta(), kind: TaskChangeKind.MOVED, task }),
    },
  ];
}
