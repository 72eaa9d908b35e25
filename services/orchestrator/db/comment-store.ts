import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { randomUUIDv7 } from "bun";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import {
  CommentAddedSchema,
  CommentChangedSchema,
  CommentDeletedSchema,
  CommentEditedSchema,
  CommentMentionSchema,
} from "../../../gen/todo/events/v1/comment_events_pb";
import { type Comment, CommentChangeKind, CommentSchema } from "../../../gen/todo/v1/comment_pb";
import { newEventMeta, topics } from "../../platform/bus/event-codec";
import type { OutboxRelay, OutgoingEvent } from "../../platform/bus/outbox";
import { type Db, rowsOf, type Tx } from "../../platform/db/database";
import { InvalidArgumentError, NotFoundError, PermissionDeniedError } from "../../platform/errors";
import { commentBody, type Mentionable, mentionsIn } from "../domain/comment-rules";
import { actingOn, admit } from "./access";
import { correlationId, organiseWriter } from "./organise-writes";
import { projectMembers, projects, taskComments, tasks, users } from "./schema";

/** A page of comments: 50 unless asked, at most 100 (the contract's bound). */
const defaultPageSize = 50;

/** The most comments one task keeps: a bound on the table and on what a task's export carries. */
export const COMMENTS_PER_TASK_MAX = 1000;

type CommentRow = typeof taskComments.$inferSelect;

