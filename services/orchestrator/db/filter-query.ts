import { and, eq, gte, inArray, isNotNull, isNull, lt, lte, not, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { priorityEnum, priorityMarkers } from "../../../vocabulary/priority";
import {
  addDays,
  daysBetween,
  type LocalDate,
  parseLocalDate,
  startOfDay,
  toLocal,
} from "../../../vocabulary/time-zone";
import type { Db } from "../../platform/db/database";
import { pageTokens, postgresTimestampText } from "../../platform/page-token";
import type { DateRef, FilterNode, FilterTerm } from "../domain/filter/ast";
import { mentions } from "../domain/filter/ast";
import { TaskStatusValue } from "../domain/task-rules";
import { visibleTo } from "./access";
import { projects, taskColumns, tasks } from "./schema";
import { prefixQuery } from "./task-query";
import type { TaskRow } from "./task-row";

/** FilterFrame is who asks and when and where "today" is. */
export interface FilterFrame {
  userId: string;
  now: Date;
  timeZone: string;
}

/** dayStarts gives the first instant of the day `offset` days from today in the frame's zone. */
function dayStarts(frame: FilterFrame) {
  const today = toLocal(frame.now, frame.timeZone);
  const date: LocalDate = { year: today.year, month: today.month, day: today.day };
  return {
    today: date,
    start: (offset: number) => startOfDay(addDays(date, offset), frame.timeZone),
    of: (ref: DateRef) => (ref.kind === "offset" ? addDays(date, ref.days) : (parseLocalDate(ref.date) as LocalDate)),
  };
}

const priorityOfLevel = (level: number) => priorityEnum(priorityMarkers.find(([marker]) => marker === `p${level}`)![1]);

/** dueWithin: due in [from, to); a task without a date never matches, so `!` of it does (no NULL logic). */
const dueWithin = (from: Date | undefined, to: Date | undefined) =>
  and(isNotNull(tasks.dueAt), from ? gte(tasks.dueAt, from) : undefined, to ? lt(tasks.dueAt, to) : undefined)!;

/**
 * overdueCondition: open and past due. A timed task is overdue once its time has passed; a date-only task
 * (stored as the start of its day) once its day has.
 */
function overdueCondition(frame: FilterFrame): SQL {
  const startOfToday = dayStarts(frame).start(0);
  return and(
    eq(tasks.status, TaskStatusValue.open),
    isNotNull(tasks.dueAt),
    or(
      and(eq(tasks.dueDateOnly, false), lt(tasks.dueAt, frame.now)),
      and(eq(tasks.dueDateOnly, true), lt(tasks.dueAt, startOfToday)),
    ),
  )!;
}

function termCondition(term: FilterTerm, frame: FilterFrame, db: Db): SQL {
  const days = dayStarts(frame);
  switch (term.kind) {
    case "today":
      return dueWithin(days.start(0), days.start(1));
    case "tomorrow":
      return dueWithin(days.start(1), days.start(2));
    case "overdue":
      return overdueCondition(frame);
    case "noDate":
      return isNull(tasks.dueAt);
    case "completed":
      return eq(tasks.status, TaskStatusValue.completed);
    case "recurring":
      return isNotNull(tasks.rrule);
    case "noPriority":
      return lte(tasks.priority, priorityEnum("none"));
    case "priority":
      return eq(tasks.priority, priorityOfLevel(term.level));
    case "tag":
      // Containment of a one-element array: the tags GIN index answers it.
      return sql`${tasks.tags} @> array[${term.name}]::text[]`;
    case "search": {
      const tsquery = prefixQuery(term.text);
      return tsquery ? sql`${tasks.search} @@ to_tsquery('simple', ${tsquery})` : sql`false`;
    }
    case "project":
      return inArray(
        tasks.projectId,
        db
          .select({ id: projects.id })
          .from(projects)
          .where(
            and(
              visibleTo(projects, frame.userId),
              isNull(projects.deletedAt),
              sql`lower(${projects.name}) = lower(${term.name})`,
            ),
          ),
      );
    case "due": {
      const day = days.of(term.date);
      return term.relation === "before"
        ? dueWithin(undefined, startOfDay(day, frame.timeZone))
        : dueWithin(startOfDay(addDays(day, 1), frame.timeZone), undefined);
    }
  }
}

/** filterCondition compiles a filter tree into one SQL condition on tasks (values as parameters). */
export function filterCondition(node: FilterNode, frame: FilterFrame, db: Db): SQL {
  switch (node.kind) {
    case "and":
      return and(filterCondition(node.left, frame, db), filterCondition(node.right, frame, db))!;
    case "or":
      return or(filterCondition(node.left, frame, db), filterCondition(node.right, frame, db))!;
    case "not":
      return not(filterCondition(node.operand, frame, db));
    default:
      return termCondition(node, frame, db);
  }
}

/** Archived projects' tasks stay out of filters and views, as out of ListTasks, unless a filter names a project. */
const notArchived = (userId: string) =>
  sql`${tasks.projectId} not in (select ${projects.id} from ${projects} where ${visibleTo(projects, userId)} and ${projects.archivedAt} is not null)`;

/**
 * scopedFilter is the whole WHERE of a filter: the tasks the caller may see (db/access), live, outside archived
 * projects unless the filter names a project, open ones only unless the filter names `completed` (then it
 * decides), and the filter itself.
 */
export function scopedFilter(node: FilterNode, frame: FilterFrame, db: Db): SQL {
  return and(
    visibleTo(tasks, frame.userId),
    isNull(tasks.deletedAt),
    mentions(node, (term) => term.kind === "project") ? undefined : notArchived(frame.userId),
    mentions(node, (term) => term.kind === "completed") ? undefined : eq(tasks.status, TaskStatusValue.open),
    filterCondition(node, frame, db),
  )!;
}

const dueKey = sql`coalesce(${tasks.dueAt}, 'infinity'::timestamptz)`;
const cursorTokens = pageTokens(
  z.object({ key: postgresTimestampText.or(z.enum(["infinity", "-infinity"])), id: z.guid() }),
);

/** listFilteredTasks runs a filter: soonest due first (no date last), keyset-paginated. */
export async function listFilteredTasks(
  db: Db,
  node: FilterNode,
  frame: FilterFrame,
  page: { size: number; token: string; listing: unknown },
): Promise<{ rows: TaskRow[]; nextPageToken: string }> {
  const cursor = page.token ? cursorTokens.decode(page.token, page.listing) : undefined;
  const rows = await db
    .select({ task: taskColumns, sortKey: sql<string>`(${dueKey})::text` })
    .from(tasks)
    .where(
      and(
        scopedFilter(node, frame, db),
        cursor ? sql`(${dueKey}, ${tasks.id}) > (${cursor.key}::timestamptz, ${cursor.id}::uuid)` : undefined,
      ),
    )
    .orderBy(dueKey, tasks.id)
    .limit(page.size + 1);
  const shown = rows.slice(0, page.size);
  const last = shown.at(-1);
  const nextPageToken =
    rows.length > page.size && last ? cursorTokens.encode({ key: last.sortKey, id: last.task.id }, page.listing) : "";
  return { rows: shown.map((r) => r.task), nextPageToken };
}

/** VIEW_MAX_TASKS bounds each part of the Today and Upcoming views. */
export const VIEW_MAX_TASKS = 500;

/** DayTasks is one day of a view and its tasks, by due time. */
export interface DayTasks {
  date: LocalDate;
  tasks: TaskRow[];
}

/** TaskView is the Today or Upcoming view: overdue (earlier days) on top, then each day from today. */
export interface TaskView {
  overdue: TaskRow[];
  days: DayTasks[];
  truncated: boolean;
}

/**
 * taskView lists the caller's open tasks due before today (overdue, oldest first) and those due on each of
 * `dayCount` days from today, grouped by day in the frame's zone. Two range scans on (user, status, due).
 */
export async function taskView(db: Db, frame: FilterFrame, dayCount: number): Promise<TaskView> {
  const days = dayStarts(frame);
  const open = and(
    visibleTo(tasks, frame.userId),
    isNull(tasks.deletedAt),
    eq(tasks.status, TaskStatusValue.open),
    notArchived(frame.userId),
  );
  const range = (from: Date | undefined, to: Date) =>
    db
      .select(taskColumns)
      .from(tasks)
      .where(and(open, dueWithin(from, to)))
      .orderBy(tasks.dueAt, tasks.id)
      .limit(VIEW_MAX_TASKS + 1);
  const [overdue, ahead] = await Promise.all([
    range(undefined, days.start(0)),
    range(days.start(0), days.start(dayCount)),
  ]);
  const grouped: DayTasks[] = Array.from({ length: dayCount }, (_, i) => ({ date: addDays(days.today, i), tasks: [] }));
  for (const task of ahead.slice(0, VIEW_MAX_TASKS)) {
    const local = toLocal(task.dueAt!, frame.timeZone);
    const index = daysBetween(days.today, { year: local.year, month: local.month, day: local.day });
    grouped[index]?.tasks.push(task);
  }
  return {
    overdue: overdue.slice(0, VIEW_MAX_TASKS),
    days: grouped,
    truncated: overdue.length > VIEW_MAX_TASKS || ahead.length > VIEW_MAX_TASKS,
  };
}

/** namesOf gives the caller's tags and project names (at most 500 each), the words a filter sentence may use. */
export async function namesOf(db: Db, userId: string): Promise<{ tags: string[]; projects: string[] }> {
  const [tagRows, projectRows] = await Promise.all([
    db
      .selectDistinct({ tag: sql<string>`unnest(${tasks.tags})` })
      .from(tasks)
      .where(and(visibleTo(tasks, userId), isNull(tasks.deletedAt)))
      .limit(500),
    db
      .select({ name: projects.name })
      .from(projects)
      .where(and(visibleTo(projects, userId), isNull(projects.deletedAt)))
      .limit(500),
  ]);
  return { tags: tagRows.map((r) => r.tag), projects: projectRows.map((r) => r.name) };
}
