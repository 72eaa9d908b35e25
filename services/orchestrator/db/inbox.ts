import { randomUUIDv7 } from "bun";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/database";
import { projects } from "./schema";

/** The Inbox's stored name; clients show it in the reader's language. */
const inboxName = "Inbox";

/** How many users' Inbox ids one process remembers (an Inbox never changes id: it cannot be deleted). */
const cachedInboxes = 100_000;

/**
 * inboxFinder returns a function giving a user's Inbox id, creating the Inbox the first time (users registered
 * after migration 0002 get theirs on their first task or first ListProjects). Concurrent first calls meet on
 * the unique (user_id) where is_inbox index, so there is never a second Inbox.
 */
export function inboxFinder(db: Db): (userId: string) => Promise<string> {
  const known = new Map<string, string>();
  return async (userId) => {
    const cached = known.get(userId);
    if (cached) return cached;
    const now = new Date();
    await db
      .insert(projects)
      .values({
        id: randomUUIDv7(),
        userId,
        name: inboxName,
        colour: "",
        rank: "a0",
        isInbox: true,
        createdAt: now,
        updatedAt: now,
        version: 1,
      })
      .onConflictDoNothing({ target: projects.userId, where: sql`${projects.isInbox}` });
    const [row] = await db
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.userId, userId), eq(projects.isInbox, true)));
    if (!row) throw new Error("inbox missing after insert");
    if (known.size >= cachedInboxes) known.clear();
    known.set(userId, row.id);
    return row.id;
  };
}
