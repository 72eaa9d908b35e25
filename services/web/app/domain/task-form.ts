import { create } from "@bufbuild/protobuf";
import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { RepeatFrom, type Task } from "../../../../gen/todo/v1/task_pb";
import {
  type CreateTaskRequest,
  CreateTaskRequestSchema,
  type ReminderInput,
  type UpdateTaskRequest,
  UpdateTaskRequestSchema,
} from "../../../../gen/todo/v1/task_service_pb";
import { type PriorityName, priorityEnum, priorityName } from "../../../../vocabulary/priority";
import { readRule, weekdayCodes } from "../../../../vocabulary/recurrence/rule";
import { formatLocalDate, fromLocal, parseLocalDate, toLocal, weekdayOf } from "../../../../vocabulary/time-zone";
import type { MessageKey } from "../i18n/en";
import type { QuickAddDraft } from "./chips";

type ReminderKind = "none" | "before" | "at";

/** ExtraReminder is one of the task's reminders after the first (reminders[1] …), as the editor's inputs hold it. */
export interface ExtraReminder {
  kind: "before" | "at";
  beforeSeconds: number;
  atDate: string;
  atTime: string;
}
export type RecurrencePreset = "none" | "daily" | "weekdays" | "weekly" | "biweekly" | "monthly" | "yearly" | "custom";

/** TaskForm is the editor's state: plain strings the inputs hold, in the task's time zone. */
export interface TaskForm {
  title: string;
  description: string;
  priority: PriorityName;
  /** tags as typed, comma-separated. */
  tags: string;
  dueDate: string;
  dueTime: string;
  reminderKind: ReminderKind;
  remindBeforeSeconds: number;
  remindAtDate: string;
  remindAtTime: string;
  /** moreReminders are the 2nd to 5th reminders; the first is reminderKind and its fields. */
  moreReminders: ExtraReminder[];
  recurrence: RecurrencePreset;
  rrule: string;
  repeatFrom: "due" | "completion";
  /** assigneeId is the user the task is assigned to ("" = nobody). */
  assigneeId: string;
}

/** Offsets the reminder picker offers, in seconds before due. */
export const remindBeforeChoices = [0, 300, 900, 1800, 3600, 7200, 86_400, 172_800];
export const recurrencePresets: RecurrencePreset[] = [
  "none",
  "daily",
  "weekdays",
  "weekly",
  "biweekly",
  "monthly",
  "yearly",
  "custom",
];

export const emptyForm = (): TaskForm => ({
  title: "",
  description: "",
  priority: "none",
  tags: "",
  dueDate: "",
  dueTime: "",
  reminderKind: "none",
  remindBeforeSeconds: 1800,
  remindAtDate: "",
  remindAtTime: "",
  moreReminders: [],
  recurrence: "none",
  rrule: "",
  repeatFrom: "due",
  assigneeId: "",
});

/** clock is the HH:MM (or HH:MM:SS when seconds matter) an <input type="time"> holds. */
const clock = (date: Date, timeZone: string) => {
  const wall = toLocal(date, timeZone);
  const seconds = date.getUTCSeconds();
  return `${String(wall.hour).padStart(2, "0")}:${String(wall.minute).padStart(2, "0")}${seconds ? `:${String(seconds).padStart(2, "0")}` : ""}`;
};

