import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { ActivityRecordSchema, DetectIntentResponse } from "../../../gen/todo/skills/v1/skill_service_pb";
import { callTool, listTasks, searchTasks } from "../tools/task-tools";
import type { TaskView } from "../tools/task-view";
import { type Language, localeOf } from "./pending";
import { replies } from "./replies";
import { done, frame, type TurnContext, type TurnResult } from "./turn-context";
import { describeWhen, localDayRange } from "./when";
import { COMPLETED, OVERDUE } from "./words";

const SHOWN = 10;

function lines(ctx: TurnContext, language: Language, tasks: readonly TaskView[]): string {
  const l = localeOf(language);
  const shown = tasks.slice(0, SHOWN).map((task, i) => {
    const due = task.due_at
      ? ` — ${describeWhen(new Date(task.due_at), task.due_date_only, ctx.timeZone, ctx.now, l)}`
      : "";
    const check = task.status === "completed" ? " ✓" : "";
    return `${i + 1}. ${task.title}${due}${check}`;
  });
  if (tasks.length > SHOWN) shown.push(replies.more(l, tasks.length - SHOWN));
  return shown.join("\n");
}

/** showList lists open tasks, or completed / overdue ones, or those due on a day the message names. */
export async function showList(ctx: TurnContext, language: Language): Promise<TurnResult> {
  const l = localeOf(language);
  const overdue = OVERDUE.test(ctx.text);
  const completed = !overdue && COMPLETED.test(ctx.text);
  let range: { due_after: string; due_before: string } | undefined;
  if (!overdue && !completed) {
    const x = await ctx.skills.extractTask({ text: ctx.text, ...frame(ctx), locale: l });
    if (x.dueAt) {
      const day = localDayRange(timestampDate(x.dueAt), ctx.timeZone);
      range = { due_after: day.start.toISOString(), due_before: day.end.toISOString() };
    }
  }
  const { tasks } = await callTool(listTasks, ctx.api, {
    status: completed ? "completed" : "open",
    overdue,
    sort: "due",
    page_size: 100,
    ...range,
  });
  if (tasks.length === 0)
    return done(language, range || overdue || completed ? replies.noneMatching(l) : replies.noOpenTasks(l));
  const label = overdue ? replies.overdueLabel(l) : completed ? replies.completedLabel(l) : replies.openLabel(l);
  return done(language, `${replies.listHeader(l, tasks.length, label)}\n${lines(ctx, language, tasks)}`);
}

/** showSearch runs a full-text search for the words the user gave. */
export async function showSearch(
  ctx: TurnContext,
  language: Language,
  intent: DetectIntentResponse,
): Promise<TurnResult> {
  const l = localeOf(language);
  const query = intent.targetReference.trim() || ctx.text.trim();
  const { tasks } = await callTool(searchTasks, ctx.api, { query: query.slice(0, 200), status: "any", page_size: 50 });
  if (tasks.length === 0) return done(language, replies.noneMatching(l));
  return done(language, `${replies.searchHeader(l, query, tasks.length)}\n${lines(ctx, language, tasks)}`);
}

/**
 * showActivity answers "what did I finish yesterday?" from the caller's audit log (AuditService, the
 * newest 200 records) through the Audit agent. When the audit service is absent or down the user is told so.
 */
export async function showActivity(ctx: TurnContext, language: Language): Promise<TurnResult> {
  const l = localeOf(language);
  let records: MessageInitShape<typeof ActivityRecordSchema>[];
  try {
    const { events } = await ctx.audit().listAuditEvents({ pageSize: 200 }, { timeoutMs: 2000 });
    records = events.map((event) => ({
      eventType: event.eventType,
      occurredAt: event.occurredAt ?? timestampFromDate(ctx.now),
      taskId: event.taskId,
      title: event.summary,
    }));
  } catch (error) {
    ctx.logger.warn({ err: error }, "audit history unavailable for chat");
    return done(language, replies.activityUnavailable(l));
  }
  const summary = await ctx.skills.summarizeActivity({ records, question: ctx.text, locale: l, ...frame(ctx) });
  return done(language, summary.answer || replies.activityUnavailable(l));
}
