import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { Ambiguity } from "../../../gen/todo/skills/v1/skill_pb";
import type { ExtractTaskResponse } from "../../../gen/todo/skills/v1/skill_service_pb";
import { asPriorityName } from "../../../vocabulary/priority";
import { addTask, callTool } from "../tools/task-tools";
import { organiseReplies } from "./organise-replies";
import { type Language, localeOf, type PendingAction, skillLocale, type TaskDraft } from "./pending";
import { priorityLabel, replies } from "./replies";
import { ask, describeRule, done, frame, type TurnContext, type TurnResult } from "./turn-context";
import { describeWhen } from "./when";
import { REMIND_REQUEST } from "./words";

type CreatePending = Extract<PendingAction, { kind: "create" }>;

const iso = (x: ExtractTaskResponse["dueAt"]): string | undefined => (x ? timestampDate(x).toISOString() : undefined);

/** draftFrom turns the Task agent's answer into a draft; "remind me to …" asks for a reminder at the due time. */
function draftFrom(x: ExtractTaskResponse, remindRequested: boolean): TaskDraft {
  const remindBefore = Number(x.remindBeforeSeconds);
  return {
    title: x.title.trim(),
    description: x.description,
    priority: asPriorityName(x.priority),
    tags: [...x.tags],
    dueAt: iso(x.dueAt),
    dueDateOnly: x.dueDateOnly,
    rrule: x.rrule || undefined,
    repeatFrom: x.repeatFrom === "completion" ? "completion" : x.rrule ? "due" : undefined,
    remindAt: iso(x.remindAt),
    remindBeforeSeconds: remindBefore > 0 ? remindBefore : undefined,
    remindAtDue: remindRequested,
  };
}

const extract = (ctx: TurnContext, text: string, language: Language) =>
  ctx.skills.extractTask({ text, ...frame(ctx), locale: skillLocale(language) });

/**
 * startCreate reads a new task out of the message (or out of `text`, the task words of "add milk to
 * Groceries") and adds it, into `project` when one is given, or asks for what is missing.
 */
export async function startCreate(
  ctx: TurnContext,
  language: Language,
  into: { text?: string; project?: TaskDraft["project"] } = {},
): Promise<TurnResult> {
  const text = into.text ?? ctx.text;
  const extracted = await extract(ctx, text, language);
  const draft = draftFrom(extracted, REMIND_REQUEST.test(text));
  return continueDraft(
    ctx,
    language,
    into.project ? { ...draft, project: into.project } : draft,
    extracted.meta?.ambiguities ?? [],
  );
}

/** answerCreate completes a draft from the answer to its question, or null when the answer has nothing usable. */
export async function answerCreate(ctx: TurnContext, pending: CreatePending): Promise<TurnResult | null> {
  const answer = await extract(ctx, ctx.text, pending.language);
  const draft = { ...pending.draft };
  if (pending.need === "title") {
    draft.title = answer.title.trim() || ctx.text.trim();
    if (!draft.dueAt && answer.dueAt)
      Object.assign(draft, { dueAt: iso(answer.dueAt), dueDateOnly: answer.dueDateOnly });
    return continueDraft(ctx, pending.language, draft, []);
  }
  if (!answer.dueAt) return null;
  Object.assign(draft, { dueAt: iso(answer.dueAt), dueDateOnly: answer.dueDateOnly });
  return continueDraft(
    ctx,
    pending.language,
    draft,
    (answer.meta?.ambiguities ?? []).filter((a) => a.field === "due"),
  );
}

function continueDraft(
  ctx: TurnContext,
  language: Language,
  draft: TaskDraft,
  ambiguities: readonly Ambiguity[],
): Promise<TurnResult> | TurnResult {
  const l = localeOf(language);
  const question = (need: CreatePending["need"], text: string, options: string[] = [], next = draft): TurnResult =>
    ask({ kind: "create", need, draft: next, question: text, options, language });
  if (!draft.title) return question("title", replies.askTitle(l));
  const unclear = ambiguities.find((a) => a.field === "due" || a.field === "date");
  // An ambiguous date (کل with a past-tense verb, ہفتہ) is asked about, never guessed.
  if (unclear)
    return question("due", replies.askAmbiguous(l, unclear), [...unclear.options], {
      ...draft,
      dueAt: undefined,
      dueDateOnly: false,
    });
  const needsDue =
    (draft.remindAtDue && !draft.remindAt) || draft.remindBeforeSeconds !== undefined || draft.repeatFrom === "due";
  if (needsDue && !draft.dueAt) {
    return question("due", draft.rrule ? replies.askFirstDue(l, draft.title) : replies.askRemindWhen(l, draft.title));
  }
  return addDraft(ctx, language, draft);
}

const TITLE_LIMIT = 500;

async function addDraft(ctx: TurnContext, language: Language, draft: TaskDraft): Promise<TurnResult> {
  const l = localeOf(language);
  // A very long message keeps all its words: the start is the title, the whole text the description.
  const long = draft.title.length > TITLE_LIMIT;
  const remindBefore = draft.remindBeforeSeconds ?? (draft.remindAtDue && !draft.remindAt ? 0 : undefined);
  const { task } = await callTool(addTask, ctx.api, {
    title: long ? `${draft.title.slice(0, TITLE_LIMIT - 1)}…` : draft.title,
    description: long ? [draft.title, draft.description].filter(Boolean).join("\n\n") : draft.description || undefined,
    priority: draft.priority,
    tags: draft.tags,
    due_at: draft.dueAt,
    due_date_only: draft.dueDateOnly,
    time_zone: ctx.timeZone,
    remind_at: draft.remindAt,
    remind_before_minutes: remindBefore === undefined ? undefined : Math.round(remindBefore / 60),
    rrule: draft.rrule,
    repeat_from: draft.repeatFrom,
    project_id: draft.project?.id,
    section_id: draft.project?.sectionId,
  });
  const details: string[] = draft.project ? [organiseReplies.projectDetail(l, draft.project.name)] : [];
  if (task.due_at)
    details.push(
      replies.dueDetail(l, describeWhen(new Date(task.due_at), task.due_date_only, ctx.timeZone, ctx.now, l)),
    );
  if (task.remind_at)
    details.push(replies.reminderDetail(l, describeWhen(new Date(task.remind_at), false, ctx.timeZone, ctx.now, l)));
  if (task.rrule) details.push(replies.repeatDetail(l, await describeRule(ctx, task.rrule, l)));
  if (task.priority !== "none") details.push(replies.priorityDetail(l, priorityLabel(l, task.priority)));
  if (task.tags.length > 0) details.push(replies.tagsDetail(l, task.tags));
  const reply = replies.added(l, task.title, details);
  return done(language, reply, [{ tool: addTask.name, taskId: task.id, summary: reply }]);
}