/** CommentStore is the discussion on tasks; db/access.ts decides who may read a task, and so its comments. */
export interface CommentStore {
  add(callerId: string, taskId: string, body: string): Promise<Comment>;
  list(
    callerId: string,
    taskId: string,
    page: { size: number; token: string },
  ): Promise<{ comments: Comment[]; nextPageToken: string }>;
  edit(callerId: string, commentId: string, body: string): Promise<Comment>;
  remove(callerId: string, commentId: string): Promise<void>;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** toCommentMessage maps a row and its author's name to the contract's Comment. */
export function toCommentMessage(row: CommentRow, projectId: string, authorName: string): Comment {
  return create(CommentSchema, {
    id: row.id,
    taskId: row.taskId,
    projectId,
    authorId: row.authorId,
    authorName,
    body: row.body,
    mentionedUserIds: row.mentions,
    createdAt: timestampFromDate(row.createdAt),
    updatedAt: timestampFromDate(row.updatedAt),
    edited: row.edited,
    version: BigInt(row.version),
  });
}

/** peopleOf is a project's owner and the members of its top-level project: who a comment may mention. */
async function peopleOf(tx: Tx | Db, projectId: string): Promise<Mentionable[]> {
  return rowsOf<{ id: string; email: string; display_name: string }>(
    await tx.execute(sql`with recursive up(id, parent_id, user_id, n) as (
        select id, parent_id, user_id, 0 from ${projects} where id = ${projectId}
        union all
        select p.id, p.parent_id, p.user_id, up.n + 1 from ${projects} p join up on p.id = up.parent_id where up.n < 16
      ), root as (select id, user_id from up where parent_id is null)
      select u.id, u.email, u.display_name from ${users} u join root on u.id = root.user_id
      union
      select u.id, u.email, u.display_name from ${projectMembers} m join root on m.project_id = root.id
        join ${users} u on u.id = m.user_id`),
  ).map((r) => ({ id: r.id, email: r.email, displayName: r.display_name }));
}

/**
 * commentEvents are a comment change's events: its lifecycle event and one CommentMention per newly mentioned person
 * on task-events, the CommentChanged snapshot on task-updates; meta.user_id is the task's owner.
 */
export function commentEvents(
  kind: CommentChangeKind,
  comment: Comment,
  task: { id: string; title: string; ownerId: string },
  callerId: string,
  mentioned: string[],
): OutgoingEvent[] {
  const meta = () => newEventMeta({ userId: task.ownerId, correlationId: correlationId() });
  const fields = { actorId: callerId, comment, taskTitle: task.title };
  const lifecycle =
    kind === CommentChangeKind.ADDED
      ? create(CommentAddedSchema, { meta: meta(), ...fields })
      : kind === CommentChangeKind.EDITED
        ? create(CommentEditedSchema, { meta: meta(), ...fields })
        : create(CommentDeletedSchema, { meta: meta(), ...fields });
  return [
    { topic: topics.taskEvents, key: task.id, event: lifecycle },
    ...mentioned.map((mentionedUserId) => ({
      topic: topics.taskEvents,
      key: task.id,
      event: create(CommentMentionSchema, { meta: meta(), ...fields, mentionedUserId }),
    })),
    { topic: topics.taskUpdates, key: task.id, event: create(CommentChangedSchema, { meta: meta(), kind, comment }) },
  ];
}

export function createCommentStore(db: Db, relay: Pick<OutboxRelay, "wake">): CommentStore {
  const write = organiseWriter(db, relay);

  /** visibleTask is a task the caller may read (NotFound otherwise, a deleted task too), and its owner. */
  const visibleTask = async (tx: Tx | Db, callerId: string, taskId: string) => {
    // The rule read in the same statement as the task (db/access.ts actingOn): one round trip.
    const caller = { callerId, need: "read" } as const;
    const { where, role } = actingOn(caller, tasks, taskId);
    const [task] = await tx
      .select({
        id: tasks.id,
        title: tasks.title,
        projectId: tasks.projectId,
        ownerId: tasks.userId,
        deleted: sql<boolean>`${tasks.deletedAt} is not null`,
        role,
      })
      .from(tasks)
      .where(where);
    admit(caller, { task: taskId }, task);
    if (task!.deleted) throw new NotFoundError(`task ${taskId} not found`);
    return { id: task!.id, title: task!.title, projectId: task!.projectId, ownerId: task!.ownerId };
  };

  const nameOf = async (tx: Tx | Db, userId: string) => {
    const [row] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
    return row?.name ?? "";
  };

  /** ownComment reads a comment the caller wrote, locked: NotFound when they cannot see its task, else PermissionDenied. */
  const ownComment = async (tx: Tx, callerId: string, commentId: string) => {
    const [row] = await tx.select().from(taskComments).where(eq(taskComments.id, commentId)).for("update");
    if (!row) throw new NotFoundError(`comment ${commentId} not found`);
    const task = await visibleTask(tx, callerId, row.taskId).catch((error: unknown) => {
      throw error instanceof NotFoundError ? new NotFoundError(`comment ${commentId} not found`) : error;
    });
    if (row.authorId !== callerId) throw new PermissionDeniedError("only its author may change a comment");
    return { row, task };
  };

  return {
    add: (callerId, taskId, body) =>
      write(async (tx, out, now) => {
        const text = commentBody(body);
        const task = await visibleTask(tx, callerId, taskId);
        // One task's comments are bounded; the task row's lock makes the count exact under concurrent adds.
        await tx.select({ id: tasks.id }).from(tasks).where(eq(tasks.id, taskId)).for("update");
        const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(
          await tx.execute(
            sql`select count(*)::int as n from ${taskComments} where ${taskComments.taskId} = ${taskId}`,
          ),
        );
        if (n >= COMMENTS_PER_TASK_MAX) {
          throw new InvalidArgumentError([
            { field: "task_id", description: `a task holds at most ${COMMENTS_PER_TASK_MAX} comments` },
          ]);
        }
        const mentions = mentionsIn(text, await peopleOf(tx, task.projectId)).filter((id) => id !== callerId);
        const [row] = await tx
          .insert(taskComments)
          .values({
            id: randomUUIDv7(),
            taskId,
            userId: task.ownerId,
            authorId: callerId,
            body: text,
            mentions,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        if (!row) throw new Error("comment insert returned nothing");
        const comment = toCommentMessage(row, task.projectId, await nameOf(tx, callerId));
        out.push(...commentEvents(CommentChangeKind.ADDED, comment, task, callerId, mentions));
        return comment;
      }),

    async list(callerId, taskId, page) {
      if (page.token && !uuidPattern.test(page.token)) {
        throw new InvalidArgumentError([{ field: "page_token", description: "not a token this service gave" }]);
      }
      const task = await visibleTask(db, callerId, taskId);
      const size = page.size > 0 ? Math.min(page.size, 100) : defaultPageSize;
      const rows = await db
        .select({ comment: taskComments, authorName: users.displayName })
        .from(taskComments)
        .leftJoin(users, eq(users.id, taskComments.authorId))
        .where(and(eq(taskComments.taskId, taskId), page.token ? gt(taskComments.id, page.token) : undefined))
        .orderBy(asc(taskComments.id))
        .limit(size + 1);
      const more = rows.length > size;
      const comments = rows.slice(0, size).map((r) => toCommentMessage(r.comment, task.projectId, r.authorName ?? ""));
      return { comments, nextPageToken: more ? (comments.at(-1)?.id ?? "") : "" };
    },

    edit: (callerId, commentId, body) =>
      write(async (tx, out, now) => {
        const text = commentBody(body);
        const { row, task } = await ownComment(tx, callerId, commentId);
        const mentions = mentionsIn(text, await peopleOf(tx, task.projectId)).filter((id) => id !== callerId);
        const [updated] = await tx
          .update(taskComments)
          .set({ body: text, mentions, edited: true, version: row.version + 1, updatedAt: now })
          .where(eq(taskComments.id, commentId))
          .returning();
        if (!updated) throw new NotFoundError(`comment ${commentId} not found`);
        const comment = toCommentMessage(updated, task.projectId, await nameOf(tx, callerId));
        // Only people newly mentioned by the edit are notified; those mentioned before heard already.
        const fresh = mentions.filter((id) => !row.mentions.includes(id));
        out.push(...commentEvents(CommentChangeKind.EDITED, comment, task, callerId, fresh));
        return comment;
      }),

    remove: (callerId, commentId) =>
      write(async (tx, out) => {
        const { row, task } = await ownComment(tx, callerId, commentId);
        await tx.delete(taskComments).where(eq(taskComments.id, commentId));
        const comment = toCommentMessage(row, task.projectId, await nameOf(tx, callerId));
        out.push(...commentEvents(CommentChangeKind.DELETED, comment, task, callerId, []));
      }),
  };
}
