import { create } from "@bufbuild/protobuf";
import {
  ProjectArchivedSchema,
  ProjectCreatedSchema,
  ProjectDeletedSchema,
  ProjectRestoredSchema,
  ProjectUnarchivedSchema,
  ProjectUpdatedSchema,
  SectionCreatedSchema,
  SectionDeletedSchema,
  SectionUpdatedSchema,
} from "../../../gen/todo/events/v1/project_events_pb";
import { TaskMovedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import {
  ProjectChangedSchema,
  SectionChangedSchema,
  TaskChangedSchema,
} from "../../../gen/todo/events/v1/task_updates_pb";
import { ProjectChangeKind, SectionChangeKind } from "../../../gen/todo/v1/project_pb";
import { TaskChangeKind } from "../../../gen/todo/v1/task_pb";
import { type EventMessage, newEventMeta, topics } from "../../platform/bus/event-codec";
import type { OutgoingEvent } from "../../platform/bus/outbox";
import { type ProjectRow, type SectionRow, toProjectMessage, toSectionMessage } from "../db/project-row";
import { type TaskRow, toTaskMessage } from "../db/task-row";

/** The kinds of change a project goes through. */
export type ProjectChange = "created" | "updated" | "archived" | "unarchived" | "deleted" | "restored";

/** The kinds of change a section goes through. */
export type SectionChange = "created" | "updated" | "deleted";

const projectKinds: Record<ProjectChange, ProjectChangeKind> = {
  created: ProjectChangeKind.CREATED,
  updated: ProjectChangeKind.UPDATED,
  archived: ProjectChangeKind.ARCHIVED,
  unarchived: ProjectChangeKind.UNARCHIVED,
  deleted: ProjectChangeKind.DELETED,
  restored: ProjectChangeKind.RESTORED,
};

const sectionKinds: Record<SectionChange, SectionChangeKind> = {
  created: SectionChangeKind.CREATED,
  updated: SectionChangeKind.UPDATED,
  deleted: SectionChangeKind.DELETED,
};

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
    switch (change) {
      case "created":
        return create(ProjectCreatedSchema, { meta: meta(), project });
      case "updated":
        return create(ProjectUpdatedSchema, { meta: meta(), project, changedFields: context.changedFields ?? [] });
      case "archived":
        return create(ProjectArchivedSchema, { meta: meta(), project });
      case "unarchived":
        return create(ProjectUnarchivedSchema, { meta: meta(), project });
      case "deleted":
        return create(ProjectDeletedSchema, { meta: meta(), project, deletedTaskCount: context.taskCount ?? 0 });
      case "restored":
        return create(ProjectRestoredSchema, { meta: meta(), project, restoredTaskCount: context.taskCount ?? 0 });
    }
  })();
  return [
    { topic: topics.taskEvents, key: after.id, event: lifecycle },
    {
      topic: topics.taskUpdates,
      key: after.id,
      event: create(ProjectChangedSchema, { meta: meta(), kind: projectKinds[change], project }),
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
        return create(SectionCreatedSchema, { meta: meta(), section });
      case "updated":
        return create(SectionUpdatedSchema, { meta: meta(), section, changedFields: context.changedFields ?? [] });
      case "deleted":
        return create(SectionDeletedSchema, {
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
      event: create(SectionChangedSchema, { meta: meta(), kind: sectionKinds[change], section }),
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
