import { type Timestamp, timestampDate, timestampMs } from "@bufbuild/protobuf/wkt";
import { and, eq } from "drizzle-orm";
import { Priority } from "../../../gen/todo/v1/task_pb";
import type {
  CreateTaskRequest,
  ListTasksRequest,
  RecurrenceInput,
  ReminderInput,
  UpdateTaskRequest,
} from "../../../gen/todo/v1/task_service_pb";
import { acceptRule } from "../../../vocabulary/recurrence/expand";
import { parseRule } from "../../../vocabulary/recurrence/rule";
import { isValidTimeZone } from "../../../vocabulary/time-zone";
import type { Db } from "../../platform/db/database";
import { InvalidArgumentError, NotFoundError } from "../../platform/errors";
import { visibleTo } from "../db/access";
import { projects, sections, tasks } from "../db/schema";
import type { TaskRow } from "../db/task-row";
import type { TaskFields, TaskStore } from "../db/task-store";
import {
  checkReminders,
  type ReminderSpec,
  remindersOf,
  type StoredReminders,
  storeReminders,
} from "../domain/reminders";
import { normalizeTags, RepeatFromValue, updatableFields, Violations } from "../domain/task-rules";

type ReminderFields = Pick<TaskFields, "remindAt" | "remindBeforeSeconds" | "moreReminders">;
type RecurrenceFields = Pick<TaskFields, "rrule" | "repeatFrom" | "seriesId" | "occurrence">;

function reminderSpec(input: ReminderInput | undefined): ReminderSpec | undefined {
  switch (input?.when.case) {
    case "remindAt":
      return { at: timestampDate(input.when.value).toISOString() };
    case "remindBefore":
      return { beforeSeconds: Number(input.when.value.seconds) };
    default:
      return undefined;
  }
}

/** reminderList reads ReminderInputs; an empty one (no time, no offset) in a list is refused by its index. */
function reminderList(inputs: readonly ReminderInput[], violations: Violations): ReminderSpec[] {
  return inputs.flatMap((input, i) => {
    const spec = reminderSpec(input);
    if (!spec) violations.add(`reminders[${i}]`, "needs remind_at or remind_before");
    return spec ? [spec] : [];
  });
}

/** replaceFirst puts `first` in place of the task's first reminder (none: the others move up). */
function replaceFirst(row: StoredReminders, first: ReminderSpec | undefined): ReminderFields {
  const rest = remindersOf(row).slice(1);
  return storeReminders(first ? [first, ...rest] : rest);
}

function recurrenceFields(input: RecurrenceInput | undefined, violations: Violations): RecurrenceFields {
  if (!input?.rrule) return { rrule: null, repeatFrom: null, seriesId: null, occurrence: null };
  const checked = parseRule(input.rrule);
  if (!checked.ok) violations.add("recurrence.rrule", checked.problem);
  return {
    rrule: checked.ok ? checked.rule : null,
    repeatFrom: input.repeatFrom || RepeatFromValue.due,
    seriesId: input.seriesId || null,
    occurrence: input.occurrence || null,
  };
}

/**
 * checkRecurrence applies the one acceptance rule (vocabulary/recurrence): the rule reads, and a bounded
 * trial expansion from the due time (or now) finds an occurrence. Yields while it expands, so a costly
 * rule never holds up other requests.
 */
export async function checkRecurrence(
  input: RecurrenceInput | undefined,
  dueAt: Timestamp | undefined,
  timeZone: string,
): Promise<void> {
  if (!input?.rrule) return;
  const start = dueAt ? timestampDate(dueAt) : new Date();
  const accepted = await acceptRule(input.rrule, { start, timeZone: isValidTimeZone(timeZone) ? timeZone : "UTC" });
  if ("problem" in accepted) new Violations().add("recurrence.rrule", accepted.problem).throwIfAny();
}

/** checkCoherence adds the rules that span fields (a relative reminder needs a due date, …). */
function checkCoherence(fields: TaskFields, violations: Violations, given: "reminder" | "reminders"): void {
  if (!fields.title.trim()) violations.add("title", "must not be blank");
  if (!isValidTimeZone(fields.timeZone)) violations.add("time_zone", `unknown time zone "${fields.timeZone}"`);
  checkReminders(remindersOf(fields), fields.dueAt, violations, given);
  if (fields.rrule && fields.repeatFrom === RepeatFromValue.due && !fields.dueAt) {
    violations.add("recurrence", "repeating from the due date needs a due date");
  }
}

/** createReminders reads CreateTask's reminders: the list, or the single reminder of older clients (not both). */
function createReminders(req: CreateTaskRequest, violations: Violations): ReminderFields {
  if (req.reminders.length > 0 && req.reminder)
    violations.add("reminder", "give either reminder or reminders, not both");
  const first = reminderSpec(req.reminder);
  return storeReminders(req.reminders.length > 0 ? reminderList(req.reminders, violations) : first ? [first] : []);
}

