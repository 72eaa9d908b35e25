import type { Project } from "../../../../gen/todo/v1/project_pb";
import type { Task } from "../../../../gen/todo/v1/task_pb";
import { projectTree } from "./organise";

/** ProjectTasks is one project's share of a list that spans projects ("Assigned to me"). */
export interface ProjectTasks {
  projectId: string;
  /** project is undefined when the sidebar's list does not hold it (yet). */
  project: Project | undefined;
  tasks: Task[];
}

/**
 * byProject groups tasks of several projects in the sidebar's order: the Inbox first, then the project tree
 * (shared projects among the user's own), then any project the list does not know; the tasks keep their order.
 */
export function byProject(tasks: readonly Task[], projects: readonly Project[]): ProjectTasks[] {
  const order = [...projects.filter((p) => p.inbox), ...projectTree(projects).map((e) => e.project)];
  const rank = new Map(order.map((p, i) => [p.id, i]));
  const groups = new Map<string, ProjectTasks>();
  for (const task of tasks) {
    const group = groups.get(task.projectId) ?? {
      projectId: task.projectId,
      project: projects.find((p) => p.id === task.projectId),
      tasks: [],
    };
    group.tasks.push(task);
    groups.set(task.projectId, group);
  }
  const at = (g: ProjectTasks) => rank.get(g.projectId) ?? order.length;
  return [...groups.values()].sort((a, b) => at(a) - at(b));
}
