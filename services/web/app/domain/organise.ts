import type { Project, Section } from "../../../../gen/todo/v1/project_pb";
import { type Task, TaskStatus } from "../../../../gen/todo/v1/task_pb";

/** ProjectEntry is one project in the sidebar, with how deep it is nested (0 = top level). */
export interface ProjectEntry {
  project: Project;
  depth: number;
}

const byRank = <T extends { rank: string; id: string }>(a: T, b: T) =>
  a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * projectTree orders the user's live projects for the sidebar: the Inbox is left out (it has its own
 * entry), archived and deleted ones too; children follow their parent in rank order. A project whose
 * parent is not in the list (archived parent) is shown at the top level rather than lost.
 */
export function projectTree(projects: readonly Project[]): ProjectEntry[] {
  const live = projects.filter((p) => !p.inbox && !p.archived && !p.deleted);
  const ids = new Set(live.map((p) => p.id));
  const children = new Map<string, Project[]>();
  for (const project of live) {
    const parent = project.parentId && ids.has(project.parentId) ? project.parentId : "";
    children.set(parent, [...(children.get(parent) ?? []), project]);
  }
  const out: ProjectEntry[] = [];
  const walk = (parent: string, depth: number) => {
    for (const project of (children.get(parent) ?? []).sort(byRank)) {
      out.push({ project, depth });
      walk(project.id, depth + 1);
    }
  };
  walk("", 0);
  return out;
}

/** SubtaskProgress is how many of a task's direct subtasks are done. */
export interface SubtaskProgress {
  done: number;
  total: number;
}

/** subtaskProgress counts each parent's direct subtasks among `tasks` (deleted ones left out). */
export function subtaskProgress(tasks: readonly Task[]): Map<string, SubtaskProgress> {
  const progress = new Map<string, SubtaskProgress>();
  for (const task of tasks) {
    if (!task.parentId || task.deleted) continue;
    const entry = progress.get(task.parentId) ?? { done: 0, total: 0 };
    entry.total += 1;
    if (task.status === TaskStatus.COMPLETED) entry.done += 1;
    progress.set(task.parentId, entry);
  }
  return progress;
}

/** SectionGroup is one group of a project's list: the tasks outside any section (no `section`), or a section's. */
export interface SectionGroup {
  section: Section | undefined;
  tasks: Task[];
}

/**
 * sectionGroups puts a project's open top-level tasks under their sections in manual (rank) order:
 * first the tasks in no section, then each live section in rank order, empty sections included (so a
 * new section shows). A task naming a section not in the list stays in the first group.
 */
export function sectionGroups(tasks: readonly Task[], sections: readonly Section[]): SectionGroup[] {
  const live = sections.filter((s) => !s.deleted).sort(byRank);
  const known = new Set(live.map((s) => s.id));
  const top = tasks.filter((t) => !t.parentId && !t.deleted && t.status !== TaskStatus.COMPLETED).sort(byRank);
  return [
    { section: undefined, tasks: top.filter((t) => !t.sectionId || !known.has(t.sectionId)) },
    ...live.map((section) => ({ section, tasks: top.filter((t) => t.sectionId === section.id) })),
  ];
}

/** Nested is a row of a list with its subtasks under it: the task and how deep it is (0 = top level). */
export interface Nested {
  task: Task;
  depth: number;
}

/**
 * withSubtasks puts each row's open subtasks (all levels, in rank order) right under it, one level
 * deeper, so a checklist reads inline. Completed and deleted subtasks are left out (the parent's
 * progress counts them); a subtask whose parent is not among the rows is not shown here.
 */
export function withSubtasks(rows: readonly Task[], all: readonly Task[]): Nested[] {
  const children = new Map<string, Task[]>();
  for (const task of all) {
    if (!task.parentId || task.deleted || task.status === TaskStatus.COMPLETED) continue;
    children.set(task.parentId, [...(children.get(task.parentId) ?? []), task]);
  }
  const out: Nested[] = [];
  const seen = new Set<string>();
  const add = (task: Task, depth: number) => {
    if (seen.has(task.id)) return;
    seen.add(task.id);
    out.push({ task, depth });
    for (const child of (children.get(task.id) ?? []).sort(byRank)) add(child, depth + 1);
  };
  for (const task of rows) add(task, 0);
  return out;
}
