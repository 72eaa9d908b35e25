import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { ActivityRecordSchema } from "../../../gen/todo/skills/v1/skill_service_pb";
import { filterTasks, listSavedFilters } from "../tools/filter-tools";
import { listProjects, listProjectTasks } from "../tools/organise-tools";
import { callTool, listTasks, searchTasks } from "../tools/task-tools";
import type { TaskView } from "../tools/task-view";
import { organiseReplies } from "./organise-replies";
import { type Language, localeOf, type PendingAction, skillLocale } from "./pending";
import { isolate, moreOption, replies } from "./replies";
import { done, frame, type TurnContext, type TurnResult } from "./turn-context";
import { describeWhen, localDayRange } from "./when";
import { COMPLETED, OVERDUE } from "./words";

type MorePending = Extract<PendingAction, { kind: "more" }>;

/** Lines the first answer shows, and how many more each "show more" adds. */
const SHOWN = 10;
const MORE_STEP = 25;
/** The most tasks a listing reads (pages of 100 through the list tool); past it the count says "200+". */
const LIST_LIMIT = 200;
/** The most titles per kind an activity answer lists after "show more" (the audit page holds 200). */
const ACTIVITY_ALL = 200;

interface Listing {
  header: string;
  tasks: TaskView[];
  empty: string;
}

function line(ctx: TurnContext, language: Language, task: TaskView, index: number): string {
  const l = localeOf(language);
  const due = task.due_at
    ? ` — ${describeWhen(new Date(task.due_at), task.due_date_only, ctx.timeZone, ctx.now, l)}`
    : "";
  const check = task.status === "completed" ? " ✓" : "";
  return `${index + 1}. ${isolate(l, task.title)}${due}${check}`;
}

/**
 * answerListing shows tasks [from, from + step) one per line, numbered; when more are left it says how
 * many and offers "show more" (the offer keeps the message that asked, not the tasks).
 */
function answerListing(
  ctx: TurnContext,
  language: Language,
  listing: Listing,
  source: MorePending["source"],
  text: string,
  from: number,
): TurnResult {
  const l = localeOf(language);
  if (listing.tasks.length === 0) return done(language, listing.empty);
  if (from >= listing.tasks.length) return done(language, replies.nothingMore(l));
  const to = from + (from === 0 ? SHOWN : MORE_STEP);
  const lines = listing.tasks.slice(from, to).map((task, i) => line(ctx, language, task, from + i));
  const head = from === 0 ? [listing.header] : [];
  const rest = listing.tasks.length - to;
  if (rest <= 0) return done(language, [...head, ...lines].join("\n"));
  const question = replies.more(l, rest);
  const pending: MorePending = { kind: "more", source, text, shown: to, question, options: [moreOption(l)], language };
  return { reply: [...head, ...lines, question].join("\n"), actions: [], pending, language };
}

/** Paging is the page a list tool is asked for. */
type Paging = { page_size: number; page_token?: string };

/**
 * collect reads up to LIST_LIMIT tasks, 100 a page, through `list` (one list tool call per page);
 * `atLeast` says more were left unread.
 */
async function collect(
  list: (paging: Paging) => Promise<{ tasks: TaskView[]; next_page_token: string }>,
): Promise<{ tasks: TaskView[]; atLeast: boolean }> {
  const tasks: TaskView[] = [];
  let token = "";
  do {
    const page = await list({ page_size: 100, ...(token ? { page_token: token } : {}) });
    tasks.push(...page.tasks);
    token = page.next_page_token;
  } while (token && tasks.length < LIST_LIMIT);
  return { tasks: tasks.slice(0, LIST_LIMIT), atLeast: token !== "" || tasks.length > LIST_LIMIT };
}

