import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { Task } from "../../../gen/todo/v1/task_pb";
import { TaskStatus } from "../../../gen/todo/v1/task_pb";
import { TaskSort } from "../../../gen/todo/v1/task_service_pb";
import { callTool, completeTask, deleteTask, restoreTask } from "../tools/task-tools";
import { BULK_PER_TURN, type BulkScope, type Language, localeOf, type PendingAction, type TaskRef } from "./pending";
import { replies, undoOption, yesNo } from "./replies";
import type { ChatActionView, TurnContext, TurnResult } from "./turn-context";
import { done } from "./turn-context";
import { ALL, COMPLETED, OVERDUE } from "./words";

type ConfirmPending = Extract<PendingAction, { kind: "confirm" }>;
type UndoPending = Extract<PendingAction, { kind: "undo" }>;
type Operation = "delete" | "complete";

/** The most tasks a confirmation counts; past it the question says "2000+". */
const COUNT_LIMIT = 2000;
/** Tasks read per page while counting or acting (TaskService allows up to 200). */
const PAGE = 200;
/** Titles named in a bulk question. */
const PREVIEW = 3;
/**
 * The time one message may spend changing tasks: well inside the server's RPC deadline (15 s by
 * default, platform/rpc/deadline), so a big bulk action stops, says what remains and offers to go on
 * instead of timing out half-done.
 */
const TIME_BUDGET_MS = 8_000;
/** Tasks changed at once (each its own transaction; a few overlap their waits on the database). */
const CONCURRENCY = 4;

/**
 * eachWithin runs `act` on items, CONCURRENCY at a time, until all are done, `limit` succeeded or the
 * time budget is spent; it returns the items it succeeded on and how many it tried.
 */
async function eachWithin<T>(
  ctx: TurnContext,
  items: readonly T[],
  limit: number,
  deadline: number,
  act: (item: T) => Promise<unknown>,
): Promise<{ done: T[]; tried: number; stopped: boolean }> {
  const done: T[] = [];
  let tried = 0;
  while (tried < items.length) {
    if (done.length >= limit || performance.now() > deadline) return { done, tried, stopped: true };
    const batch = items.slice(tried, tried + Math.min(CONCURRENCY, limit - done.length));
    const results = await Promise.allSettled(batch.map(act));
    results.forEach((result, i) => {
      if (result.status === "fulfilled") done.push(batch[i]!);
      else ctx.logger.debug({ err: result.reason }, "bulk action skipped a task");
    });
    tried += batch.length;
  }
  return { done, tried, stopped: false };
}

/**
 * matchingPages walks the tasks of a scope that existed when the user was asked (oldest first, so the
 * ones created later come last and end the walk). The cursor is a keyset on (created, id), so tasks
 * deleted or completed on the way do not shift it.
 */
async function* matchingPages(ctx: TurnContext, scope: BulkScope): AsyncGenerator<Task[]> {
  const asOf = new Date(scope.asOf).getTime();
  let pageToken = "";
  do {
    const page = await ctx.api.listTasks({
      status: scope.status === "completed" ? TaskStatus.COMPLETED : TaskStatus.OPEN,
      overdue: scope.overdue,
      sort: TaskSort.CREATED,
      descending: true, // created's natural order is newest first; flipped, oldest first
      pageSize: PAGE,
      pageToken,
    });
    const existed = page.tasks.filter((task) => !task.createdAt || timestampDate(task.createdAt).getTime() <= asOf);
    if (existed.length > 0) yield existed;
    if (existed.length < page.tasks.length) return;
    pageToken = page.nextPageToken;
  } while (pageToken);
}

/** countScope counts a scope's tasks up to COUNT_LIMIT + 1, keeping the first few titles. */
async function countScope(ctx: TurnContext, scope: BulkScope): Promise<{ count: number; titles: string[] }> {
  let count = 0;
  const titles: string[] = [];
  for await (const page of matchingPages(ctx, scope)) {
    for (const task of page) if (titles.length < PREVIEW) titles.push(task.title);
    count += page.length;
    if (count > COUNT_LIMIT) break;
  }
  return { count, titles };
}

const scopeLabel = (language: Language, scope: BulkScope): string => {
  const l = localeOf(language);
  if (scope.overdue) return replies.overdueLabel(l);
  return scope.status === "completed" ? replies.completedLabel(l) : replies.openLabel(l);
};

/**
 * startBulk handles "delete all my tasks", "mark everything done", "delete all completed": it counts
 * what would change and asks with the true count and scope ("Delete all 228 open tasks?"); null when
 * the message is not about several tasks. The question keeps the scope, not the ids, so it stays
 * small whatever the count.
 */
export async function startBulk(
  ctx: TurnContext,
  language: Language,
  operation: Operation,
): Promise<TurnResult | null> {
  if (!ALL.test(ctx.text)) return null;
  const l = localeOf(language);
  const scope: BulkScope = {
    status: operation === "delete" && COMPLETED.test(ctx.text) ? "completed" : "open",
    overdue: OVERDUE.test(ctx.text),
    asOf: new Date().toISOString(),
  };
  const { count, titles } = await countScope(ctx, scope);
  if (count === 0) return done(language, replies.noneMatching(l));
  const atLeast = count > COUNT_LIMIT;
  const shownCount = atLeast ? COUNT_LIMIT : count;
  const question = replies.confirmAll(l, operation, shownCount, scopeLabel(language, scope), titles, atLeast);
  const pending: ConfirmPending = {
    kind: "confirm",
    operation,
    tasks: [],
    bulk: { scope, count: shownCount },
    question,
    options: yesNo(l),
    language,
  };
  return { reply: question, actions: [], pending, language };
}

