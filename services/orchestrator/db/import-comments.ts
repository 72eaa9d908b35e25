import { createHash } from "node:crypto";
import { and, count, eq, inArray } from "drizzle-orm";
import { CommentChangeKind } from "../../../gen/todo/v1/comment_pb";
import type { OutgoingEvent } from "../../platform/bus/outbox";
import type { Tx } from "../../platform/db/database";
import type { ImportPlan, PlannedComment, RowProblem } from "../domain/import/plan";
import { visibleTo } from "./access";
import { COMMENTS_PER_TASK_MAX, commentEvents, toCommentMessage } from "./comment-store";
import { taskComments, tasks, users } from "./schema";

/** Ids per `in (…)` look-up. */
const idsPerLookup = 5_000;

/**
 * commentIdFor derives an imported comment's id: a UUIDv7 whose time is the comment's original creation (so
 * ListComments, oldest first by id, keeps the thread's order) and whose other bits are SHA-256 of the user and the
 * comment's key (so a second import of the same file names the same row and finds it).
 */
function commentIdFor(userId: string, key: string, createdAt: Date): string {
  const bytes = createHash("sha256").update(`comment\u0000${userId}\u0000import:${key}`).digest().subarray(0, 16);
  const ms = Math.max(0, Math.min(createdAt.getTime(), 2 ** 48 - 1));
  for (let i = 0; i < 6; i++) bytes[i] = Math.floor(ms / 2 ** (8 * (5 - i))) % 256;
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * importComments writes the plan's comments onto the tasks the import found or made (`taskIds`: a task's key →
 * its id), as the importer's comments with their original times and no mentions (imported history notifies
 * nobody). A comment whose derived id, or former id on the importer's own task, is there already is found, not
 * made again. A task keeps at most COMMENTS_PER_TASK_MAX comments, counting those it has.
 */
export async function importComments(
  tx: Tx,
  userId: string,
  plan: ImportPlan,
  taskIds: Map<string, string>,
  dryRun: boolean,
  events: OutgoingEvent[],
): Promise<{ created: number; existing: number; problems: RowProblem[] }> {
  const outcome = { created: 0, existing: 0, problems: [] as RowProblem[] };
  if (plan.comments.length === 0) return outcome;
  const derivedOf = (c: PlannedComment) => commentIdFor(userId, c.key, c.createdAt);
  const lookups = [...new Set(plan.comments.flatMap((c) => [derivedOf(c), c.formerId]))].filter((id) =>
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id),
  );
  const have = new Set<string>();
  for (let i = 0; i < lookups.length; i += idsPerLookup) {
    const rows = await tx
      .select({ id: taskComments.id })
      .from(taskComments)
      .where(and(eq(taskComments.userId, userId), inArray(taskComments.id, lookups.slice(i, i + idsPerLookup))));
    for (const row of rows) have.add(row.id);
  }
  const ids = [...new Set(plan.comments.flatMap((c) => taskIds.get(c.taskKey) ?? []))];
  const taskById = new Map<string, { title: string; projectId: string; comments: number }>();
  for (let i = 0; i < ids.length; i += idsPerLookup) {
    const batch = ids.slice(i, i + idsPerLookup);
    const rows = await tx
      .select({ id: tasks.id, title: tasks.title, projectId: tasks.projectId })
      .from(tasks)
      .where(and(visibleTo(tasks, userId), eq(tasks.userId, userId), inArray(tasks.id, batch)));
    for (const row of rows) taskById.set(row.id, { title: row.title, projectId: row.projectId, comments: 0 });
    const counts = await tx
      .select({ taskId: taskComments.taskId, n: count() })
      .from(taskComments)
      .where(inArray(taskComments.taskId, batch))
      .groupBy(taskComments.taskId);
    for (const c of counts) {
      const task = taskById.get(c.taskId);
      if (task) task.comments = c.n;
    }
  }
  const [me] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
  for (const c of plan.comments) {
    const derived = derivedOf(c);
    if (have.has(derived) || have.has(c.formerId)) {
      outcome.existing++;
      continue;
    }
    const taskId = taskIds.get(c.taskKey);
    // A task the file holds but the import could not place is a problem of the task's own row already.
    if (!taskId) {
      if (!plan.tasks.some((t) => t.key === c.taskKey))
        outcome.problems.push({ row: c.row, field: "comments.task_id", description: "its task is not in the file" });
      continue;
    }
    // A dry run did not write the tasks it would make: such a task has no comments yet.
    const task = taskById.get(taskId) ?? (dryRun ? { title: "", projectId: "", comments: 0 } : undefined);
    if (!task) continue;
    taskById.set(taskId, task);
    if (++task.comments > COMMENTS_PER_TASK_MAX) {
      outcome.problems.push({
        row: c.row,
        field: "comments.task_id",
        description: `a task holds at most ${COMMENTS_PER_TASK_MAX} comments`,
      });
      continue;
    }
    have.add(derived);
    outcome.created++;
    if (dryRun) continue;
    const [row] = await tx
      .insert(taskComments)
      .values({
        id: derived,
        taskId,
        userId,
        authorId: userId,
        body: c.body,
        mentions: [],
        edited: c.edited,
        createdAt: c.createdAt,
        updatedAt: c.updatedAt,
      })
      .returning();
    if (!row) throw new Error("comment insert returned nothing");
    const comment = toCommentMessage(row, task.projectId, me?.name ?? "");
    const onTask = { id: taskId, title: task.title, ownerId: userId };
    events.push(...commentEvents(CommentChangeKind.ADDED, comment, onTask, userId, []));
  }
  return outcome;
}
