import { type Timestamp, timestampDate } from "@bufbuild/protobuf/wkt";
import { z } from "zod";
import { RepeatFrom, type Task, TaskStatus } from "../../../gen/todo/v1/task_pb";
import { priorityName, priorityNames } from "../../../vocabulary/priority";

/** repeatFromValue maps "due" / "completion" to the proto enum. */
export const repeatFromValue = (name: "due" | "completion"): RepeatFrom =>
  name === "completion" ? RepeatFrom.COMPLETION : RepeatFrom.DUE;

const iso = (ts: Timestamp | undefined): string | null => (ts ? timestampDate(ts).toISOString() : null);

/** taskViewSchema is a task as tools return it: plain JSON; titles and descriptions are user data. */
const taskViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  priority: z.enum(priorityNames),
  tags: z.array(z.string()),
  status: z.enum(["open", "completed"]),
  due_at: z.string().nullable(),
  due_date_only: z.boolean(),
  time_zone: z.string(),
  remind_at: z.string().nullable().describe("when the reminder fires, resolved from the reminder and due_at"),
  rrule: z.string().nullable(),
  repeat_from: z.enum(["due", "completion"]).nullable(),
  deleted: z.boolean(),
  version: z.number().int(),
});
export type TaskView = z.infer<typeof taskViewSchema>;

/** Output shapes of the tools: one task, or a page of tasks. */
export const oneTaskOutput = { task: taskViewSchema };
export const taskPageOutput = { tasks: z.array(taskViewSchema), next_page_token: z.string() };

/** taskView maps a Task message to its tool view. */
export function taskView(task: Task): TaskView {
  return {
    id: task.id,
    title: task.title,
    description: task.description,
    priority: priorityName(task.priority),
    tags: [...task.tags],
    status: task.status === TaskStatus.COMPLETED ? "completed" : "open",
    due_at: iso(task.dueAt),
    due_date_only: task.dueDateOnly,
    time_zone: task.timeZone,
    remind_at: iso(task.effectiveRemindAt),
    rrule: task.recurrence?.rrule || null,
    repeat_from: task.recurrence ? (task.recurrence.repeatFrom === RepeatFrom.COMPLETION ? "completion" : "due") : null,
    deleted: task.deleted,
    version: Number(task.version),
  };
}