/**
 * runBulk carries out a confirmed bulk action in pages, at most BULK_PER_TURN tasks per message. A
 * delete offers undo (the ids it deleted); when tasks of the scope remain, it says how many and offers
 * to go on.
 */
export async function runBulk(
  ctx: TurnContext,
  language: Language,
  operation: Operation,
  scope: BulkScope,
): Promise<TurnResult> {
  const l = localeOf(language);
  const tool = operation === "delete" ? deleteTask : completeTask;
  const deadline = performance.now() + TIME_BUDGET_MS;
  const changed: TaskRef[] = [];
  let stopped = false;
  for await (const page of matchingPages(ctx, scope)) {
    const pass = await eachWithin(ctx, page, BULK_PER_TURN - changed.length, deadline, (task) =>
      callTool(tool, ctx.api, { id: task.id }),
    );
    changed.push(...pass.done.map((task) => ({ id: task.id, title: task.title })));
    if (pass.stopped) {
      stopped = true;
      break;
    }
  }
  if (changed.length === 0) return done(language, replies.noneMatching(l));
  const remaining = stopped ? (await countScope(ctx, scope)).count : 0;
  return finish(language, operation, changed, remaining > 0 ? { scope, count: remaining } : undefined);
}

/** runConfirmed carries out a confirmed delete or completion; tasks gone meanwhile are skipped. */
export async function runConfirmed(ctx: TurnContext, pending: ConfirmPending): Promise<TurnResult> {
  if (pending.bulk) return runBulk(ctx, pending.language, pending.operation, pending.bulk.scope);
  const tool = pending.operation === "delete" ? deleteTask : completeTask;
  const changed: TaskRef[] = [];
  for (const task of pending.tasks) {
    try {
      await callTool(tool, ctx.api, { id: task.id });
      changed.push(task);
    } catch (error) {
      ctx.logger.debug({ err: error, taskId: task.id }, "confirmed action skipped a task");
    }
  }
  if (changed.length === 0) return done(pending.language, replies.gone(localeOf(pending.language)));
  return finish(pending.language, pending.operation, changed, undefined);
}

function finish(
  language: Language,
  operation: Operation,
  changed: readonly TaskRef[],
  more: { scope: BulkScope; count: number } | undefined,
): TurnResult {
  const l = localeOf(language);
  const tool = operation === "delete" ? deleteTask : completeTask;
  const one = (title: string) => (operation === "delete" ? replies.deleted(l, title) : replies.completed(l, title));
  const said =
    changed.length === 1
      ? one(changed[0]!.title)
      : operation === "delete"
        ? replies.deletedMany(l, changed.length)
        : replies.completedMany(l, changed.length);
  const actions: ChatActionView[] = changed.map((task) => ({
    tool: tool.name,
    taskId: task.id,
    summary: one(task.title),
  }));
  const onward = more ? replies.remaining(l, more.count) : "";
  if (operation === "complete") {
    if (!more) return done(language, said, actions);
    const pending: ConfirmPending = {
      kind: "confirm",
      operation,
      tasks: [],
      bulk: more,
      question: onward,
      options: yesNo(l),
      language,
    };
    return { reply: `${said} ${onward}`, actions, pending, language };
  }
  const hint = replies.undoHint(l, changed.length);
  const question = [onward, hint].filter(Boolean).join(" ");
  const pending: UndoPending = {
    kind: "undo",
    ids: changed.map((task) => task.id),
    ...(more ? { more } : {}),
    question,
    options: more ? [yesNo(l)[0]!, undoOption(l)] : [undoOption(l)],
    language,
  };
  return { reply: `${said} ${question}`, actions, pending, language };
}

/**
 * undo restores the tasks a delete just removed; tasks restored or purged meanwhile are skipped. When
 * the time budget runs out first, it says how many are left and keeps offering undo for them.
 */
export async function undo(ctx: TurnContext, pending: UndoPending): Promise<TurnResult> {
  const l = localeOf(pending.language);
  const actions: ChatActionView[] = [];
  const pass = await eachWithin(
    ctx,
    pending.ids,
    pending.ids.length,
    performance.now() + TIME_BUDGET_MS,
    async (id) => {
      const { task } = await callTool(restoreTask, ctx.api, { id });
      actions.push({ tool: restoreTask.name, taskId: task.id, summary: replies.restoredOne(l, task.title) });
    },
  );
  const left = pending.ids.slice(pass.tried);
  if (actions.length === 0 && left.length === 0) return done(pending.language, replies.nothingToUndo(l));
  const said = replies.restored(l, actions.length);
  if (left.length === 0) return done(pending.language, said, actions);
  const question = replies.undoLeft(l, left.length);
  const next: UndoPending = { ...pending, ids: left, question, options: [undoOption(l)] };
  return { reply: `${said} ${question}`, actions, pending: next, language: pending.language };
}
