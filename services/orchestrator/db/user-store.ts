import { randomUUIDv7 } from "bun";
import { create } from "@bufbuild/protobuf";
import { and, eq, gt, isNull } from "drizzle-orm";
import { enqueueEvents } from "../../platform/bus/outbox";
import { newEventMeta, topics } from "../../platform/bus/event-codec";
import type { Db } from "../../platform/db/database";
import { AlreadyExistsError, NotFoundError } from "../../platform/errors";
import { currentScope } from "../../platform/request-context";
import { UserRegisteredSchema } from "../../../gen/todo/events/v1/audit_events_pb";
import { outbox, refreshTokens, users } from "./schema";

export type UserRow = typeof users.$inferSelect;

/** UserStore keeps accounts and refresh tokens. */
export function createUserStore(db: Db) {
  // Profile time zones change rarely and CreateTask needs one each time: remember them a minute.
  const zones = new Map<string, { zone: string; until: number }>();
  const remember = (row: UserRow) => {
    if (zones.size >= 10_000) zones.clear();
    zones.set(row.id, { zone: row.timeZone, until: Date.now() + 60_000 });
    return row;
  };
  return {
    async timeZoneOf(id: string): Promise<string> {
      const known = zones.get(id);
      if (known && known.until > Date.now()) return known.zone;
      const [row] = await db.select().from(users).where(eq(users.id, id));
      if (!row) throw new NotFoundError("account not found");
      return remember(row).timeZone;
    },
    async create(input: { email: string; passwordHash: string; displayName: string; timeZone: string; locale: string }): Promise<UserRow> {
      return db.transaction(async (tx) => {
        const id = randomUUIDv7();
        const [row] = await tx.insert(users).values({ id, ...input }).onConflictDoNothing({ target: users.email }).returning();
        if (!row) throw new AlreadyExistsError("an account with this email exists");
        await enqueueEvents(tx, outbox, "/taskmesh/orchestrator", [
          {
            topic: topics.auditEvents,
            key: id,
            event: create(UserRegisteredSchema, {
              meta: newEventMeta({ userId: id, correlationId: currentScope()?.correlationId ?? id }),
              email: row.email,
            }),
          },
        ]);
        return row;
      });
    },
    async byEmail(email: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.email, email));
      return row;
    },
    async byId(id: string): Promise<UserRow> {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      if (!row) throw new NotFoundError("account not found");
      return row;
    },
    async update(id: string, changes: Partial<Pick<UserRow, "displayName" | "timeZone" | "locale">>): Promise<UserRow> {
      const [row] = await db.update(users).set({ ...changes, updatedAt: new Date() }).where(eq(users.id, id)).returning();
      if (!row) throw new NotFoundError("account not found");
      return remember(row);
    },
    async saveRefreshToken(userId: string, tokenHash: string, expiresAt: Date): Promise<void> {
      await db.insert(refreshTokens).values({ id: randomUUIDv7(), userId, tokenHash, expiresAt });
    },
    /** spendRefreshToken revokes a live token and returns its user, or undefined when it is unknown, spent or expired. */
    async spendRefreshToken(tokenHash: string): Promise<string | undefined> {
      const [row] = await db
        .update(refreshTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(refreshTokens.tokenHash, tokenHash), isNull(refreshTokens.revokedAt), gt(refreshTokens.expiresAt, new Date())))
        .returning({ userId: refreshTokens.userId });
      return row?.userId;
    },
  };
}
export type UserStore = ReturnType<typeof createUserStore>;
