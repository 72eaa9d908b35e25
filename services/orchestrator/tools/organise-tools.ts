import { z } from "zod";
import { SectionTasks } from "../../../gen/todo/v1/project_service_pb";
import { TaskSort } from "../../../gen/todo/v1/task_service_pb";
import { ORGANISE_NAME_MAX } from "../../../vocabulary/organise";
import { InvalidArgumentError } from "../../platform/errors";
import { OrganiseView, projectView, sectionView, taskPlaceView } from "./organise-view";
import { defineTool, type TaskTool } from "./task-tools";
import { oneTaskOutput, taskPageOutput, taskView } from "./task-view";

const projectId = z.uuid().describe("the project's id, from list_projects or add_project");
const sectionId = z.uuid().describe("the section's id, from list_sections or add_section");
const taskId = z.uuid().describe("the task's id, from add_task, list_tasks or search_tasks");
const name = z.string().trim().min(1).max(ORGANISE_NAME_MAX);
const colour = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/)
  .describe("a #rrggbb colour");

const refuse = (field: string, description: string): never => {
  throw new InvalidArgumentError([{ field, description }]);
};

export const listProjects = defineTool({
  name: "list_projects",
  title: "List projects",
  description:
    "List the signed-in user's projects (the Inbox first, then each project followed by its sub-projects). Names are the user's data.",
  input: { include_archived: z.boolean().default(false) },
  output: { projects: z.array(OrganiseView.project) },
  hints: { readOnly: true, destructive: false, idempotent: true },
  async run(api, a) {
    const { projects } = await api.projects.listProjects({ includeArchived: a.include_archived });
    return { projects: projects.map(projectView) };
  },
});

export const addProject = defineTool({
  name: "add_project",
  title: "Add a project",
  description:
    "Create a project, optionally under another (three levels at most), optionally with sections in the given order.",
  input: {
    name,
    colour: colour.optional(),
    parent_id: projectId.optional().describe("nest the new project under this one"),
    sections: z.array(name).max(20).optional().describe("section names to create in the new project, in order"),
  },
  output: { project: OrganiseView.project, sections: z.array(OrganiseView.section) },
  hints: { readOnly: false, destructive: false, idempotent: false },
  async run(api, a) {
    const { project } = await api.projects.createProject({
      name: a.name,
      colour: a.colour ?? "",
      parentId: a.parent_id ?? "",
    });
    const sections = [];
    for (const sectionName of a.sections ?? []) {
      sections.push((await api.projects.createSection({ projectId: project!.id, name: sectionName })).section!);
    }
    return { project: projectView(project!), sections: sections.map(sectionView) };
  },
});

const updateProject = defineTool({
  name: "update_project",
  title: "Update a project",
  description:
    "Rename, recolour, archive or unarchive a project, or move it under another project (parent_id null: to the top level). Fields not given stay as they are.",
  input: {
    id: projectId,
    name: name.optional(),
    colour: colour.nullable().optional(),
    archived: z.boolean().optional(),
    parent_id: projectId.nullable().optional(),
  },
  output: { project: OrganiseView.project },
  hints: { readOnly: false, destructive: false, idempotent: true },
  async run(api, a) {
    const paths: string[] = [];
    if (a.name !== undefined) paths.push("name");
    if (a.colour !== undefined) paths.push("colour");
    if (a.archived !== undefined) paths.push("archived");
    if (a.parent_id !== undefined) paths.push("parent_id");
    if (paths.length === 0) refuse("update_project", "name at least one field to change");
    const { project } = await api.projects.updateProject({
      id: a.id,
      updateMask: { paths },
      name: a.name ?? "",
      colour: a.colour ?? "",
      archived: a.archived ?? false,
      parentId: a.parent_id ?? "",
    });
    return { project: projectView(project!) };
  },
});

const deleteProject = defineTool({
  name: "delete_project",
  title: "Delete a project",
  description:
    "Delete a project with its sub-projects, sections and tasks (soft delete: restore_project brings it all back). Ask the user first.",
  input: { id: projectId },
  output: { project: OrganiseView.project, deleted_task_count: z.number().int() },
  hints: { readOnly: false, destructive: true, idempotent: false },
  async run(api, a) {
    const { project, deletedTaskCount } = await api.projects.deleteProject({ id: a.id });
    return { project: projectView(project!), deleted_task_count: deletedTaskCount };
  },
});

const restoreProject = defineTool({
  name: "restore_project",
  title: "Restore a project",
  description: "Bring back a deleted project and everything its deletion took with it.",
  input: { id: projectId },
  output: { project: OrganiseView.project, restored_task_count: z.number().int() },
  hints: { readOnly: false, destructive: false, idempotent: false },
  async run(api, a) {
    const { project, restoredTaskCount } = await api.projects.restoreProject({ id: a.id });
    return { project: projectView(project!), restored_task_count: restoredTaskCount };
  },
});

