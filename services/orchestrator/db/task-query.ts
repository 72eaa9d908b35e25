import { and, arrayOverlaps, eq, gte, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../platform/db/database";
import { decodePageToken, encodePageToken } from "../domain/page-token";
import { TaskStatusValue } from "../domain/task-rules";
import type { TaskRow } from "../rpc/task-mapper";
import { taskColumns, tasks } from "./schema";

export type TaskSortKey = "due" | "priority" | "created" | "title";

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
}

/** The sort expression and its SQL type, per sort key; "natural" is the direction users expect first. */
const sortKeys: Record<TaskSortKey, { expr: SQL; type: string; natural: "asc" | "desc" }> = {
  due: { expr: sql`coalesce(${tasks.dueAt}, 'infinity'::timestamptz)`, type: "timestamptz", natural: "asc" },
  priority: { expr: sql`${tasks.priority}`, type: "smallint", natural: "desc" },
  created: { expr: sql`${tasks.createdAt}`, type: "timestamptz", natural: "desc" },
  title: { expr: sql`lower(${tasks.title})`, type: "text", natural: "asc" },
};

/** prefixQuery turns free text into a prefix tsquery ("buy mil" → buy:* & mil:*); only letters and digits pass. */
export function prefixQuery(text: string): string | null {
  const terms = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return terms.length === 0 ? null : terms.slice(0, 10).map((t) => `${t}:*`).join(" & ");
}

/** listTasks runs a caller-scoped, filtered, keyset-paginated listing. */
export async function listTasks(db: Db, userId: string, query: TaskListQuery): Promise<{ rows: TaskRow[]; nextPageToken: string }> {
  const sort = sortKeys[query.sort];
  const direction = query.descending ? (sort.natural === "asc" ? "desc" : "asc") : sort.natural;
  const fingerprint = JSON.stringify({ ...query, pageToken: undefined, pageSize: undefined });
  const conditions: (SQL | undefined)[] = [eq(tasks.userId, userId)];
  if (!query.includeDeleted) conditions.push(isNull(tasks.deletedAt));
  if (query.status) conditions.push(eq(tasks.status, query.status));
  if (query.tags.length > 0) conditions.push(arrayOverlaps(tasks.tags, query.tags));
  if (query.priorities.length > 0) conditions.push(inArray(tasks.priority, query.priorities));
  if (query.dueAfter) conditions.push(gte(tasks.dueAt, query.dueAfter));
  if (query.dueBefore) conditions.push(lt(tasks.dueAt, query.dueBefore));
  if (query.overdue) conditions.push(eq(tasks.status, TaskStatusValue.open), lt(tasks.dueAt, new Date()));
  const tsquery = prefixQuery(query.text);
  if (query.text && !tsquery) return { rows: [], nextPageToken: "" };
  if (tsquery) conditions.push(sql`${tasks.search} @@ to_tsquery('simple', ${tsquery})`);
  if (query.pageToken) {
    const cursor = decodePageToken(query.pageToken, fingerprint);
    const key = sql`${cursor.key}::${sql.raw(sort.type)}`;
    conditions.push(
      direction === "asc" ? sql`(${sort.expr}, ${tasks.id}) > (${key}, ${cursor.id}::uuid)` : sql`(${sort.expr}, ${tasks.id}) < (${key}, ${cursor.id}::uuid)`,
    );
  }
  const order = direction === "asc" ? sql`${sort.expr} asc, ${tasks.id} asc` : sql`${sort.expr} desc, ${tasks.id} desc`;
  const rows = await db
    .select({ task: taskColumns, sortKey: sql<string>`(${sort.expr})::text` })
    .from(tasks)
    .where(and(...conditions))
    .orderBy(order)
    .limit(query.pageSize + 1);
  const page = rows.slice(0, query.pageSize);
  const last = page.at(-1);
  const nextPageToken =
    rows.length > query.pageSize && last ? encodePageToken({ key: last.sortKey, id: last.task.id, query: fingerprint }) : "";
  return { rows: page.map((r) => r.task), nextPageToken };
}