/** parseTags reads comma-separated tags (Urdu comma too), without "#", lower-cased, once each. */
export function parseTags(text: string): string[] {
  const tags = text
    .split(/[,،]/u)
    .map((t) =>
      t
        .trim()
        .replace(/^[#＃]/u, "")
        .toLowerCase(),
    )
    .filter(Boolean);
  return [...new Set(tags)].slice(0, 20);
}

function weekdayCodeOf(form: Pick<TaskForm, "dueDate">, today: Date, timeZone: string): string {
  const weekday = weekdayOf(parseLocalDate(form.dueDate) ?? toLocal(today, timeZone));
  return weekdayCodes[(weekday + 6) % 7]!;
}

/** presetRule is the RRULE a preset stands for; a weekly rule repeats on the due date's weekday. */
export function presetRule(form: TaskForm, today: Date, timeZone: string): string | undefined {
  switch (form.recurrence) {
    case "none":
      return undefined;
    case "daily":
      return "FREQ=DAILY";
    case "weekdays":
      return "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR";
    case "weekly":
      return `FREQ=WEEKLY;BYDAY=${weekdayCodeOf(form, today, timeZone)}`;
    case "biweekly":
      return `FREQ=WEEKLY;INTERVAL=2;BYDAY=${weekdayCodeOf(form, today, timeZone)}`;
    case "monthly":
      return "FREQ=MONTHLY";
    case "yearly":
      return "FREQ=YEARLY";
    case "custom":
      return form.rrule.trim().replace(/^RRULE:/i, "") || undefined;
  }
}

/** presetOf finds the preset a stored rule matches, or "custom". */
function presetOf(rrule: string, dueDate: string, timeZone: string): RecurrencePreset {
  if (!rrule) return "none";
  const form = { ...emptyForm(), dueDate };
  for (const preset of recurrencePresets.filter((p) => p !== "none" && p !== "custom")) {
    if (presetRule({ ...form, recurrence: preset }, new Date(), timeZone) === rrule) return preset;
  }
  return "custom";
}

/** formFromTask fills the editor from a stored task, reading times in the task's zone. */
export function formFromTask(task: Task, timeZone: string): TaskForm {
  const due = task.dueAt ? timestampDate(task.dueAt) : undefined;
  const form = emptyForm();
  form.title = task.title;
  form.description = task.description;
  form.priority = priorityName(task.priority);
  form.tags = task.tags.join(", ");
  if (due) {
    form.dueDate = formatLocalDate(toLocal(due, timeZone));
    form.dueTime = task.dueDateOnly ? "" : clock(due, timeZone);
  }
  const when = task.reminder?.when;
  if (when?.case === "remindBefore") {
    form.reminderKind = "before";
    form.remindBeforeSeconds = Number(when.value.seconds);
  } else if (when?.case === "remindAt") {
    const at = timestampDate(when.value);
    form.reminderKind = "at";
    form.remindAtDate = formatLocalDate(toLocal(at, timeZone));
    form.remindAtTime = clock(at, timeZone);
  }
  form.moreReminders = task.reminders.slice(1).flatMap((reminder): ExtraReminder[] => {
    const w = reminder.when;
    if (w.case === "remindBefore")
      return [{ kind: "before", beforeSeconds: Number(w.value.seconds), atDate: "", atTime: "" }];
    if (w.case !== "remindAt") return [];
    const at = timestampDate(w.value);
    return [
      { kind: "at", beforeSeconds: 1800, atDate: formatLocalDate(toLocal(at, timeZone)), atTime: clock(at, timeZone) },
    ];
  });
  const rrule = task.recurrence?.rrule ?? "";
  form.recurrence = presetOf(rrule, form.dueDate, timeZone);
  form.rrule = rrule;
  form.repeatFrom = task.recurrence?.repeatFrom === RepeatFrom.COMPLETION ? "completion" : "due";
  form.assigneeId = task.assigneeId;
  return form;
}

/**
 * projectOfDraft is the project quick add's "+Project" chip names, for "More details" to create the task there —
 * unless the project is new or archived (quick add asks about those before saving; the editor does not).
 */
export const projectOfDraft = (draft: QuickAddDraft): string | undefined =>
  draft.project && !draft.project.isNew && !draft.project.archived ? draft.project.id : undefined;

/** formFromDraft opens the editor with what quick add understood. */
export function formFromDraft(draft: QuickAddDraft, timeZone: string): TaskForm {
  const form = emptyForm();
  form.title = draft.title;
  form.priority = draft.priority ?? "none";
  form.tags = draft.tags.join(", ");
  if (draft.due) {
    form.dueDate = formatLocalDate(toLocal(draft.due.at, timeZone));
    form.dueTime = draft.due.dateOnly ? "" : clock(draft.due.at, timeZone);
  }
  if (draft.reminder && "beforeSeconds" in draft.reminder) {
    form.reminderKind = "before";
    form.remindBeforeSeconds = draft.reminder.beforeSeconds;
  } else if (draft.reminder) {
    form.reminderKind = "at";
    form.remindAtDate = formatLocalDate(toLocal(draft.reminder.at, timeZone));
    form.remindAtTime = clock(draft.reminder.at, timeZone);
  }
  if (draft.rrule) {
    form.rrule = draft.rrule;
    form.recurrence = presetOf(draft.rrule, form.dueDate, timeZone);
  }
  return form;
}

function wallInstant(date: string, time: string, timeZone: string): Date | undefined {
  const day = parseLocalDate(date);
  const match = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!day) return undefined;
  return fromLocal(
    {
      ...day,
      hour: match ? Number(match[1]) : 0,
      minute: match ? Number(match[2]) : 0,
      second: Number(match?.[3] ?? 0),
    },
    timeZone,
  );
}

/** validateForm lists what must be fixed before saving, as message keys. */
export function validateForm(form: TaskForm, today: Date, timeZone: string): MessageKey[] {
  const problems: MessageKey[] = [];
  if (!form.title.trim()) problems.push("editor.titleRequired");
  const hasDue = !!parseLocalDate(form.dueDate);
  if (form.reminderKind === "before" && !hasDue) problems.push("editor.reminderNeedsDue");
  const remindAt =
    /^\d{2}:\d{2}/.test(form.remindAtTime) &&
    wallInstant(form.remindAtDate || form.dueDate, form.remindAtTime, timeZone);
  if (form.reminderKind === "at" && !remindAt) problems.push("editor.remindAtMissing");
  for (const extra of form.moreReminders) {
    if (extra.kind === "before" && !hasDue && !problems.includes("editor.reminderNeedsDue"))
      problems.push("editor.reminderNeedsDue");
    const at = /^\d{2}:\d{2}/.test(extra.atTime) && wallInstant(extra.atDate || form.dueDate, extra.atTime, timeZone);
    if (extra.kind === "at" && !at && !problems.includes("editor.remindAtMissing"))
      problems.push("editor.remindAtMissing");
  }
  const rule = presetRule(form, today, timeZone);
  if (form.recurrence === "custom" && (!rule || !readRule(rule))) problems.push("editor.rruleUnreadable");
  if (rule && form.repeatFrom === "due" && !hasDue) problems.push("editor.repeatNeedsDue");
  return problems;
}

interface RequestFields {
  title: string;
  description: string;
  priority: ReturnType<typeof priorityEnum>;
  tags: string[];
  dueAt?: ReturnType<typeof timestampFromDate>;
  dueDateOnly: boolean;
  reminder?: ReminderInput;
  /** reminders is every reminder, the first one first (what "reminders" sends). */
  reminders: ReminderInput[];
  recurrence?: { rrule: string; repeatFrom: RepeatFrom };
  assigneeId: string;
}

const duration = (seconds: number) => ({
  $typeName: "google.protobuf.Duration" as const,
  seconds: BigInt(seconds),
  nanos: 0,
});
const reminderInput = (when: ReminderInput["when"]) => ({ $typeName: "todo.v1.ReminderInput", when }) as ReminderInput;

function requestFields(form: TaskForm, today: Date, timeZone: string): RequestFields {
  const due = wallInstant(form.dueDate, form.dueTime, timeZone);
  const rule = presetRule(form, today, timeZone);
  let reminder: ReminderInput["when"] | undefined;
  if (form.reminderKind === "before" && due) {
    reminder = { case: "remindBefore", value: duration(form.remindBeforeSeconds) };
  } else if (form.reminderKind === "at") {
    const at = wallInstant(form.remindAtDate || form.dueDate, form.remindAtTime, timeZone);
    if (at) reminder = { case: "remindAt", value: timestampFromDate(at) };
  }
  const extras = form.moreReminders.flatMap((extra): ReminderInput[] => {
    if (extra.kind === "before")
      return due ? [reminderInput({ case: "remindBefore", value: duration(extra.beforeSeconds) })] : [];
    const at = wallInstant(extra.atDate || form.dueDate, extra.atTime, timeZone);
    return at ? [reminderInput({ case: "remindAt", value: timestampFromDate(at) })] : [];
  });
  return {
    reminders: [...(reminder ? [reminderInput(reminder)] : []), ...extras],
    title: form.title.trim(),
    description: form.description,
    priority: priorityEnum(form.priority),
    tags: parseTags(form.tags),
    dueAt: due ? timestampFromDate(due) : undefined,
    dueDateOnly: !!due && !form.dueTime,
    reminder: reminder ? reminderInput(reminder) : undefined,
    recurrence: rule
      ? { rrule: rule, repeatFrom: form.repeatFrom === "completion" ? RepeatFrom.COMPLETION : RepeatFrom.DUE }
      : undefined,
    assigneeId: form.assigneeId,
  };
}

/** toCreateRequest builds CreateTaskRequest; requestId makes a retried submit create one task. */
export function toCreateRequest(form: TaskForm, today: Date, timeZone: string, requestId: string): CreateTaskRequest {
  const fields = requestFields(form, today, timeZone);
  // One reminder goes as `reminder`, as before; several as the list (the server takes one or the other).
  const several = form.moreReminders.length > 0;
  return create(CreateTaskRequestSchema, {
    ...fields,
    reminder: several ? undefined : fields.reminder,
    reminders: several ? fields.reminders : [],
    timeZone,
    requestId,
  });
}

/**
 * toUpdateRequest sends only what the user changed (the mask names it), with the version they edited
 * so a concurrent change is refused instead of overwritten. Undefined when nothing changed.
 */
export function toUpdateRequest(
  form: TaskForm,
  original: TaskForm,
  task: Task,
  today: Date,
  timeZone: string,
): UpdateTaskRequest | undefined {
  const fields = requestFields(form, today, timeZone);
  const paths: string[] = [];
  if (form.title.trim() !== original.title.trim()) paths.push("title");
  if (form.description !== original.description) paths.push("description");
  if (form.priority !== original.priority) paths.push("priority");
  if (parseTags(form.tags).join() !== parseTags(original.tags).join()) paths.push("tags");
  if (form.dueDate !== original.dueDate || form.dueTime !== original.dueTime) paths.push("due_at");
  const reminderKeys = ["reminderKind", "remindBeforeSeconds", "remindAtDate", "remindAtTime"] as const;
  if (
    reminderKeys.some((k) => form[k] !== original[k]) ||
    JSON.stringify(form.moreReminders) !== JSON.stringify(original.moreReminders) ||
    (paths.includes("due_at") &&
      ((form.reminderKind === "at" && !form.remindAtDate) ||
        form.moreReminders.some((r) => r.kind === "at" && !r.atDate)))
  ) {
    // A task that has (or had) several reminders sends the whole list; one reminder goes as before.
    paths.push(form.moreReminders.length > 0 || original.moreReminders.length > 0 ? "reminders" : "reminder");
  }
  if (
    presetRule(form, today, timeZone) !== presetRule(original, today, timeZone) ||
    form.repeatFrom !== original.repeatFrom
  ) {
    paths.push("recurrence");
  }
  if (form.assigneeId !== original.assigneeId) paths.push("assignee_id");
  if (paths.length === 0) return undefined;
  return create(UpdateTaskRequestSchema, {
    id: task.id,
    expectedVersion: task.version,
    updateMask: { paths },
    ...fields,
    title: paths.includes("title") ? fields.title : undefined,
  });
}
