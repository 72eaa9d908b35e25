import type { MessageInitShape } from "@bufbuild/protobuf";
import { durationFromMs, timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { Priority, type Task, TaskStatus } from "../../../gen/todo/v1/task_pb";
import { type ReminderInputSchema, TaskSort } from "../../../gen/todo/v1/task_service_pb";
import { priorityNames, priorityEnum as priorityValue } from "../../../vocabulary/priority";
import { InvalidArgumentError } from "../../platform/errors";
import type { TaskApi } from "./task-api";
import { oneTaskOutput, repeatFromValue, type TaskView, taskPageOutput, taskView } from "./task-view";

/** TaskTool is one MCP tool: its schema and annotations, and what it does for one user's TaskApi. */
export interface TaskTool<
  S extends z.ZodRawShape = z.ZodRawShape,
  R extends Record<string, unknown> = Record<string, unknown>,
> {
  name: string;
  title: string;
  description: string;
  input: S;
  output: z.ZodRawShape;
  annotations: ToolAnnotations;
  run(api: TaskApi, args: z.output<z.ZodObject<S>>): Promise<R>;
}

/** What a tool does to the user's tasks; every tool acts only on taskmesh (a closed world). */
interface ToolHints {
  readOnly: boolean;
  destructive: boolean;
  idempotent: boolean;
}

/** defineTool states a tool with its hints; the MCP annotations are built from them and the title (organise-tools uses it too). */
export const defineTool = <S extends z.ZodRawShape, R extends Record<string, unknown>>({
  hints,
  ...tool
}: Omit<TaskTool<S, R>, "annotations"> & { hints: ToolHints }): TaskTool<S, R> => ({
  ...tool,
  annotations: {
    title: tool.title,
    readOnlyHint: hints.readOnly,
    destructiveHint: hints.destructive,
    idempotentHint: hints.idempotent,
    openWorldHint: false,
  },
});

/** callTool validates raw arguments against the tool's schema, then runs it; the chat calls tools this way. */
export async function callTool<S extends z.ZodRawShape, R extends Record<string, unknown>>(
  tool: TaskTool<S, R>,
  api: TaskApi,
  args: z.input<z.ZodObject<S>>,
): Promise<R> {
  const parsed = z.object(tool.input).safeParse(args);
  if (!parsed.success) {
    throw new InvalidArgumentError(
      parsed.error.issues.map((issue) => ({ field: issue.path.join(".") || tool.name, description: issue.message })),
    );
  }
  return tool.run(api, parsed.data);
}

const refuse = (field: string, description: string): never => {
  throw new InvalidArgumentError([{ field, description }]);
};

const instant = z.iso
  .datetime({ offset: true })
  .describe("ISO 8601 instant with offset, e.g. 2026-03-05T17:00:00+05:00");
const taskId = z.uuid().describe("the task's id, from add_task, list_tasks or search_tasks");
const title = z.string().trim().min(1).max(500);
const tags = z.array(z.string().trim().min(1).max(50)).max(20).describe("labels without # or @");
const priority = z.enum(priorityNames);
const rrule = z.string().min(1).max(500).describe("RFC 5545 RRULE value, e.g. FREQ=WEEKLY;BYDAY=MO");
const repeatFrom = z
  .enum(["due", "completion"])
  .describe("count the next occurrence from the due date or from completion");
const pageSize = z.number().int().min(1).max(100).default(20);
const ts = (value: string) => timestampFromDate(new Date(value));

function reminderInput(
  at: string | undefined,
  beforeMinutes: number | undefined,
): MessageInitShape<typeof ReminderInputSchema> | undefined {
  if (at !== undefined && beforeMinutes !== undefined)
    refuse("remind_at", "give remind_at or remind_before_minutes, not both");
  if (at !== undefined) return { when: { case: "remindAt", value: ts(at) } };
  if (beforeMinutes !== undefined)
    return { when: { case: "remindBefore", value: durationFromMs(beforeMinutes * 60_000) } };
  return undefined;
}

/** TaskFieldArgs are the task fields add_task and update_task both take, as a model writes them. */
interface TaskFieldArgs {
  title?: string;
  description?: string;
  priority?: (typeof priorityNames)[number];
  tags?: string[];
  due_at?: string | null;
  due_date_only?: boolean;
  time_zone?: string;
  rrule?: string | null;
  repeat_from?: "due" | "completion";
}

/** taskFields maps those arguments to the request's task fields; one not given is the field's zero value. */
const taskFields = (a: TaskFieldArgs) => ({
  title: a.title,
  description: a.description ?? "",
  priority: a.priority ? priorityValue(a.priority) : Priority.UNSPECIFIED,
  tags: a.tags ?? [],
  dueAt: a.due_at ? ts(a.due_at) : undefined,
  dueDateOnly: a.due_date_only ?? false,
  timeZone: a.time_zone ?? "",
  recurrence: a.rrule ? { rrule: a.rrule, repeatFrom: repeatFromValue(a.repeat_from ?? "due") } : undefined,
});

const statusFilter = { open: TaskStatus.OPEN, completed: TaskStatus.COMPLETED, any: TaskStatus.UNSPECIFIED } as const;
const sortKeys = {
  due: TaskSort.DUE,
  priority: TaskSort.PRIORITY,
  created: TaskSort.CREATED,
  title: TaskSort.TITLE,
} as const;

type TaskResult = { task: TaskView };
type TaskPage = { tasks: TaskView[]; next_page_token: string };

export const addTask = defineTool({
  name: "add_task",
  title: "Add a task",
  description: "Create a task for the signed-in user. Text fields are stored verbatim as data.",
  input: {
    title,
    description: z.string().max(10_000).optional(),
    priority: priority.optional(),
    tags: tags.optional(),
    due_at: instant.optional(),
    due_date_only: z.boolean().optional().describe("true when only a date was given (due_at is that day's start)"),
    time_zone: z.string().max(64).optional().describe("IANA zone; defaults to the user's profile zone"),
    remind_at: instant.optional(),
    remind_before_minutes: z
      .number()
      .int()
      .min(0)
      .max(527_040)
      .optional()
      .describe("remind this many minutes before due_at"),
    rrule: rrule.optional(),
    repeat_from: repeatFrom.optional(),
    request_id: z.string().max(128).optional().describe("makes the call idempotent: the same id returns the same task"),
    project_id: z.uuid().optional().describe("put the task in this project (from list_projects); default: the Inbox"),
    section_id: z.uuid().optional().describe("put the task in this section of its project (from list_sections)"),
  },
  output: oneTaskOutput,
  hints: { readOnly: false, destructive: false, idempotent: false },
  async run(api, a): Promise<TaskResult> {
    const { task } = await api.createTask({
      ...taskFields(a),
      reminder: reminderInput(a.remind_at, a.remind_before_minutes),
      requestId: a.request_id ?? "",
      projectId: a.project_id ?? "",
      sectionId: a.section_id ?? "",
    });
    return { task: taskView(task!) };
  },
});

export const listTasks = defineTool({
  name: "list_tasks",
  title: "List tasks",
  description: "List the signed-in user's tasks (open by default), with filters, sort and paging.",
  input: {
    status: z.enum(["open", "completed", "any"]).default("open"),
    overdue: z.boolean().default(false).describe("only open tasks whose due time has passed"),
    tags: tags.optional(),
    priorities: z.array(priority).max(5).optional(),
    due_after: instant.optional(),
    due_before: instant.optional(),
    sort: z.enum(["due", "priority", "created", "title"]).default("due"),
    page_size: pageSize,
    page_token: z.string().max(1024).optional(),
  },
  output: taskPageOutput,
  hints: { readOnly: true, destructive: false, idempotent: true },
  async run(api, a): Promise<TaskPage> {
    const page = await api.listTasks({
      status: statusFilter[a.status],
      overdue: a.overdue,
      tags: a.tags ?? [],
      priorities: (a.priorities ?? []).map(priorityValue),
      dueAfter: a.due_after ? ts(a.due_after) : undefined,
      dueBefore: a.due_before ? ts(a.due_before) : undefined,
      sort: sortKeys[a.sort],
      pageSize: a.page_size,
      pageToken: a.page_token ?? "",
    });
    return { tasks: page.tasks.map(taskView), next_page_token: page.nextPageToken };
  },
});

export const searchTasks = defineTool({
  name: "search_tasks",
  title: "Search tasks",
  description: "Full-text search over the signed-in user's task titles and descriptions (word prefixes match).",
  input: {
    query: z.string().trim().min(1).max(200),
    status: z.enum(["open", "completed", "any"]).default("any"),
    page_size: pageSize,
  },
  output: taskPageOutput,
  hints: { readOnly: true, destructive: false, idempotent: true },
  async run(api, a): Promise<TaskPage> {
    const page = await api.listTasks({
      query: a.query,
      status: statusFilter[a.status],
      sort: TaskSort.DUE,
      pageSize: a.page_size,
    });
    return { tasks: page.tasks.map(taskView), next_page_token: page.nextPageToken };
  },
});

export const updateTask = defineTool({
  name: "update_task",
  title: "Update a task",
  description:
    "Change the named fields of one of the user's tasks; null clears due_at or rrule. Fields not given stay as they are.",
  input: {
    id: taskId,
    title: title.optional(),
    description: z.string().max(10_000).optional(),
    priority: priority.optional(),
    tags: tags.optional(),
    due_at: instant.nullable().optional(),
    due_date_only: z.boolean().optional(),
    time_zone: z.string().min(1).max(64).optional(),
    rrule: rrule.nullable().optional(),
    repeat_from: repeatFrom.optional(),
    expected_version: z.number().int().min(1).optional().describe("refuse the change if the task's version differs"),
  },
  output: oneTaskOutput,
  hints: { readOnly: false, destructive: true, idempotent: true },
  async run(api, a): Promise<TaskResult> {
    const paths: string[] = [];
    if (a.title !== undefined) paths.push("title");
    if (a.description !== undefined) paths.push("description");
    if (a.priority !== undefined) paths.push("priority");
    if (a.tags !== undefined) paths.push("tags");
    if (a.due_at !== undefined) paths.push("due_at");
    else if (a.due_date_only !== undefined) paths.push("due_date_only");
    if (a.time_zone !== undefined) paths.push("time_zone");
    if (a.rrule !== undefined) paths.push("recurrence");
    if (paths.length === 0) refuse("update_task", "name at least one field to change");
    const { task } = await api.updateTask({
      id: a.id,
      updateMask: { paths },
      expectedVersion: BigInt(a.expected_version ?? 0),
      ...taskFields(a),
    });
    return { task: taskView(task!) };
  },
});

/** stateToolTexts are the title and description of each one-call state change, as the MCP listing shows them. */
const stateToolTexts = {
  complete_task: ["Complete a task", "Mark one of the user's tasks done. Completing a done task changes nothing."],
  delete_task: ["Delete a task", "Delete one of the user's tasks (soft delete: it can be restored in the app)."],
  restore_task: [
    "Restore a task",
    "Bring back one of the user's deleted tasks (undo a delete). Restoring a task that is not deleted changes nothing.",
  ],
} as const;

/** taskStateTool is a tool that changes one task's state by id and answers the task (idempotent). */
const taskStateTool = (
  name: keyof typeof stateToolTexts,
  change: (api: TaskApi, id: string) => Promise<{ task?: Task }>,
  destructive = false,
) =>
  defineTool({
    name,
    title: stateToolTexts[name][0],
    description: stateToolTexts[name][1],
    input: { id: taskId },
    output: oneTaskOutput,
    hints: { readOnly: false, destructive, idempotent: true },
    async run(api, a): Promise<TaskResult> {
      return { task: taskView((await change(api, a.id)).task!) };
    },
  });

export const completeTask = taskStateTool("complete_task", (api, id) => api.completeTask({ id }));

export const deleteTask = taskStateTool("delete_task", (api, id) => api.deleteTask({ id }), true);

/**
 * restoreTask brings back a deleted task (the chat's "undo"). It is not in `taskTools` yet: the MCP
 * listing (and its contract test) stays as it is until outside agents are meant to have it.
 */
export const restoreTask = taskStateTool("restore_task", (api, id) => api.restoreTask({ id }));

export const setReminder = defineTool({
  name: "set_reminder",
  title: "Set a reminder",
  description:
    "Set, replace or clear the reminder of one of the user's tasks: an absolute time, or minutes before its due time.",
  input: {
    id: taskId,
    remind_at: instant.optional(),
    before_minutes: z.number().int().min(0).max(527_040).optional().describe("minutes before the task's due time"),
    clear: z.boolean().optional().describe("true removes the reminder"),
  },
  output: oneTaskOutput,
  hints: { readOnly: false, destructive: false, idempotent: true },
  async run(api, a): Promise<TaskResult> {
    const given = [a.remind_at !== undefined, a.before_minutes !== undefined, a.clear === true].filter(Boolean).length;
    if (given !== 1) refuse("set_reminder", "give exactly one of remind_at, before_minutes or clear");
    // An empty reminder under the "reminder" mask clears it.
    const { task } = await api.updateTask({
      id: a.id,
      updateMask: { paths: ["reminder"] },
      reminder: reminderInput(a.remind_at, a.before_minutes),
    });
    return { task: taskView(task!) };
  },
});

/** taskTools lists every tool in the order MCP clients see them. */
export const taskTools: readonly TaskTool[] = [
  addTask,
  listTasks,
  searchTasks,
  updateTask,
  completeTask,
  deleteTask,
  setReminder,
];
