import { z } from "zod";
import type { Project, Section } from "../../../gen/todo/v1/project_pb";
import type { Task } from "../../../gen/todo/v1/task_pb";

/** Tool views of projects, sections and a task's place: plain JSON; names are the user's data. */
export const OrganiseView = {
  project: z.object({
    id: z.string(),
    name: z.string(),
    colour: z.string(),
    parent_id: z.string().nullable(),
    inbox: z.boolean(),
    archived: z.boolean(),
    deleted: z.boolean(),
    version: z.number().int(),
  }),
  section: z.object({ id: z.string(), project_id: z.string(), name: z.string(), version: z.number().int() }),
  place: z.object({
    task_id: z.string(),
    project_id: z.string(),
    section_id: z.string().nullable(),
    parent_id: z.string().nullable(),
  }),
};

export function projectView(project: Project): z.infer<typeof OrganiseView.project> {
  return {
    id: project.id,
    name: project.name,
    colour: project.colour,
    parent_id: project.parentId || null,
    inbox: project.inbox,
    archived: project.archived,
    deleted: project.deleted,
    version: Number(project.version),
  };
}

export function sectionView(section: Section): z.infer<typeof OrganiseView.section> {
  return { id: section.id, project_id: section.projectId, name: section.name, version: Number(section.version) };
}

/** taskPlaceView is where a task is; kept beside the task view so the task tools' output shape stays as it is. */
export function taskPlaceView(task: Task): z.infer<typeof OrganiseView.place> {
  return {
    task_id: task.id,
    project_id: task.projectId,
    section_id: task.sectionId || null,
    parent_id: task.parentId || null,
  };
}
