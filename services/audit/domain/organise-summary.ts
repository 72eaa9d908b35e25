import { isMessage } from "@bufbuild/protobuf";
import {
  SavedFilterCreatedSchema,
  SavedFilterDeletedSchema,
  SavedFilterUpdatedSchema,
} from "../../../gen/todo/events/v1/filter_events_pb";
import { TaskMovedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import { projectLifecycleEvents, sectionLifecycleEvents } from "../../../vocabulary/lifecycle-events";
import type { EventMessage } from "../../platform/bus/event-codec";

/** The live-view snapshots written next to every project and section event: recording them would say it twice. */
export const organiseSnapshots = [
  "todo.events.v1.ProjectChanged",
  "todo.events.v1.SectionChanged",
  "todo.events.v1.SavedFilterChanged",
] as const;

const quoted = (name: string) => (name ? `"${name}"` : "(unnamed)");
const tasks = (n: number) => (n === 1 ? "1 task" : `${n} tasks`);

const savedFilterVerbs = [
  [SavedFilterCreatedSchema, "Filter saved"],
  [SavedFilterUpdatedSchema, "Saved filter changed"],
  [SavedFilterDeletedSchema, "Saved filter deleted"],
] as const;

/**
 * describeOrganiseEvent summarises project, section, saved-filter and move events in one line (null: not one of
 * them). Project, section and filter events concern no single task; a move is about its task. Names are the user's data, quoted.
 */
export function describeOrganiseEvent(event: EventMessage): { taskId: string; summary: string } | null {
  for (const [schema, verb] of savedFilterVerbs) {
    if (!isMessage(event, schema)) continue;
    const filter = event.savedFilter;
    const query = filter?.query && !isMessage(event, SavedFilterDeletedSchema) ? ` = ${filter.query}` : "";
    return { taskId: "", summary: `${verb}: ${quoted(filter?.name ?? "")}${query}` };
  }
  if (isMessage(event, projectLifecycleEvents.deleted)) {
    return {
      taskId: "",
      summary: `Project deleted with ${tasks(event.deletedTaskCount)}: ${quoted(event.project?.name ?? "")}`,
    };
  }
  if (isMessage(event, projectLifecycleEvents.restored)) {
    return {
      taskId: "",
      summary: `Project restored with ${tasks(event.restoredTaskCount)}: ${quoted(event.project?.name ?? "")}`,
    };
  }
  if (isMessage(event, sectionLifecycleEvents.deleted)) {
    const fate = event.tasksDeleted ? "deleted with it" : "moved to the project";
    return {
      taskId: "",
      summary: `Section deleted (${tasks(event.taskCount)} ${fate}): ${quoted(event.section?.name ?? "")}`,
    };
  }
  // The other project and section changes are named by their kind: "Project archived", "Section created".
  for (const [kind, schema] of Object.entries(projectLifecycleEvents)) {
    if (isMessage(event, schema))
      return { taskId: "", summary: `Project ${kind}: ${quoted(event.project?.name ?? "")}` };
  }
  for (const [kind, schema] of Object.entries(sectionLifecycleEvents)) {
    if (isMessage(event, schema))
      return { taskId: "", summary: `Section ${kind}: ${quoted(event.section?.name ?? "")}` };
  }
  if (isMessage(event, TaskMovedSchema)) {
    const task = event.task;
    const where =
      task && task.projectId !== event.fromProjectId
        ? "to another project"
        : task && task.sectionId !== event.fromSectionId
          ? "to another section"
          : task && task.parentId !== event.fromParentId
            ? task.parentId
              ? "under another task"
              : "to the top level"
            : "within its list";
    return { taskId: task?.id ?? "", summary: `Task moved ${where}: ${quoted(task?.title ?? "")}` };
  }
  return null;
}
