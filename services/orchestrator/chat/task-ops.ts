import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Outcome } from "../../../gen/todo/skills/v1/skill_pb";
import { asPriorityName, type PriorityName } from "../../../vocabulary/priority";
import { callTool, completeTask, setReminder, updateTask } from "../tools/task-tools";
import { type TaskView, taskView } from "../tools/task-view";
import {
  type Language,
  localeOf,
  type PendingAction,
  skillLocale,
  type TargetedOperation,
  type TaskRef,
} from "./pending";
import { priorityLabel, replies, yesNo } from "./replies";
import { ask, describeRule, done, frame, type TurnContext, type TurnResult } from "./turn-context";
import { describeWhen } from "./when";
import { RENAME } from "./words";

type DetailPending = Extract<PendingAction, { kind: "detail" }>;

const ref = (task: TaskRef): TaskRef => ({ id: task.id, title: task.title });
const when = (ctx: TurnContext, iso: string, dateOnly: boolean, language: Language) =>
  describeWhen(new Date(iso), dateOnly, ctx.timeZone, ctx.now, localeOf(language));

function askDetail(
  language: Language,
  need: DetailPending["need"],
  task: TaskRef,
  extra: Pick<DetailPending, "rrule" | "repeatFrom"> = {},
): TurnResult {
  const l = localeOf(language);
  const question = {
    update: replies.askUpdate(l, task.title),
    reminder: replies.askReminder(l, task.title),
    recurrence: replies.askRecurrence(l, task.title),
    first_due: replies.askFirstDue(l, task.title),
  }[need];
  return ask({ kind: "detail", need, task: ref(task), ...extra, question, options: [], language });
}

const load = async (ctx: TurnContext, id: string): Promise<TaskView> => taskView((await ctx.api.getTask({ id })).task!);

/**
 * perform runs one targeted operation on a resolved task; deleting asks for confirmation first. Changes
 * that depend on the task's fields (due date, tags) load it; complete and delete need only its id.
 */
export async function perform(
  ctx: TurnContext,
  language: Language,
  operation: TargetedOperation,
  task: TaskRef,
  text: string,
): Promise<TurnResult> {
  const l = localeOf(language);
  switch (operation) {
    case "complete": {
      await callTool(completeTask, ctx.api, { id: task.id });
      const reply = replies.completed(l, task.title);
      return done(language, reply, [{ tool: completeTask.name, taskId: task.id, summary: reply }]);
    }
    case "delete":
      return ask({
        kind: "confirm",
        operation: "delete",
        tasks: [ref(task)],
        question: replies.confirmDelete(l, [task.title]),
        options: yesNo(l),
        language,
      });
    case "update": {
      const view = await load(ctx, task.id);
      return (await applyUpdate(ctx, language, view, text)) ?? askDetail(language, "update", view);
    }
    case "set_reminder": {
      const view = await load(ctx, task.id);
      return (await applyReminder(ctx, language, view, text)) ?? askDetail(language, "reminder", view);
    }
    case "make_recurring": {
      const view = await load(ctx, task.id);
      return (await applyRecurrence(ctx, language, view, text)) ?? askDetail(language, "recurrence", view);
    }
  }
}

/** answerDetail finishes a targeted operation from the answer to its question, or null when it has nothing usable. */
export async function answerDetail(ctx: TurnContext, pending: DetailPending): Promise<TurnResult | null> {
  const task = await load(ctx, pending.task.id);
  const language = pending.language;
  switch (pending.need) {
    case "update":
      return applyUpdate(ctx, language, task, ctx.text);
    case "reminder":
      return applyReminder(ctx, language, task, ctx.text);
    case "recurrence":
      return applyRecurrence(ctx, language, task, ctx.text);
    case "first_due": {
      const answer = await ctx.skills.extractTask({ text: ctx.text, ...frame(ctx) });
      if (!answer.dueAt || !pending.rrule) return null;
      return saveRecurrence(ctx, language, task, pending.rrule, pending.repeatFrom ?? "due", {
        due_at: timestampDate(answer.dueAt).toISOString(),
        due_date_only: answer.dueDateOnly,
      });
    }
  }
}