/** listing reads the tasks a "show my tasks" message asks for: open, completed, overdue, or due on a named day. */
async function listing(ctx: TurnContext, language: Language, text: string): Promise<Listing> {
  const l = localeOf(language);
  const overdue = OVERDUE.test(text);
  const completed = !overdue && COMPLETED.test(text);
  let range: { due_after: string; due_before: string } | undefined;
  if (!overdue && !completed) {
    const x = await ctx.skills.extractTask({ text, ...frame(ctx), locale: skillLocale(language) });
    if (x.dueAt) {
      const day = localDayRange(timestampDate(x.dueAt), ctx.timeZone);
      range = { due_after: day.start.toISOString(), due_before: day.end.toISOString() };
    }
  }
  const { tasks, atLeast } = await collect((paging) =>
    callTool(listTasks, ctx.api, {
      status: completed ? "completed" : "open",
      overdue,
      sort: "due",
      ...range,
      ...paging,
    }),
  );
  const label = overdue ? replies.overdueLabel(l) : completed ? replies.completedLabel(l) : replies.openLabel(l);
  return {
    header: replies.listHeader(l, tasks.length, label, atLeast),
    tasks,
    empty: range || overdue || completed ? replies.noneMatching(l) : replies.noOpenTasks(l),
  };
}

async function searching(ctx: TurnContext, language: Language, query: string): Promise<Listing> {
  const l = localeOf(language);
  const { tasks } = await callTool(searchTasks, ctx.api, { query: query.slice(0, 200), status: "any", page_size: 50 });
  return { header: replies.searchHeader(l, query, tasks.length), tasks, empty: replies.noneMatching(l) };
}

/**
 * projectListing reads a project's open tasks in the user's manual order through the project tool (pages
 * of 100, up to LIST_LIMIT); the name comes from the user's own projects, so a gone project says so.
 */
async function projectListing(ctx: TurnContext, language: Language, projectId: string): Promise<Listing> {
  const l = localeOf(language);
  const { projects } = await callTool(listProjects, ctx.api, { include_archived: true });
  const name = projects.find((project) => project.id === projectId)?.name;
  if (name === undefined) return { header: "", tasks: [], empty: organiseReplies.projectGone(l) };
  const { tasks: shown, atLeast } = await collect((paging) =>
    callTool(listProjectTasks, ctx.api, { project_id: projectId, ...paging }),
  );
  return {
    header: organiseReplies.projectHeader(l, name, shown.length, atLeast),
    tasks: shown,
    empty: organiseReplies.projectEmpty(l, name),
  };
}

/** showProject lists a project's open tasks, one per line, with "show more" like the other lists. */
export async function showProject(ctx: TurnContext, language: Language, projectId: string): Promise<TurnResult> {
  return answerListing(ctx, language, await projectListing(ctx, language, projectId), "project", projectId, 0);
}

/** filterListing runs one of the user's saved filters (by id) through the filter tool, up to LIST_LIMIT tasks. */
async function filterListing(ctx: TurnContext, language: Language, filterId: string): Promise<Listing> {
  const l = localeOf(language);
  const { saved_filters: saved } = await callTool(listSavedFilters, ctx.api, {});
  const filter = saved.find((candidate) => candidate.id === filterId);
  if (!filter) return { header: "", tasks: [], empty: replies.noneMatching(l) };
  const { tasks: shown, atLeast } = await collect((paging) =>
    callTool(filterTasks, ctx.api, { filter: filter.query, ...paging }),
  );
  return {
    header: organiseReplies.filterHeader(l, filter.name, filter.query, shown.length, atLeast),
    tasks: shown,
    empty: replies.noneMatching(l),
  };
}

/** showFilter lists the tasks one of the user's saved filters finds, with "show more" like the other lists. */
export async function showFilter(ctx: TurnContext, language: Language, filterId: string): Promise<TurnResult> {
  return answerListing(ctx, language, await filterListing(ctx, language, filterId), "filter", filterId, 0);
}

/** showList lists open tasks, or completed / overdue ones, or those due on a day the message names. */
export async function showList(ctx: TurnContext, language: Language): Promise<TurnResult> {
  return answerListing(ctx, language, await listing(ctx, language, ctx.text), "list", ctx.text, 0);
}

