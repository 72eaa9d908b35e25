import type { Task } from "../../../../gen/todo/v1/task_pb";
import { compareTasks, matchesFilters, type TaskFilters } from "./task-filters";

/** ListView is what applyChange needs to know about the list on screen. */
export interface ListView {
  filters: TaskFilters;
  now: Date;
  timeZone: string;
  /** hasMore is true while later pages are not loaded: a task sorting after them waits for its page. */
  hasMore: boolean;
}

/**
 * applyChange folds one task change (live or local) into the loaded list: replaced where it is, dropped
 * when it no longer matches the view, inserted where the server's order would put it. An older
 * version than the one shown is ignored, so a late stream event never undoes a newer local result.
 */
export function applyChange(list: Task[], task: Task, view: ListView): Task[] {
  const index = list.findIndex((t) => t.id === task.id);
  const current = index === -1 ? undefined : list[index]!;
  if (current && task.version < current.version) return list;
  const without = index === -1 ? list : [...list.slice(0, index), ...list.slice(index + 1)];
  if (!matchesFilters(task, view.filters, view.now, view.timeZone)) return index === -1 ? list : without;
  const compare = compareTasks(view.filters.sort, view.filters.reversed);
  const at = without.findIndex((t) => compare(task, t) < 0);
  if (at === -1) return view.hasMore && !current ? list : [...without, task];
  return [...without.slice(0, at), task, ...without.slice(at)];
}