/** ApplyDetail reads one kind of change to a task from the text and makes it; null: the text did not give it. */
type ApplyDetail = (ctx: TurnContext, language: Language, task: TaskView, text: string) => Promise<TurnResult | null>;

const applyUpdate: ApplyDetail = async (ctx, language, task, text) => {
  const l = localeOf(language);
  const x = await ctx.skills.extractTask({ text, ...frame(ctx), locale: skillLocale(language) });
  const changes: {
    title?: string;
    due_at?: string;
    due_date_only?: boolean;
    priority?: PriorityName;
    tags?: string[];
  } = {};
  const said: string[] = [];
  const renamed = RENAME.exec(text)?.[1]?.trim();
  if (renamed) {
    changes.title = renamed;
    said.push(replies.renamedDetail(l, renamed));
  }
  if (x.dueAt) {
    changes.due_at = timestampDate(x.dueAt).toISOString();
    changes.due_date_only = x.dueDateOnly;
    said.push(replies.dueDetail(l, when(ctx, changes.due_at, x.dueDateOnly, language)));
  }
  const priority = asPriorityName(x.priority);
  if (priority !== "none") {
    changes.priority = priority;
    said.push(replies.priorityDetail(l, priorityLabel(l, priority)));
  }
  if (x.tags.length > 0) {
    changes.tags = [...new Set([...task.tags, ...x.tags])];
    said.push(replies.tagsDetail(l, x.tags));
  }
  if (said.length === 0) return null;
  const { task: after } = await callTool(updateTask, ctx.api, { id: task.id, ...changes });
  const reply = replies.updated(l, task.title, said);
  return done(language, reply, [{ tool: updateTask.name, taskId: after.id, summary: reply }]);
};

const applyReminder: ApplyDetail = async (ctx, language, task, text) => {
  const l = localeOf(language);
  const dueAt = task.due_at ? timestampFromDate(new Date(task.due_at)) : undefined;
  const x = await ctx.skills.extractReminder({ text, ...frame(ctx), dueAt });
  if (x.meta?.outcome !== Outcome.OK) return null;
  let saved: TaskView;
  let phrase: string;
  if (x.remindAt) {
    saved = (await callTool(setReminder, ctx.api, { id: task.id, remind_at: timestampDate(x.remindAt).toISOString() }))
      .task;
    phrase = when(ctx, saved.remind_at ?? timestampDate(x.remindAt).toISOString(), false, language);
  } else {
    // "30 minutes before" a task with no due time cannot be scheduled: ask for a time instead.
    if (!task.due_at) return null;
    const minutes = Math.round(Number(x.remindBeforeSeconds) / 60);
    saved = (await callTool(setReminder, ctx.api, { id: task.id, before_minutes: minutes })).task;
    phrase = replies.beforeDue(l, minutes);
  }
  const reply = replies.reminderSet(l, task.title, phrase);
  return done(language, reply, [{ tool: setReminder.name, taskId: saved.id, summary: reply }]);
};

const applyRecurrence: ApplyDetail = async (ctx, language, task, text) => {
  const x = await ctx.skills.parseRecurrence({ text, ...frame(ctx) });
  if (x.meta?.outcome !== Outcome.OK || !x.rrule) return null;
  const repeatFrom = x.repeatFrom === "completion" ? "completion" : "due";
  if (repeatFrom === "due" && !task.due_at)
    return askDetail(language, "first_due", task, { rrule: x.rrule, repeatFrom });
  return saveRecurrence(ctx, language, task, x.rrule, repeatFrom, {});
};

async function saveRecurrence(
  ctx: TurnContext,
  language: Language,
  task: TaskView,
  rrule: string,
  repeatFrom: "due" | "completion",
  due: { due_at?: string; due_date_only?: boolean },
): Promise<TurnResult> {
  const l = localeOf(language);
  const { task: after } = await callTool(updateTask, ctx.api, { id: task.id, rrule, repeat_from: repeatFrom, ...due });
  const rule = await describeRule(ctx, rrule, l);
  const reply = replies.recurringSet(l, task.title, rule);
  return done(language, reply, [{ tool: updateTask.name, taskId: after.id, summary: reply }]);
}
