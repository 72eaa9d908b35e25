import { randomUUIDv7 } from "bun";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { rowsOf, type Db } from "../../platform/db/database";
import { InvalidArgumentError, NotFoundError } from "../../platform/errors";
import { conversations, messages } from "../db/schema";

/** Stored message roles (numbers match todo.v1.MessageRole). */
export const RoleValue = { user: 1, assistant: 2 } as const;

/** The details an assistant message keeps: actions taken and the question asked. */
export const messageDetailsSchema = z.object({
  actions: z.array(z.object({ tool: z.string(), taskId: z.string(), summary: z.string() })),
  question: z.object({ confirmation: z.boolean(), text: z.string(), options: z.array(z.string()) }).optional(),
});
export type MessageDetails = z.infer<typeof messageDetailsSchema>;

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TITLE_LENGTH = 80;

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

const pageToken = {
  encode: (row: { key: string; id: string }) => Buffer.from(JSON.stringify(row)).toString("base64url"),
  decode(token: string): { key: string; id: string } {
    try {
      const row = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { key?: unknown; id?: unknown };
      if (typeof row.key === "string" && typeof row.id === "string" && UUID.test(row.id) && !Number.isNaN(Date.parse(row.key))) {
        return { key: row.key, id: row.id };
      }
    } catch {
      // the same error below
    }
    throw new InvalidArgumentError([{ field: "page_token", description: "is not a token from this listing" }]);
  },
};

/** ConversationStore keeps each user's conversations and messages; every query is scoped by user. */
export function createConversationStore(db: Db) {
  return {
    /**
     * begin opens the caller's conversation (or starts one) and takes its pending action in the same
     * statement, so two messages racing on one conversation cannot both act on it.
     */
    async begin(userId: string, conversationId: string, firstText: string): Promise<{ id: string; pending: string | null }> {
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
      const rows = await db
        .select({ details: messages.details })
        .from(messages)
        .where(and(eq(messages.conversationId, conversationId), eq(messages.role, RoleValue.assistant), sql`${messages.details} like '%"taskId":"%'`))
        .orderBy(desc(messages.createdAt), desc(messages.id))
        .limit(1);
      return readDetails(rows[0]?.details ?? null)?.actions.at(-1)?.taskId;
    },

    /** record saves the user's message, the reply and the new pending action in one transaction. */
    async record(input: {
      userId: string;
      conversationId: string;
      userText: string;
      receivedAt: Date;
      reply: string;
      details: MessageDetails;
      pending: string | null;
    }): Promise<MessageRow> {
      return db.transaction(async (tx) => {
        const repliedAt = new Date(Math.max(Date.now(), input.receivedAt.getTime() + 1));
        const base = { conversationId: input.conversationId, userId: input.userId };
        const [, reply] = await tx
          .insert(messages)
          .values([
            { ...base, id: randomUUIDv7(), role: RoleValue.user, text: input.userText, details: null, createdAt: input.receivedAt },
            { ...base, id: randomUUIDv7(), role: RoleValue.assistant, text: input.reply, details: JSON.stringify(input.details), createdAt: repliedAt },
          ])
          .returning();
        await tx
          .update(conversations)
          .set({ pending: input.pending, updatedAt: repliedAt })
          .where(and(eq(conversations.id, input.conversationId), eq(conversations.userId, input.userId)));
        return reply!;
      });
    },

    /** list pages the caller's conversations, most recently active first. */
    async list(userId: string, pageSize: number, token: string): Promise<{ rows: ConversationRow[]; nextPageToken: string }> {
      const after = token ? pageToken.decode(token) : undefined;
      const rows = await db
        .select({ row: conversations, key: sql<string>`${conversations.updatedAt}::text` })
        .from(conversations)
        .where(
          and(
            eq(conversations.userId, userId),
            after ? sql`(${conversations.updatedAt}, ${conversations.id}) < (${after.key}::timestamptz, ${after.id}::uuid)` : undefined,
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

    /** get returns one of the caller's conversations with its messages, oldest first; another user's is not found. */
    async get(userId: string, id: string): Promise<{ conversation: ConversationRow; messages: MessageRow[] }> {
      const [conversation] = await db.select().from(conversations).where(and(eq(conversations.id, id), eq(conversations.userId, userId)));
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
