import { randomUUIDv7 } from "bun";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { type Db, rowsOf } from "../../platform/db/database";
import { NotFoundError } from "../../platform/errors";
import { pageTokens, postgresTimestampText } from "../../platform/page-token";
import { conversations, messages, tasks } from "../db/schema";
import { TaskStatusValue } from "../domain/task-rules";

/** Stored message roles (numbers match todo.v1.MessageRole). */
const RoleValue = { user: 1, assistant: 2 } as const;

/** The details an assistant message keeps: actions taken and the question asked. */
const messageDetailsSchema = z.object({
  actions: z.array(z.object({ tool: z.string(), taskId: z.string(), summary: z.string() })),
  question: z
    .object({
      confirmation: z.boolean(),
      /** offer: an optional follow-up (undo, show more) rather than a question. */
      offer: z.boolean().optional(),
      text: z.string(),
      options: z.array(z.string()),
    })
    .optional(),
});
export type MessageDetails = z.infer<typeof messageDetailsSchema>;

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TITLE_LENGTH = 80;
/** The most action task ids one conversation read looks up, and how many per statement. */
const TASK_STATE_LIMIT = 5000;
const TASK_STATE_CHUNK = 1000;

/** readDetails parses stored details; an unreadable value reads as no details. */
export function readDetails(stored: string | null): MessageDetails | undefined {
  if (!stored) return undefined;
  try {
    const parsed = messageDetailsSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A conversations page ends at its last row: updated_at (as Postgres text) and id. */
const pageToken = pageTokens(z.object({ key: postgresTimestampText, id: z.guid() }));

/** ConversationStore keeps each user's conversations and messages (and reads task titles); every query is scoped by user. */
export function createConversationStore(db: Db) {
  // The per-message reads are prepared once: Postgres keeps their plans instead of planning each call.
  const recentOpen = db
    .select({ id: tasks.id, title: tasks.title })
    .from(tasks)
    .where(
      and(eq(tasks.userId, sql.placeholder("userId")), eq(tasks.status, TaskStatusValue.open), isNull(tasks.deletedAt)),
    )
    .orderBy(desc(tasks.createdAt))
    .limit(sql.placeholder("limit"))
    .prepare("chat_recent_open_tasks");
  const lastAction = db
    .select({ details: messages.details })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, sql.placeholder("conversationId")),
        eq(messages.role, RoleValue.assistant),
        sql`${messages.details} like '%"taskId":"%'`,
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(1)
    .prepare("chat_last_action");

  return {
    /**
     * begin opens the caller's conversation (or starts one) and takes its pending action in the same
     * statement, so two messages racing on one conversation cannot both act on it.
     */
    async begin(
      userId: string,
      conversationId: string,
      firstText: string,
    ): Promise<{ id: string; pending: string | null }> {
      if (!conversationId) {
        const id = randomUUIDv7();
        const title = firstText.trim().replace(/\s+/g, " ").slice(0, TITLE_LENGTH);
        await db.insert(conversations).values({ id, userId, title, createdAt: new Date(), updatedAt: new Date() });
        return { id, pending: null };
      }
      if (!UUID.test(conversationId)) throw new NotFoundError("conversation not found");
      const result = await db.execute(sql`
        update ${conversations} set pending = null
        from (select id, pending from ${conversations} where id = ${conversationId} and user_id = ${userId} for update) as taken
        where ${conversations.id} = taken.id
        returning taken.pending as pending`);
      const [row] = rowsOf<{ pending: string | null }>(result);
      if (!row) throw new NotFoundError("conversation not found");
      return { id: conversationId, pending: row.pending };
    },

    /** lastTaskId is the task of the newest action in the conversation ("it"). */
    async lastTaskId(conversationId: string): Promise<string | undefined> {
      const rows = await lastAction.execute({ conversationId });
      return readDetails(rows[0]?.details ?? null)?.actions.at(-1)?.taskId;
    },

    /**
     * record saves the user's message, the reply and the new pending action in one statement (a
     * data-modifying CTE is atomic and costs one round trip).
     */
    async record(input: {
      userId: string;
      conversationId: string;
      userText: string;
      receivedAt: Date;
      reply: string;
      details: MessageDetails;
      pending: string | null;
    }): Promise<MessageRow> {
      const repliedAt = new Date(Math.max(Date.now(), input.receivedAt.getTime() + 1));
      const reply: MessageRow = {
        id: randomUUIDv7(),
        conversationId: input.conversationId,
        userId: input.userId,
        role: RoleValue.assistant,
        text: input.reply,
        details: JSON.stringify(input.details),
        createdAt: repliedAt,
      };
      const userMessageId = randomUUIDv7();
      await db.execute(sql`
        with saved as (
          insert into ${messages} (id, conversation_id, user_id, role, text, details, created_at) values
            (${userMessageId}, ${input.conversationId}, ${input.userId}, ${RoleValue.user}, ${input.userText}, null, ${input.receivedAt.toISOString()}::timestamptz),
            (${reply.id}, ${input.conversationId}, ${input.userId}, ${RoleValue.assistant}, ${reply.text}, ${reply.details}, ${repliedAt.toISOString()}::timestamptz)
        )
        update ${conversations} set pending = ${input.pending}, updated_at = ${repliedAt.toISOString()}::timestamptz
        where ${conversations.id} = ${input.conversationId} and ${conversations.userId} = ${input.userId}`);
      return reply;
    },

    /** recentOpenTasks lists the caller's newest open tasks (id and title), for intent detection. */
    async recentOpenTasks(userId: string, limit: number): Promise<{ id: string; title: string }[]> {
      return recentOpen.execute({ userId, limit });
    },

    /** list pages the caller's conversations, most recently active first. */
    async list(
      userId: string,
      pageSize: number,
      token: string,
    ): Promise<{ rows: ConversationRow[]; nextPageToken: string }> {
      const after = token ? pageToken.decode(token) : undefined;
      const rows = await db
        .select({ row: conversations, key: sql<string>`${conversations.updatedAt}::text` })
        .from(conversations)
        .where(
          and(
            eq(conversations.userId, userId),
            after
              ? sql`(${conversations.updatedAt}, ${conversations.id}) < (${after.key}::timestamptz, ${after.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(desc(conversations.updatedAt), desc(conversations.id))
        .limit(pageSize + 1);
      const page = rows.slice(0, pageSize);
      const last = page.at(-1);
      return {
        rows: page.map((r) => r.row),
        nextPageToken: rows.length > pageSize && last ? pageToken.encode({ key: last.key, id: last.row.id }) : "",
      };
    },

    /**
     * taskStates says, for the caller's tasks among `ids`, whether each is deleted; ids of tasks that are
     * gone (or another user's) are absent. Read in chunks, at most TASK_STATE_LIMIT ids.
     */
    async taskStates(userId: string, ids: readonly string[]): Promise<Map<string, { deleted: boolean }>> {
      const states = new Map<string, { deleted: boolean }>();
      const wanted = [...new Set(ids.filter((id) => UUID.test(id)))].slice(0, TASK_STATE_LIMIT);
      for (let i = 0; i < wanted.length; i += TASK_STATE_CHUNK) {
        const rows = await db
          .select({ id: tasks.id, deletedAt: tasks.deletedAt })
          .from(tasks)
          .where(and(eq(tasks.userId, userId), inArray(tasks.id, wanted.slice(i, i + TASK_STATE_CHUNK))));
        for (const row of rows) states.set(row.id, { deleted: row.deletedAt !== null });
      }
      return states;
    },

    /** get returns one of the caller's conversations with its messages, oldest first; another user's is not found. */
    async get(userId: string, id: string): Promise<{ conversation: ConversationRow; messages: MessageRow[] }> {
      const [conversation] = await db
        .select()
        .from(conversations)
        .where(and(eq(conversations.id, id), eq(conversations.userId, userId)));
      if (!conversation) throw new NotFoundError("conversation not found");
      const rows = await db
        .select()
        .from(messages)
        .where(and(eq(messages.conversationId, id), eq(messages.userId, userId)))
        .orderBy(asc(messages.createdAt), asc(messages.id))
        .limit(1000);
      return { conversation, messages: rows };
    },
  };
}
export type ConversationStore = ReturnType<typeof createConversationStore>;
