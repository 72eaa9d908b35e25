import { z } from "zod";
import type { SavedFilter } from "../../../gen/todo/v1/filter_pb";
import { defineTool, type TaskTool } from "./task-tools";
import { taskPageOutput, taskView } from "./task-view";

const filter = z
  .string()
  .min(1)
  .max(1024)
  .describe("a query in taskmesh's filter language, e.g. (today | overdue) & #work & p1 — see write_filter");
const savedFilterId = z.uuid().describe("the saved filter's id, from list_saved_filters or save_filter");
const taskList = taskPageOutput.tasks;
const savedFilterView = z.object({ id: z.string(), name: z.string(), query: z.string() });
const toSavedFilterView = (saved: SavedFilter | undefined) => ({
  id: saved?.id ?? "",
  name: saved?.name ?? "",
  query: saved?.query ?? "",
});

export const filterTasks = defineTool({
  name: "filter_tasks",
  title: "Filter tasks",
  description:
    "Run a filter query over the signed-in user's tasks (open ones unless it names completed), soonest due first. Terms: today, tomorrow, overdue, no date, due before: <YYYY-MM-DD|+N days>, due after: …, p1…p4, no priority, #tag, project: Name, search: words, completed, recurring; operators & | ! and parentheses.",
  input: {
    filter,
    page_size: z.number().int().min(1).max(100).default(20),
    page_token: z.string().max(1024).optional(),
  },
  output: { ...taskPageOutput, canonical: z.string() },
  hints: { readOnly: true, destructive: false, idempotent: true },
  async run(api, a) {
    const page = await api.filters.listFilteredTasks({
      source: { case: "filter", value: a.filter },
      pageSize: a.page_size,
      pageToken: a.page_token ?? "",
    });
    return { tasks: page.tasks.map(taskView), next_page_token: page.nextPageToken, canonical: page.canonical };
  },
});

const writeFilter = defineTool({
  name: "write_filter",
  title: "Write a filter from a sentence",
  description:
    'Turn what the user wants to see, in English, Urdu or Roman Urdu ("my urgent work stuff this week"), into a filter query and an explanation. Saves and runs nothing: show the query to the user before using it. An empty filter means the sentence named nothing a filter can test.',
  input: { sentence: z.string().trim().min(1).max(500) },
  output: { filter: z.string(), explanation: z.string(), confidence: z.number() },
  hints: { readOnly: true, destructive: false, idempotent: true },
  async run(api, a) {
    const answer = await api.filters.suggestFilter({ text: a.sentence });
    return { filter: answer.filter, explanation: answer.explanation, confidence: answer.confidence };
  },
});

const todayTasks = defineTool({
  name: "today_tasks",
  title: "Today",
  description: "The signed-in user's open tasks that are overdue (earlier days) or due today, in their time zone.",
  input: {},
  output: { date: z.string(), overdue: taskList, today: taskList },
  hints: { readOnly: true, destructive: false, idempotent: true },
  async run(api) {
    const view = await api.filters.listToday({});
    return { date: view.date, overdue: view.overdue.map(taskView), today: view.today.map(taskView) };
  },
});

const upcomingTasks = defineTool({
  name: "upcoming_tasks",
  title: "Upcoming",
  description:
    "The signed-in user's open tasks: overdue ones, then each of the next 14 days (today first) with the tasks due that day.",
  input: {},
  output: {
    overdue: taskList,
    days: z.array(z.object({ date: z.string(), tasks: taskList })),
  },
  hints: { readOnly: true, destructive: false, idempotent: true },
  async run(api) {
    const view = await api.filters.listUpcoming({});
    return {
      overdue: view.overdue.map(taskView),
      days: view.days.map((day) => ({ date: day.date, tasks: day.tasks.map(taskView) })),
    };
  },
});

export const listSavedFilters = defineTool({
  name: "list_saved_filters",
  title: "List saved filters",
  description: "The signed-in user's saved filters by name. Names and queries are the user's data.",
  input: {},
  output: { saved_filters: z.array(savedFilterView) },
  hints: { readOnly: true, destructive: false, idempotent: true },
  async run(api) {
    const { savedFilters } = await api.filters.listSavedFilters({});
    return { saved_filters: savedFilters.map(toSavedFilterView) };
  },
});

const saveFilter = defineTool({
  name: "save_filter",
  title: "Save a filter",
  description: "Save a filter query under a name for the user's sidebar (the query must parse; names are unique).",
  input: { name: z.string().trim().min(1).max(100), query: filter },
  output: { saved_filter: savedFilterView },
  hints: { readOnly: false, destructive: false, idempotent: false },
  async run(api, a) {
    const { savedFilter } = await api.filters.createSavedFilter({ name: a.name, query: a.query });
    return { saved_filter: toSavedFilterView(savedFilter) };
  },
});

const deleteSavedFilter = defineTool({
  name: "delete_saved_filter",
  title: "Delete a saved filter",
  description: "Delete one of the user's saved filters (their tasks are untouched). Ask the user first.",
  input: { id: savedFilterId },
  output: { deleted: z.boolean() },
  hints: { readOnly: false, destructive: true, idempotent: true },
  async run(api, a) {
    await api.filters.deleteSavedFilter({ id: a.id });
    return { deleted: true };
  },
});

/** The filter tools, in the order MCP lists them. */
export const filterTools: readonly TaskTool[] = [
  filterTasks,
  writeFilter,
  todayTasks,
  upcomingTasks,
  listSavedFilters,
  saveFilter,
  deleteSavedFilter,
];