/** newTaskFields validates a CreateTaskRequest into stored fields; defaults come from the caller's profile. */
export function newTaskFields(req: CreateTaskRequest, defaults: { timeZone: string }): TaskFields {
  const violations = new Violations();
  const fields: TaskFields = {
    title: req.title.trim(),
    description: req.description,
    priority: req.priority || Priority.NONE,
    tags: normalizeTags(req.tags, violations),
    dueAt: req.dueAt ? timestampDate(req.dueAt) : null,
    dueDateOnly: req.dueAt ? req.dueDateOnly : false,
    timeZone: req.timeZone || defaults.timeZone,
    ...createReminders(req, violations),
    ...recurrenceFields(req.recurrence, violations),
    assigneeId: req.assigneeId.toLowerCase() || null,
  };
  checkCoherence(fields, violations, req.reminders.length > 0 ? "reminders" : "reminder");
  violations.throwIfAny();
  return fields;
}

/** updatePatch validates an UpdateTaskRequest's mask and returns the fields to change and their names. */
export function updatePatch(req: UpdateTaskRequest): { paths: string[]; patch: (row: TaskRow) => Partial<TaskFields> } {
  const violations = new Violations();
  const paths = [...new Set(req.updateMask?.paths ?? [])];
  if (paths.length === 0) violations.add("update_mask", "must name at least one field");
  for (const path of paths)
    if (!updatableFields.has(path)) violations.add("update_mask", `"${path}" cannot be updated`);
  if (paths.includes("title") && (req.title === undefined || !req.title.trim()))
    violations.add("title", "must not be blank");
  const named = new Set(paths);
  const changes: Partial<TaskFields> = {};
  if (named.has("title")) changes.title = req.title!.trim();
  if (named.has("description")) changes.description = req.description;
  if (named.has("priority")) changes.priority = req.priority || Priority.NONE;
  if (named.has("tags")) changes.tags = normalizeTags(req.tags, violations);
  if (named.has("due_at")) {
    changes.dueAt = req.dueAt ? timestampDate(req.dueAt) : null;
    changes.dueDateOnly = req.dueAt ? req.dueDateOnly : false;
  } else if (named.has("due_date_only")) changes.dueDateOnly = req.dueDateOnly;
  if (named.has("time_zone")) changes.timeZone = req.timeZone;
  if (named.has("reminder") && named.has("reminders"))
    violations.add("update_mask", 'name "reminder" or "reminders", not both');
  if (named.has("reminders")) Object.assign(changes, storeReminders(reminderList(req.reminders, violations)));
  if (named.has("recurrence")) Object.assign(changes, recurrenceFields(req.recurrence, violations));
  if (named.has("assignee_id")) changes.assigneeId = req.assigneeId.toLowerCase() || null;
  violations.throwIfAny();
  return {
    paths,
    patch: (row) => {
      // "reminder" replaces the first reminder of the task as stored now, keeping the others.
      const first = named.has("reminder") ? replaceFirst(row, reminderSpec(req.reminder)) : {};
      const patched = { ...changes, ...first };
      const check = new Violations();
      checkCoherence({ ...row, ...patched }, check, named.has("reminders") ? "reminders" : "reminder");
      check.throwIfAny();
      return patched;
    },
  };
}

/** checkDueRange refuses an inverted due range. */
export function checkDueRange(after: Timestamp | undefined, before: Timestamp | undefined): void {
  if (after && before && timestampMs(after) >= timestampMs(before)) {
    new Violations().add("due_before", "must be after due_after").throwIfAny();
  }
}

/**
 * checkListScope makes a listing by project, section or parent answer NotFound for an id the caller cannot see,
 * as every other id-taking call does (an empty page would say "exists, but empty"). Deleted ones can be listed,
 * for undo views.
 */
export async function checkListScope(
  db: Db,
  userId: string,
  req: Pick<ListTasksRequest, "projectId" | "sectionId" | "parentId">,
): Promise<void> {
  const checks: [string, typeof projects | typeof sections | typeof tasks, string][] = [];
  if (req.projectId) checks.push(["project", projects, req.projectId]);
  if (req.sectionId) checks.push(["section", sections, req.sectionId]);
  if (req.parentId) checks.push(["task", tasks, req.parentId]);
  for (const [noun, table, id] of checks) {
    const [row] = await db
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.id, id), visibleTo(table, userId)));
    if (!row) throw new NotFoundError(`${noun} ${id} not found`);
  }
}

/** checkSubtasksSource refuses a subtasks_from_id the caller cannot see, before anything is created. */
export async function checkSubtasksSource(store: TaskStore, userId: string, id: string): Promise<void> {
  await store.get(userId, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) {
      throw new InvalidArgumentError([{ field: "subtasks_from_id", description: "no such task" }]);
    }
    throw error;
  });
}