/** showSearch runs a full-text search for the words the user gave. */
export async function showSearch(
  ctx: TurnContext,
  language: Language,
  intent: { targetReference: string },
): Promise<TurnResult> {
  const query = intent.targetReference.trim() || ctx.text.trim();
  return answerListing(ctx, language, await searching(ctx, language, query), "search", query, 0);
}

/**
 * showMore answers "show more" after a cut list: the listing or search is read again and the next lines
 * shown; an activity answer is asked again with every title listed.
 */
export async function showMore(ctx: TurnContext, pending: MorePending): Promise<TurnResult> {
  const { language, source } = pending;
  if (source === "activity") return activity(ctx, language, pending.text, ACTIVITY_ALL, pending.actor);
  const read = listingsBySource[source];
  return answerListing(ctx, language, await read(ctx, language, pending.text), source, pending.text, pending.shown);
}

/** The listing a "show more" continues, by what produced the first page. */
const listingsBySource: Record<
  Exclude<MorePending["source"], "activity">,
  (ctx: TurnContext, language: Language, text: string) => Promise<Listing>
> = { list: listing, search: searching, filter: filterListing, project: projectListing };

/**
 * titleOf reads the task title an audit record is about from its payload (task events carry the task,
 * reminder events its title); the record's summary ("Task completed: …") is the fallback.
 */
function titleOf(event: { payloadJson: string; summary: string }): string {
  try {
    const payload: unknown = JSON.parse(event.payloadJson);
    if (payload && typeof payload === "object") {
      const { task, title } = payload as { task?: { title?: unknown }; title?: unknown };
      if (typeof task?.title === "string" && task.title) return task.title;
      if (typeof title === "string" && title) return title;
    }
  } catch {
    // An unreadable payload still has its summary.
  }
  return event.summary;
}

/**
 * showActivity answers "what did I finish yesterday?" from the caller's audit log (AuditService, the
 * newest 200 records) through the Audit agent, one title per line. When the answer leaves titles out,
 * "show more" lists them all. When the audit service is absent or down the user is told so.
 */
export async function showActivity(ctx: TurnContext, language: Language): Promise<TurnResult> {
  return activity(ctx, language, ctx.text, 0);
}

/** Actor is the person an activity question is about when not the user ("what did Sara change today?"). */
type Actor = NonNullable<MorePending["actor"]>;

/**
 * showPersonActivity answers what another person changed: the audit records of the user's own projects and those
 * shared with them (include_shared) that this person made (actor_user_id), through the same Audit agent, which names
 * them where it would say "you".
 */
export async function showPersonActivity(
  ctx: TurnContext,
  language: Language,
  question: string,
  actor: Actor,
): Promise<TurnResult> {
  return activity(ctx, language, question, 0, actor);
}

async function activity(
  ctx: TurnContext,
  language: Language,
  question: string,
  listLimit: number,
  actor?: Actor,
): Promise<TurnResult> {
  const l = localeOf(language);
  let records: MessageInitShape<typeof ActivityRecordSchema>[];
  try {
    const filter = actor ? { actorUserId: actor.id, includeShared: true } : {};
    const { events } = await ctx.audit().listAuditEvents({ pageSize: 200, ...filter }, { timeoutMs: 2000 });
    records = events.map((event) => ({
      eventType: event.eventType,
      occurredAt: event.occurredAt ?? timestampFromDate(ctx.now),
      taskId: event.taskId,
      title: titleOf(event),
    }));
  } catch (error) {
    ctx.logger.warn({ err: error }, "audit history unavailable for chat");
    return done(language, replies.activityUnavailable(l));
  }
  const summary = await ctx.skills.summarizeActivity({
    records,
    question,
    locale: l,
    listLimit,
    actorName: actor?.name ?? "",
    ...frame(ctx),
  });
  if (!summary.answer) return done(language, replies.activityUnavailable(l));
  if (summary.omitted <= 0) return done(language, summary.answer);
  const pending: MorePending = {
    kind: "more",
    source: "activity",
    text: question,
    shown: 0,
    ...(actor ? { actor } : {}),
    question: replies.more(l, summary.omitted),
    options: [moreOption(l)],
    language,
  };
  return { reply: summary.answer, actions: [], pending, language };
}