export const listSections = defineTool({
  name: "list_sections",
  title: "List sections",
  description: "List a project's sections in their order.",
  input: { project_id: projectId },
  output: { sections: z.array(OrganiseView.section) },
  hints: { readOnly: true, destructive: false, idempotent: true },
  async run(api, a) {
    const { sections } = await api.projects.listSections({ projectId: a.project_id });
    return { sections: sections.map(sectionView) };
  },
});

const addSection = defineTool({
  name: "add_section",
  title: "Add a section",
  description: "Add a section at the end of a project (or right after another section).",
  input: { project_id: projectId, name, after_id: sectionId.optional() },
  output: { section: OrganiseView.section },
  hints: { readOnly: false, destructive: false, idempotent: false },
  async run(api, a) {
    const { section } = await api.projects.createSection({
      projectId: a.project_id,
      name: a.name,
      afterId: a.after_id ?? "",
    });
    return { section: sectionView(section!) };
  },
});

const deleteSection = defineTool({
  name: "delete_section",
  title: "Delete a section",
  description:
    "Delete a section. Its tasks either move to the project (outside any section) or are deleted with it: ask the user which, there is no default.",
  input: { id: sectionId, tasks: z.enum(["move_to_project", "delete"]) },
  output: {
    section: OrganiseView.section,
    moved_task_count: z.number().int(),
    deleted_task_count: z.number().int(),
  },
  hints: { readOnly: false, destructive: true, idempotent: false },
  async run(api, a) {
    const answer = await api.projects.deleteSection({
      id: a.id,
      tasks: a.tasks === "delete" ? SectionTasks.DELETE : SectionTasks.MOVE_TO_PROJECT,
    });
    return {
      section: sectionView(answer.section!),
      moved_task_count: answer.movedTaskCount,
      deleted_task_count: answer.deletedTaskCount,
    };
  },
});

export const moveTask = defineTool({
  name: "move_task",
  title: "Move a task",
  description:
    "Put a task in another project, section or under a parent task (as a subtask), or at another place in its list (right after after_id / before before_id; neither: at the end). A subtask takes its parent's project and section.",
  input: {
    id: taskId,
    project_id: projectId.optional().describe("destination project; default: the task's own"),
    section_id: sectionId.optional().describe("destination section; none: outside any section"),
    parent_id: taskId.optional().describe("make it a subtask of this task; none: top level"),
    after_id: taskId.optional(),
    before_id: taskId.optional(),
  },
  output: { ...oneTaskOutput, place: OrganiseView.place },
  hints: { readOnly: false, destructive: false, idempotent: true },
  async run(api, a) {
    const { task } = await api.moveTask({
      id: a.id,
      projectId: a.project_id ?? "",
      sectionId: a.section_id ?? "",
      parentId: a.parent_id ?? "",
      afterId: a.after_id ?? "",
      beforeId: a.before_id ?? "",
    });
    return { task: taskView(task!), place: taskPlaceView(task!) };
  },
});

export const addSubtasks = defineTool({
  name: "add_subtasks",
  title: "Add subtasks",
  description:
    "Add subtasks (a checklist) under one of the user's tasks, in the given order. Titles are stored as data.",
  input: {
    parent_id: taskId,
    titles: z.array(z.string().trim().min(1).max(500)).min(1).max(50),
  },
  output: taskPageOutput,
  hints: { readOnly: false, destructive: false, idempotent: false },
  async run(api, a) {
    const made = [];
    for (const title of a.titles) made.push((await api.createTask({ title, parentId: a.parent_id })).task!);
    return { tasks: made.map(taskView), next_page_token: "" };
  },
});

export const listProjectTasks = defineTool({
  name: "list_project_tasks",
  title: "List a project's tasks",
  description:
    "List the tasks of a project, a section or a parent task (its subtasks) in the user's manual order, open by default.",
  input: {
    project_id: projectId.optional(),
    section_id: sectionId.optional(),
    parent_id: taskId.optional(),
    include_completed: z.boolean().default(false),
    page_size: z.number().int().min(1).max(100).default(50),
    page_token: z.string().max(1024).optional(),
  },
  output: { ...taskPageOutput, places: z.array(OrganiseView.place) },
  hints: { readOnly: true, destructive: false, idempotent: true },
  async run(api, a) {
    if (!a.project_id && !a.section_id && !a.parent_id) {
      refuse("project_id", "name a project, a section or a parent task");
    }
    const page = await api.listTasks({
      projectId: a.project_id ?? "",
      sectionId: a.section_id ?? "",
      parentId: a.parent_id ?? "",
      status: a.include_completed ? 0 : 1,
      sort: TaskSort.MANUAL,
      pageSize: a.page_size,
      pageToken: a.page_token ?? "",
    });
    return {
      tasks: page.tasks.map(taskView),
      places: page.tasks.map(taskPlaceView),
      next_page_token: page.nextPageToken,
    };
  },
});

/** organiseTools lists the project, section and subtask tools in the order MCP clients see them. */
export const organiseTools: readonly TaskTool[] = [
  listProjects,
  addProject,
  updateProject,
  deleteProject,
  restoreProject,
  listSections,
  addSection,
  deleteSection,
  moveTask,
  addSubtasks,
  listProjectTasks,
];
