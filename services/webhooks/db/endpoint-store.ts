import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/database";
import { endpoints } from "./schema";

/** EndpointRow is one endpoint as stored (the secret included: only the sender and CreateWebhookEndpoint see it). */
export type EndpointRow = typeof endpoints.$inferSelect;

/** insertEndpoint adds an endpoint unless the user already has `max`; false when the cap is reached. */
export async function insertEndpoint(db: Db, row: typeof endpoints.$inferInsert, max: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    // One user's creations are serialized so two concurrent calls cannot both pass the cap.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`webhooks:${row.userId}`}, 0))`);
    const [existing] = await tx.select({ n: count() }).from(endpoints).where(eq(endpoints.userId, row.userId));
    if ((existing?.n ?? 0) >= max) return false;
    await tx.insert(endpoints).values(row);
    return true;
  });
}

/** listEndpoints lists a user's endpoints, oldest first. */
export const listEndpoints = (db: Db, userId: string): Promise<EndpointRow[]> =>
  db.select().from(endpoints).where(eq(endpoints.userId, userId)).orderBy(asc(endpoints.createdAt), asc(endpoints.id));

/** findEndpoint is the user's endpoint by id, or undefined (another user's too). */
export async function findEndpoint(db: Db, userId: string, id: string): Promise<EndpointRow | undefined> {
  const [row] = await db
    .select()
    .from(endpoints)
    .where(and(eq(endpoints.userId, userId), eq(endpoints.id, id)));
  return row;
}

/** deleteEndpoint removes the user's endpoint (its deliveries go with it); false when there was none. */
export async function deleteEndpoint(db: Db, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(endpoints)
    .where(and(eq(endpoints.userId, userId), eq(endpoints.id, id)))
    .returning({ id: endpoints.id });
  return rows.length > 0;
}
