import { randomUUIDv7 } from "bun";
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { OutboxRelay } from "../../platform/bus/outbox";
import type { Db } from "../../platform/db/database";
import { InvalidArgumentError, NotFoundError } from "../../platform/errors";
import { savedFilterChangeEvents } from "../events/filter-events";
import { correlationId, organiseWriter } from "./organise-writes";
import type { SavedFilterRow } from "./saved-filter-row";
import { savedFilters } from "./schema";

/** SAVED_FILTERS_PER_USER bounds one user's saved filters. */
export const SAVED_FILTERS_PER_USER = 100;

const uniqueViolation = (error: unknown): boolean => {
  for (let cause = error, depth = 0; cause && typeof cause === "object" && depth < 5; depth++) {
    if ((cause as { code?: unknown }).code === "23505") return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
};

const nameTaken = () =>
  new InvalidArgumentError([{ field: "name", description: "you already have a filter with this name" }]);

/**
 * SavedFilterStore keeps each user's named filter queries; every query is scoped by the owner. Each change writes
 * its events (SavedFilterCreated/Updated/Deleted and the live snapshot) to the outbox in the same transaction.
 */
export function createSavedFilterStore(db: Db, relay: Pick<OutboxRelay, "wake">) {
  const write = organiseWriter(db, relay);
  const owned = (userId: string, id: string) => and(eq(savedFilters.userId, userId), eq(savedFilters.id, id));
  const notFound = () => new NotFoundError("saved filter not found");
  return {
    async create(userId: string, name: string, query: string): Promise<SavedFilterRow> {
      try {
        return await write(async (tx, events, now) => {
          // Serialise one user's creations so the count below cannot be raced past the bound.
          await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`saved-filters:${userId}`}))`);
          const [{ n } = { n: 0 }] = await tx
            .select({ n: count() })
            .from(savedFilters)
            .where(eq(savedFilters.userId, userId));
          if (n >= SAVED_FILTERS_PER_USER) {
            throw new InvalidArgumentError([
              { field: "name", description: `you have ${SAVED_FILTERS_PER_USER} saved filters, the most there can be` },
            ]);
          }
          const [row] = await tx
            .insert(savedFilters)
            .values({ id: randomUUIDv7(), userId, name, query, createdAt: now, updatedAt: now })
            .returning();
          events.push(...savedFilterChangeEvents("created", row!, { correlationId: correlationId() }));
          return row!;
        });
      } catch (error) {
        if (uniqueViolation(error)) throw nameTaken();
        throw error;
      }
    },
    async get(userId: string, id: string): Promise<SavedFilterRow> {
      const [row] = await db.select().from(savedFilters).where(owned(userId, id));
      if (!row) throw notFound();
      return row;
    },
    async list(userId: string): Promise<SavedFilterRow[]> {
      return db
        .select()
        .from(savedFilters)
        .where(eq(savedFilters.userId, userId))
        .orderBy(asc(sql`lower(${savedFilters.name})`), asc(savedFilters.id))
        .limit(SAVED_FILTERS_PER_USER);
    },
    async update(userId: string, id: string, change: { name?: string; query?: string }): Promise<SavedFilterRow> {
      try {
        return await write(async (tx, events, now) => {
          const [row] = await tx
            .update(savedFilters)
            .set({ ...change, updatedAt: now })
            .where(owned(userId, id))
            .returning();
          if (!row) throw notFound();
          const changedFields = Object.keys(change).sort();
          events.push(...savedFilterChangeEvents("updated", row, { correlationId: correlationId(), changedFields }));
          return row;
        });
      } catch (error) {
        if (uniqueViolation(error)) throw nameTaken();
        throw error;
      }
    },
    delete: (userId: string, id: string): Promise<void> =>
      write(async (tx, events) => {
        const [row] = await tx.delete(savedFilters).where(owned(userId, id)).returning();
        if (!row) throw notFound();
        events.push(...savedFilterChangeEvents("deleted", row, { correlationId: correlationId() }));
      }),
  };
}

export type SavedFilterStore = ReturnType<typeof createSavedFilterStore>;
