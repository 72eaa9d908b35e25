import { and, eq, gte, isNull, lt, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../platform/db/database";
import { type PageTokens, pageTokens, postgresTimestampText } from "../../platform/page-token";
import { TaskStatusValue } from "../domain/task-rules";
import { ownedBy, visibleTo } from "./access";
import { projects, taskColumns, tasks } from "./schema";
import type { TaskRow } from "./task-row";

export type TaskSortKey = "due" | "priority" | "created" | "title" | "manual";

/** TaskListQuery is a validated ListTasks request. */
export interface TaskListQuery {
  status?: number;
  tags: string[];
  priorities: number[];
  dueAfter?: Date;
  dueBefore?: Date;
  overdue: boolean;
  text: string;
  sort: TaskSortKey;
  /** descending flips the natural order: due soonest, most urgent, newest, A→Z. */
  descending: boolean;
  pageSize: number;
  pageToken: string;
  includeDeleted: boolean;
  /** projectId, sectionId, parentId keep one project's, section's or parent's tasks. */
  projectId?: string;
  sectionId?: string;
  parentId?: string;
  noSection: boolean;
  topLevelOnly: boolean;
  /** includeArchivedProjects lists archived projects' tasks too (a listing by project always does). */
  includeArchivedProjects: boolean;
  /** assignedToMe keeps the tasks assigned to the caller (tasks_assignee_idx). */
  assignedToMe?: boolean;
}

/** TaskCursor is the last row of a page: its sort key (as Postgres text) and id. */
interface TaskCursor {
  key: string;
  id: string;
}

const taskCursorTokens = (key: z.ZodType<string>): PageTokens<TaskCursor> =>
  pageTokens(z.object({ key, id: z.guid() }));

/** Page tokens per SQL type of the sort key: a key that would not cast back to its type is refused as a bad token. */
const cursorTokens = {
  timestamptz: taskCursorTokens(postgresTimestampText.or(z.enum(["infinity", "-infinity"]))),
  smallint: taskCursorTokens(
    z
      .string()
      .regex(/^-?\d{1,5}$/)
      .refine((text) => Math.abs(Number(text)) <= 32767),
  ),
  text: taskCursorTokens(z.string().refine((text) => !text.includes("\0"))),
};

/** The sort expression and its SQL type, per sort key; "natural" is the direction users expect first. */
const sortKeys: Record<TaskSortKey, { expr: SQL; type: keyof typeof cursorTokens; natural: "asc" | "desc" }> = {
  due: { expr: sql`coalesce(${tasks.dueAt}, 'infinity'::timestamptz)`, type: "timestamptz", natural: "asc" },
  priority: { expr: sql`${tasks.priority}`, type: "smallint", natural: "desc" },
  created: { expr: sql`${tasks.createdAt}`, type: "timestamptz", natural: "desc" },
  title: { expr: sql`lower(${tasks.title})`, type: "text", natural: "asc" },
  // The rank column is collated "C", and so is the comparison with the cursor's key (the column's collation wins).
  manual: { expr: sql`${tasks.rank}`, type: "text", natural: "asc" },
};

/** prefixQuery turns free text into a prefix tsquery ("buy mil" → buy:* & mil:*); only letters and digits pass. */
export function prefixQuery(text: string): string | null {
  const terms = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return terms.length === 0
    ? null
    : terms
        .slice(0, 10)
        .map((t) => `${t}:*`)
        .join(" & ");
}

/** The parts of a listing that change its SQL; the values go in as parameters. */
interface ListShape {
  sort: TaskSortKey;
  direction: "asc" | "desc";
  includeDeleted: boolean;
  status: boolean;
  tags: boolean;
  priorities: boolean;
  dueAfter: boolean;
  dueBefore: boolean;
  overdue: boolean;
  text: boolean;
  cursor: boolean;
  project: boolean;
  section: boolean;
  parent: boolean;
  noSection: boolean;
  topLevelOnly: boolean;
  hideArchived: boolean;
  assignedToMe: boolean;
  /** shared: the caller is a member of some project, so the listing takes the rule's "member of" half too. */
  shared: boolean;
}

const p = sql.placeholder;

/** buildListing writes the SQL of one shape once, with placeholders for every value. */
function buildListing(db: Db, shape: ListShape, name: string) {
  const sort = sortKeys[shape.sort];
  // The caller's own rows alone keep the (user, …) index order; a member's listing needs the whole rule.
  const scope = shape.shared ? visibleTo : ownedBy;
  const conditions: (SQL | undefined)[] = [scope(tasks, p("userId"))];
  if (!shape.includeDeleted) conditions.push(isNull(tasks.deletedAt));
  if (shape.status) conditions.push(eq(tasks.status, p("status")));
  if (shape.tags) conditions.push(sql`${tasks.tags} && ${p("tags")}::text[]`);
  if (shape.priorities) conditions.push(sql`${tasks.priority} = any(${p("priorities")}::smallint[])`);
  if (shape.dueAfter) conditions.push(gte(tasks.dueAt, p("dueAfter")));
  if (shape.dueBefore) conditions.push(lt(tasks.dueAt, p("dueBefore")));
  if (shape.overdue) conditions.push(eq(tasks.status, TaskStatusValue.open), sql`${tasks.dueAt} < now()`);
  if (shape.text) conditions.push(sql`${tasks.search} @@ to_tsquery('simple', ${p("tsquery")})`);
  if (shape.project) conditions.push(eq(tasks.projectId, p("projectId")));
  if (shape.section) conditions.push(eq(tasks.sectionId, p("sectionId")));
  if (shape.parent) conditions.push(eq(tasks.parentId, p("parentId")));
  if (shape.noSection) conditions.push(isNull(tasks.sectionId));
  if (shape.topLevelOnly) conditions.push(isNull(tasks.parentId));
  if (shape.assignedToMe) conditions.push(eq(tasks.assigneeId, p("userId")));
  // Archived projects' tasks stay out of default lists; the few archived ids are a hashed subplan.
  if (shape.hideArchived) {
    conditions.push(
      sql`${tasks.projectId} not in (select ${projects.id} from ${projects} where ${scope(projects, p("userId"))} and ${projects.archivedAt} is not null)`,
    );
  }
  if (shape.cursor) {
    const key = sql`${p("cursorKey")}::${sql.raw(sort.type)}`;
    const after = sql`(${sort.expr}, ${tasks.id}) ${sql.raw(shape.direction === "asc" ? ">" : "<")} (${key}, ${p("cursorId")}::uuid)`;
    conditions.push(after);
  }
  const dir = sql.raw(shape.direction);
  return db
    .select({ task: taskColumns, sortKey: sql<string>`(${sort.expr})::text` })
    .from(tasks)
    .where(and(...conditions))
    .orderBy(sql`${sort.expr} ${dir}, ${tasks.id} ${dir}`)
    .limit(p("limit"))
    .prepare(name);
}

type Listing = ReturnType<typeof buildListing>;

/**
 * listingsFor keeps one prepared statement per listing shape: building SQL with drizzle costs more CPU
 * than running it, and a handful of shapes cover what clients ask for.
 */
function listingsFor(db: Db) {
  const prepared = new Map<string, Listing>();
  return (shape: ListShape): Listing => {
    const key = JSON.stringify(shape);
    let listing = prepared.get(key);
    if (!listing) {
      if (prepared.size >= 256) prepared.clear();
      listing = buildListing(db, shape, `list_tasks_${prepared.size}_${Bun.hash(key).toString(36)}`);
      prepared.set(key, listing);
    }
    return listing;
  };
}

const listings = new WeakMap<Db, ReturnType<typeof listingsFor>>();

/**
 * listTasks runs a caller-scoped, filtered, keyset-paginated listing. `shared` false (the caller is nobody's
 * member) scopes it to the caller's own rows, which keeps the (user, …) index order: a 10,000-task owner's first
 * page reads 50 index entries instead of sorting 10,000 rows (0.35 ms against 5.7 ms, docs/sharing.md).
 */
export async function listTasks(
  db: Db,
  userId: string,
  query: TaskListQuery,
  shared = true,
): Promise<{ rows: TaskRow[]; nextPageToken: string }> {
  const sort = sortKeys[query.sort];
  const direction = query.descending ? (sort.natural === "asc" ? "desc" : "asc") : sort.natural;
  // The token is bound to everything but the page: another filter or sort must start over.
  const listing = { ...query, pageToken: undefined, pageSize: undefined };
  const tsquery = prefixQuery(query.text);
  if (query.text && !tsquery) return { rows: [], nextPageToken: "" };
  const cursor = query.pageToken ? cursorTokens[sort.type].decode(query.pageToken, listing) : undefined;
  const shape: ListShape = {
    sort: query.sort,
    direction,
    includeDeleted: query.includeDeleted,
    status: Boolean(query.status),
    tags: query.tags.length > 0,
    priorities: query.priorities.length > 0,
    dueAfter: Boolean(query.dueAfter),
    dueBefore: Boolean(query.dueBefore),
    overdue: query.overdue,
    text: Boolean(tsquery),
    cursor: Boolean(cursor),
    project: Boolean(query.projectId),
    section: Boolean(query.sectionId),
    parent: Boolean(query.parentId),
    noSection: query.noSection,
    topLevelOnly: query.topLevelOnly,
    // A listing by project, section or parent names what it wants, archived or not.
    hideArchived: !query.projectId && !query.sectionId && !query.parentId && !query.includeArchivedProjects,
    assignedToMe: query.assignedToMe === true,
    shared,
  };
  let forDb = listings.get(db);
  if (!forDb) {
    forDb = listingsFor(db);
    listings.set(db, forDb);
  }
  const rows = await forDb(shape).execute({
    userId,
    status: query.status,
    tags: query.tags,
    priorities: query.priorities,
    // Instants go as ISO text: postgres.js refuses a Date for a parameter Postgres typed (as filter-query does).
    dueAfter: query.dueAfter?.toISOString(),
    dueBefore: query.dueBefore?.toISOString(),
    tsquery,
    cursorKey: cursor?.key,
    cursorId: cursor?.id,
    projectId: query.projectId,
    sectionId: query.sectionId,
    parentId: query.parentId,
    limit: query.pageSize + 1,
  });
  const page = rows.slice(0, query.pageSize);
  const last = page.at(-1);
  const nextPageToken =
    rows.length > query.pageSize && last
      ? cursorTokens[sort.type].encode({ key: last.sortKey, id: last.task.id }, listing)
      : "";
  return { rows: page.map((r) => r.task), nextPageToken };
}
