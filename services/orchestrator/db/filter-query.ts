import { and, eq, gte, inArray, isNotNull, isNull, lt, lte, not, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { priorityEnum, priorityMarkers } from "../../../vocabulary/priority";
import { addDays, type LocalDate, parseLocalDate, startOfDay, toLocal } from "../../../vocabulary/time-zone";
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
export function dayStarts(frame: FilterFrame) {
  const today = toLocal(frame.now, frame.timeZone);
  const date: LocalDate = { year: today.year, month: today.month, day: today.day };
  return {
    today: date,
    start: (offset: number) => startOfDay(addDays(date, offset), frame.timeZone),
    of: (ref: DateRef) => (ref.kind === "offset" ? addDays(date, ref.days) : (parseLocalDate(ref.date) as LocalDate)),
  };
}

const priorityOfLevel = (level: number) => priorityEnum(priorityMarkers.find(([marker]) => marker === `p${level}`)![1]);

export type Param = ReturnType<typeof sql.placeholder>;
const p = sql.placeholder;

/** dueWithin: due in [from, to); a task without a date never matches, so `!` of it does (no NULL logic). */
export const dueWithin = (from: Param | undefined, to: Param | undefined) =>
  and(isNotNull(tasks.dueAt), from ? gte(tasks.dueAt, from) : undefined, to ? lt(tasks.dueAt, to) : undefined)!;

/** Archived projects' tasks stay out of filters and views, as out of ListTasks, unless a filter names a project. */
export const notArchived = sql`${tasks.projectId} not in (select ${projects.id} from ${projects} where ${visibleTo(projects, p("userId"))} and ${projects.archivedAt} is not null)`;

/**
 * FilterCompiler turns a filter tree into SQL conditions on tasks whose every value is a named placeholder,
 * collecting the values: the statement depends only on the filter's shape, so it is prepared once per shape.
 */
class FilterCompiler {
  readonly values: Record<string, unknown>;
  private count = 0;
  private readonly days: ReturnType<typeof dayStarts>;

  constructor(
    private readonly frame: FilterFrame,
    private readonly db: Db,
  ) {
    this.days = dayStarts(frame);
    this.values = { userId: frame.userId };
  }

  private bind(value: unknown): Param {
    const name = `v${this.count++}`;
    // Instants go as ISO text: a prepared statement's parameter is typed by Postgres, not by the driver.
    this.values[name] = value instanceof Date ? value.toISOString() : value;
    return p(name);
  }

  private dayStart(date: LocalDate): Param {
    return this.bind(startOfDay(date, this.frame.timeZone));
  }

  condition(node: FilterNode): SQL {
    switch (node.kind) {
      case "and":
        return and(this.condition(node.left), this.condition(node.right))!;
      case "or":
        return or(this.condition(node.left), this.condition(node.right))!;
      case "not":
        return not(this.condition(node.operand));
      default:
        return this.term(node);
    }
  }

  private term(term: FilterTerm): SQL {
    const today = this.days.today;
    switch (term.kind) {
      case "today":
        return dueWithin(this.dayStart(today), this.dayStart(addDays(today, 1)));
      case "tomorrow":
        return dueWithin(this.dayStart(addDays(today, 1)), this.dayStart(addDays(today, 2)));
      case "overdue":
        // A timed task is overdue once its time has passed; a date-only one (stored as its day's start) once its day has.
        return and(
          eq(tasks.status, TaskStatusValue.open),
          isNotNull(tasks.dueAt),
          or(
            and(eq(tasks.dueDateOnly, false), lt(tasks.dueAt, this.bind(this.frame.now))),
            and(eq(tasks.dueDateOnly, true), lt(tasks.dueAt, this.dayStart(today))),
          ),
        )!;
      case "noDate":
        return isNull(tasks.dueAt);
      case "completed":
        return eq(tasks.status, TaskStatusValue.completed);
      case "recurring":
        return isNotNull(tasks.rrule);
      case "noPriority":
        return lte(tasks.priority, priorityEnum("none"));
      case "assignedToMe":
        // The caller's own id (the listing's scope parameter): tasks_assignee_idx answers it.
        return eq(tasks.assigneeId, p("userId"));
      case "priority":
        return eq(tasks.priority, this.bind(priorityOfLevel(term.level)));
      case "tag":
        // Containment of a one-element array: the tags GIN index answers it.
        return sql`${tasks.tags} @> array[${this.bind(term.name)}::text]`;
      case "search":
        // The parser lets no search without a word through, so the prefix query is never empty.
        return sql`${tasks.search} @@ to_tsquery('simple', ${this.bind(prefixQuery(term.text) ?? "")}::text)`;
      case "project":
        return inArray(
          tasks.projectId,
          this.db
            .select({ id: projects.id })
            .from(projects)
            .where(
              and(
                visibleTo(projects, p("userId")),
                isNull(projects.deletedAt),
                sql`lower(${projects.name}) = lower(${this.bind(term.name)}::text)`,
              ),
            ),
        );
      case "due": {
        const day = this.days.of(term.date);
        return term.relation === "before"
          ? dueWithin(undefined, this.dayStart(day))
          : dueWithin(this.dayStart(addDays(day, 1)), undefined);
      }
    }
  }

  /**
   * where is the whole WHERE of a filter: the tasks the caller may see (db/access), live, outside archived
   * projects unless the filter names a project, open ones only unless it names `completed` (then it decides).
   */
  where(node: FilterNode): SQL {
    return and(
      visibleTo(tasks, p("userId")),
      isNull(tasks.deletedAt),
      mentions(node, (term) => term.kind === "project") ? undefined : notArchived,
      mentions(node, (term) => term.kind === "completed") ? undefined : eq(tasks.status, TaskStatusValue.open),
      this.condition(node),
    )!;
  }
}

/** shapeOf is a filter with its values masked: filters of one shape share one prepared statement. */
const shapeOf = (node: FilterNode) =>
  JSON.stringify(node, (key, value: unknown) =>
    key === "name" || key === "text" || key === "date" || key === "level" ? 0 : value,
  );

const dueKey = sql`coalesce(${tasks.dueAt}, 'infinity'::timestamptz)`;
const cursorTokens = pageTokens(
  z.object({ key: postgresTimestampText.or(z.enum(["infinity", "-infinity"])), id: z.guid() }),
);

function buildFilterListing(db: Db, where: SQL, cursor: boolean, name: string) {
  return db
    .select({ task: taskColumns, sortKey: sql<string>`(${dueKey})::text` })
    .from(tasks)
    .where(
      and(
        where,
        cursor ? sql`(${dueKey}, ${tasks.id}) > (${p("cursorKey")}::timestamptz, ${p("cursorId")}::uuid)` : undefined,
      ),
    )
    .orderBy(dueKey, tasks.id)
    .limit(p("limit"))
    .prepare(name);
}

type FilterListing = ReturnType<typeof buildFilterListing>;
const preparedListings = new WeakMap<Db, Map<string, FilterListing>>();

/** listFilteredTasks runs a filter: soonest due first (no date last), keyset-paginated. */
export async function listFilteredTasks(
  db: Db,
  node: FilterNode,
  frame: FilterFrame,
  page: { size: number; token: string; listing: unknown },
): Promise<{ rows: TaskRow[]; nextPageToken: string }> {
  const cursor = page.token ? cursorTokens.decode(page.token, page.listing) : undefined;
  const compiler = new FilterCompiler(frame, db);
  const where = compiler.where(node);
  const shape = `${shapeOf(node)}|${cursor ? "after" : "first"}`;
  let forDb = preparedListings.get(db);
  if (!forDb) {
    forDb = new Map();
    preparedListings.set(db, forDb);
  }
  let listing = forDb.get(shape);
  if (!listing) {
    // Bounded: a user can make many shapes; building one again costs a millisecond.
    if (forDb.size >= 256) forDb.clear();
    listing = buildFilterListing(db, where, Boolean(cursor), `filter_${forDb.size}_${Bun.hash(shape).toString(36)}`);
    forDb.set(shape, listing);
  }
  const rows = await listing.execute({
    ...compiler.values,
    cursorKey: cursor?.key,
    cursorId: cursor?.id,
    limit: page.size + 1,
  });
  const shown = rows.slice(0, page.size);
  const last = shown.at(-1);
  const nextPageToken =
    rows.length > page.size && last ? cursorTokens.encode({ key: last.sortKey, id: last.task.id }, page.listing) : "";
  return { rows: shown.map((r) => r.task), nextPageToken };
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
