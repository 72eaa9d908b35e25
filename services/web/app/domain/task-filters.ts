import { create } from "@bufbuild/protobuf";
import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { type Task, TaskStatus } from "../../../../gen/todo/v1/task_pb";
import { type ListTasksRequest, ListTasksRequestSchema, TaskSort } from "../../../../gen/todo/v1/task_service_pb";
import { isPriorityName, type PriorityName, priorityEnum, priorityName } from "../../../../vocabulary/priority";
import { addDays, parseLocalDate, startOfDay } from "../../../../vocabulary/time-zone";

export type StatusFilter = "all" | "open" | "completed";
export type SortKey = "created" | "due" | "priority" | "title";

/** TaskFilters is the task list's view state; it lives in the URL so a view can be shared and reloaded. */
export interface TaskFilters {
  status: StatusFilter;
  query: string;
  tags: string[];
  priorities: PriorityName[];
  /** dueFrom and dueTo are inclusive calendar days (YYYY-MM-DD) in the user's zone; "" means open-ended. */
  dueFrom: string;
  dueTo: string;
  overdue: boolean;
  sort: SortKey;
  /** reversed flips the natural order (newest, soonest, most urgent, A→Z). */
  reversed: boolean;
}

/** The list opens on what is left to do: completed tasks (and a series' finished instances) stay out of it. */
export const defaultFilters: TaskFilters = {
  status: "open",
  query: "",
  tags: [],
  priorities: [],
  dueFrom: "",
  dueTo: "",
  overdue: false,
  sort: "created",
  reversed: false,
};

const statuses: Record<StatusFilter, TaskStatus> = {
  all: TaskStatus.UNSPECIFIED,
  open: TaskStatus.OPEN,
  completed: TaskStatus.COMPLETED,
};
const sorts: Record<SortKey, TaskSort> = {
  created: TaskSort.CREATED,
  due: TaskSort.DUE,
  priority: TaskSort.PRIORITY,
  title: TaskSort.TITLE,
};

/** toListTasksRequest maps the view's filters to one page's ListTasksRequest; due days are read in the user's zone. */
export function toListTasksRequest(
  filters: TaskFilters,
  page: { timeZone: string; pageSize: number; pageToken?: string },
): ListTasksRequest {
  const from = parseLocalDate(filters.dueFrom);
  const to = parseLocalDate(filters.dueTo);
  return create(ListTasksRequestSchema, {
    status: statuses[filters.status],
    query: filters.query.trim(),
    tags: filters.tags,
    priorities: filters.priorities.map(priorityEnum),
    dueAfter: from ? timestampFromDate(startOfDay(from, page.timeZone)) : undefined,
    // The server's upper bound is exclusive: "to" includes that whole day.
    dueBefore: to ? timestampFromDate(startOfDay(addDays(to, 1), page.timeZone)) : undefined,
    overdue: filters.overdue,
    sort: sorts[filters.sort],
    descending: filters.reversed,
    pageSize: page.pageSize,
    pageToken: page.pageToken ?? "",
  });
}

/** filtersToSearch writes the filters that differ from the defaults as URL search parameters. */
export function filtersToSearch(filters: TaskFilters): string {
  const params = new URLSearchParams();
  if (filters.status !== defaultFilters.status) params.set("status", filters.status);
  if (filters.query.trim()) params.set("q", filters.query.trim());
  for (const tag of filters.tags) params.append("tag", tag);
  for (const priority of filters.priorities) params.append("priority", priority);
  if (filters.dueFrom) params.set("from", filters.dueFrom);
  if (filters.dueTo) params.set("to", filters.dueTo);
  if (filters.overdue) params.set("overdue", "1");
  if (filters.sort !== defaultFilters.sort) params.set("sort", filters.sort);
  if (filters.reversed) params.set("reversed", "1");
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** filtersFromSearch reads filters from URL search parameters, ignoring values it does not know. */
export function filtersFromSearch(search: string): TaskFilters {
  const params = new URLSearchParams(search);
  const status = params.get("status");
  const sort = params.get("sort");
  const day = (value: string | null) => (value && parseLocalDate(value) ? value : "");
  return {
    status: status === "all" || status === "open" || status === "completed" ? status : defaultFilters.status,
    query: params.get("q") ?? "",
    tags: [
      ...new Set(
        params
          .getAll("tag")
          .map((t) => t.trim().toLowerCase())
          .filter(Boolean),
      ),
    ].slice(0, 20),
    priorities: [...new Set(params.getAll("priority").filter(isPriorityName))],
    dueFrom: day(params.get("from")),
    dueTo: day(params.get("to")),
    overdue: params.get("overdue") === "1",
    sort: sort === "due" || sort === "priority" || sort === "title" ? sort : defaultFilters.sort,
    reversed: params.get("reversed") === "1",
  };
}

/** activeFilterCount counts the filters changed from the default view (not search or sort). */
export function activeFilterCount(filters: TaskFilters): number {
  return (
    (filters.status !== defaultFilters.status ? 1 : 0) +
    filters.tags.length +
    filters.priorities.length +
    (filters.dueFrom ? 1 : 0) +
    (filters.dueTo ? 1 : 0) +
    (filters.overdue ? 1 : 0)
  );
}

const ms = (t: Task["dueAt"]) => (t ? timestampDate(t).getTime() : undefined);

/**
 * matchesFilters decides whether a task changed live (by another tab, the chat, …) belongs in the
 * current view. Search is approximated by word prefixes, as the server's full-text search matches.
 */
export function matchesFilters(task: Task, filters: TaskFilters, now: Date, timeZone: string): boolean {
  if (task.deleted) return false;
  if (filters.status !== "all" && task.status !== statuses[filters.status]) return false;
  if (filters.tags.length > 0 && !task.tags.some((t) => filters.tags.includes(t))) return false;
  if (filters.priorities.length > 0 && !filters.priorities.includes(priorityName(task.priority))) return false;
  const due = ms(task.dueAt);
  const from = parseLocalDate(filters.dueFrom);
  const to = parseLocalDate(filters.dueTo);
  if (from && (due === undefined || due < startOfDay(from, timeZone).getTime())) return false;
  if (to && (due === undefined || due >= startOfDay(addDays(to, 1), timeZone).getTime())) return false;
  if (filters.overdue && (task.status !== TaskStatus.OPEN || due === undefined || due >= now.getTime())) return false;
  const terms = filters.query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (terms.length > 0) {
    const words = `${task.title} ${task.description}`.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    if (!terms.every((term) => words.some((word) => word.startsWith(term)))) return false;
  }
  return true;
}

const created = (t: Task) => (t.createdAt ? timestampDate(t.createdAt).getTime() : 0);

/** compareTasks orders tasks as the server does for a sort key, so a live insert lands where a reload would put it. */
export function compareTasks(sort: SortKey, reversed: boolean): (a: Task, b: Task) => number {
  const natural: Record<SortKey, (a: Task, b: Task) => number> = {
    created: (a, b) => created(b) - created(a),
    due: (a, b) => (ms(a.dueAt) ?? Infinity) - (ms(b.dueAt) ?? Infinity),
    priority: (a, b) => b.priority - a.priority,
    title: (a, b) => a.title.toLowerCase().localeCompare(b.title.toLowerCase()),
  };
  const compare = natural[sort];
  return (a, b) => {
    const order =
      compare(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) * (sort === "created" || sort === "priority" ? -1 : 1);
    return reversed ? -order : order;
  };
}
