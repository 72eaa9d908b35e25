/**
 * The lifecycle event each kind of change to a task, project or section publishes on task-events, keyed by
 * the kind: the orchestrator creates its events from these, and the audit log names them by the same kind
 * ("Task completed"), so a new kind is added in one place.
 */
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
} from "../gen/todo/events/v1/project_events_pb";
import {
  TaskCompletedSchema,
  TaskCreatedSchema,
  TaskDeletedSchema,
  TaskReopenedSchema,
  TaskRestoredSchema,
  TaskUpdatedSchema,
} from "../gen/todo/events/v1/task_events_pb";

/** taskLifecycleEvents is the event of each kind of task change. */
export const taskLifecycleEvents = {
  created: TaskCreatedSchema,
  updated: TaskUpdatedSchema,
  completed: TaskCompletedSchema,
  reopened: TaskReopenedSchema,
  deleted: TaskDeletedSchema,
  restored: TaskRestoredSchema,
} as const;

/** projectLifecycleEvents is the event of each kind of project change. */
export const projectLifecycleEvents = {
  created: ProjectCreatedSchema,
  updated: ProjectUpdatedSchema,
  archived: ProjectArchivedSchema,
  unarchived: ProjectUnarchivedSchema,
  deleted: ProjectDeletedSchema,
  restored: ProjectRestoredSchema,
} as const;

/** sectionLifecycleEvents is the event of each kind of section change. */
export const sectionLifecycleEvents = {
  created: SectionCreatedSchema,
  updated: SectionUpdatedSchema,
  deleted: SectionDeletedSchema,
} as const;
