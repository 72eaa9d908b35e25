import { and, asc, eq, inArray, isNull, lt, lte, or } from "drizzle-orm";
import type { Db, Executor } from "../../platform/db/database";
import { digests } from "./schema";

/** DigestRow is one user's digest schedule. */
export type DigestRow = typeof digests.$inferSelect;

/**
 * armDigest turns the user's digest on at `nextRunAt` in `timeZone`, keeping the last day sent (so changing the
 * time on a day already sent does not send it twice); disarmDigest turns it off.
 */
export async function armDigest(
  db: Executor,
  userId: string,
  schedule: { nextRunAt: Date; timeZone: string },
): Promise<void> {
  const values = { ...schedule, attempts: 0, leaseId: null, leaseUntil: null, lastError: null, updatedAt: new Date() };
  await db
    .insert(digests)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: digests.userId, set: values });
}

/** disarmDigest stops the user's digest. */
export async function disarmDigest(db: Executor, userId: string): Promise<void> {
  await db.delete(digests).where(eq(digests.userId, userId));
}

/** readDigest reads the user's digest row (none: off). */
export async function readDigest(db: Executor, userId: string): Promise<DigestRow | undefined> {
  const [row] = await db.select().from(digests).where(eq(digests.userId, userId));
  return row;
}

/**
 * claimDigests leases up to `limit` digests due by `now` (and any whose lease expired) to one claimer; SKIP
 * LOCKED keeps replicas from taking the same row, and the lease keeps a crashed claimer's rows from being lost.
 */
export async function claimDigests(
  db: Db,
  options: { now: Date; leaseMs: number; limit: number; leaseId: string },
): Promise<DigestRow[]> {
  const due = db
    .select({ userId: digests.userId })
    .from(digests)
    .where(
      and(lte(digests.nextRunAt, options.now), or(isNull(digests.leaseUntil), lt(digests.leaseUntil, options.now))),
    )
    .orderBy(asc(digests.nextRunAt))
    .limit(options.limit)
    .for("update", { skipLocked: true });
  return db
    .update(digests)
    .set({ leaseId: options.leaseId, leaseUntil: new Date(options.now.getTime() + options.leaseMs) })
    .where(inArray(digests.userId, due))
    .returning();
}

/**
 * settleDigest records what became of a claimed digest — sent (the day, the next run), retried, or put off — if the
 * claim still holds (the digest was not turned off or re-armed meanwhile). It answers whether it did.
 */
export async function settleDigest(
  db: Executor,
  claim: { userId: string; leaseId: string },
  values: Partial<Pick<DigestRow, "nextRunAt" | "timeZone" | "lastSentDate" | "attempts" | "lastError">>,
): Promise<boolean> {
  const settled = await db
    .update(digests)
    .set({ ...values, leaseId: null, leaseUntil: null, updatedAt: new Date() })
    .where(and(eq(digests.userId, claim.userId), eq(digests.leaseId, claim.leaseId)))
    .returning({ userId: digests.userId });
  return settled.length > 0;
}
