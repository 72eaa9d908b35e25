import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { randomUUIDv7 } from "bun";
import { and, eq, getTableName, gt, isNotNull, isNull, or, type SQL, sql } from "drizzle-orm";
import { getTableConfig, type PgColumn, PgTable } from "drizzle-orm/pg-core";
import {
  AccountDeletedSchema,
  EmailVerificationRequestedSchema,
  PasswordChangedSchema,
  PasswordResetRequestedSchema,
  SessionRevokedSchema,
} from "../../../gen/todo/events/v1/audit_events_pb";
import { newEventMeta, topics } from "../../platform/bus/event-codec";
import { enqueueEvents, type OutgoingEvent } from "../../platform/bus/outbox";
import type { Db, Tx } from "../../platform/db/database";
import { currentScope } from "../../platform/request-context";
import * as schema from "./schema";
import { emailVerifications, outbox, passwordResets, refreshTokens, sessions, users } from "./schema";
import { leaveOnDeletion } from "./share-store";

const source = "/taskmesh/orchestrator";

/** A password reset link works for 30 minutes: long enough to switch to the mailbox, short for a leaked mail. */
const passwordResetTtlMs = 30 * 60_000;
/** A resent verification link lives as long as the first one. */
const verificationTtlMs = 7 * 24 * 3600_000;

/** Why every session of an account ended at once (SessionRevoked.reason). */
type RevokeAllReason = "password_change" | "password_reset" | "account_deleted";

const correlation = (fallback: string) => currentScope()?.correlationId ?? fallback;

/**
 * revokeAll ends every live session of a user in the caller's transaction: its refresh tokens are revoked
 * and one SessionRevoked per session is queued, so every replica refuses the session's access tokens.
 */
async function revokeAll(
  tx: Tx,
  userId: string,
  reason: RevokeAllReason,
  accessTokensExpireBy: Date,
): Promise<{ sessionIds: string[]; events: OutgoingEvent[] }> {
  const now = new Date();
  const revoked = await tx
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  await tx
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
  const events = revoked.map(({ id }) => ({
    topic: topics.auditEvents,
    key: userId,
    event: create(SessionRevokedSchema, {
      meta: newEventMeta({ userId, correlationId: correlation(id) }),
      sessionId: id,
      reason,
      accessTokensExpireBy: timestampFromDate(accessTokensExpireBy),
    }),
  }));
  return { sessionIds: revoked.map(({ id }) => id), events };
}

/** The tables an account's own rows are erased from: every orchestrator table with a user_id but these. */
const keptOnDeletion = new Set(["users", "sessions"]);

interface OwnedTable {
  table: PgTable;
  userId: PgColumn;
  id: PgColumn | undefined;
}

/**
 * ownedTables finds every table of the schema with a `user_id` column, children before the tables they
 * reference, so a table added later is erased with no change here (tested by the deletion test).
 */
function ownedTables(): OwnedTable[] {
  const found = (Object.values(schema) as unknown[]).filter(
    (value): value is PgTable => value instanceof PgTable && !keptOnDeletion.has(getTableName(value)),
  );
  const owned = found.flatMap((table) => {
    const { columns } = getTableConfig(table);
    const userId = columns.find((c) => c.name === "user_id");
    return userId ? [{ table, userId, id: columns.find((c) => c.name === "id") }] : [];
  });
  // Children first: a table goes once no table still waiting references it.
  const references = (a: PgTable, b: PgTable) =>
    a !== b && getTableConfig(a).foreignKeys.some((fk) => fk.reference().foreignTable === b);
  const ordered: OwnedTable[] = [];
  const waiting = [...owned];
  while (waiting.length > 0) {
    const next = waiting.findIndex((t) => !waiting.some((other) => references(other.table, t.table)));
    if (next === -1) throw new Error("the owned tables reference each other in a cycle");
    ordered.push(...waiting.splice(next, 1));
  }
  return ordered;
}

/** createAccountStore keeps what changes an account as a whole: its password, reset links, verification mail, deletion. */
export function createAccountStore(db: Db) {
  const owned = ownedTables();
  return {
    /**
     * setPassword stores a new password hash and revokes every session (PasswordChanged tells the owner).
     * Unused reset links die with the old password. Answers the revoked session ids.
     */
    async setPassword(userId: string, passwordHash: string, accessTokensExpireBy: Date): Promise<string[]> {
      return db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ passwordHash, updatedAt: new Date() })
          .where(and(eq(users.id, userId), isNull(users.deletedAt)));
        return finishPasswordChange(tx, userId, "change", accessTokensExpireBy);
      });
    },
    /**
     * requestPasswordReset makes a reset link for the verified, live account owning `email`, if there is one,
     * and asks for it to be mailed (PasswordResetRequested). Nothing happens for any other address.
     */
    async requestPasswordReset(email: string): Promise<void> {
      await db.transaction(async (tx) => {
        const [owner] = await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.email, email), isNotNull(users.emailVerifiedAt), isNull(users.deletedAt)));
        if (!owner) return;
        const resetId = randomUUIDv7();
        await tx
          .insert(passwordResets)
          .values({ id: resetId, userId: owner.id, expiresAt: new Date(Date.now() + passwordResetTtlMs) });
        await enqueueEvents(tx, outbox, source, [
          {
            topic: topics.auditEvents,
            key: owner.id,
            event: create(PasswordResetRequestedSchema, {
              meta: newEventMeta({ userId: owner.id, correlationId: correlation(resetId) }),
              resetId,
              email,
            }),
          },
        ]);
      });
    },
    /**
     * resetPassword spends a live reset link (once: the row is marked used in the same statement that checks
     * it) and sets the password. Answers the revoked session ids, or undefined for a dead link.
     */
    async resetPassword(
      resetId: string,
      passwordHash: string,
      accessTokensExpireBy: Date,
    ): Promise<string[] | undefined> {
      return db.transaction(async (tx) => {
        const now = new Date();
        const [reset] = await tx
          .update(passwordResets)
          .set({ usedAt: now })
          .where(and(eq(passwordResets.id, resetId), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
          .returning({ userId: passwordResets.userId });
        if (!reset) return undefined;
        const [changed] = await tx
          .update(users)
          .set({ passwordHash, updatedAt: now })
          .where(and(eq(users.id, reset.userId), isNull(users.deletedAt)))
          .returning({ id: users.id });
        if (!changed) return undefined;
        return finishPasswordChange(tx, reset.userId, "reset", accessTokensExpireBy);
      });
    },
    /**
     * requestVerification mails the account's address a new verification link. Answers "verified" when it
     * needs none; an address another account verified gets nothing ("sent" all the same: the answer must not tell).
     */
    async requestVerification(userId: string): Promise<"sent" | "verified"> {
      return db.transaction(async (tx) => {
        const [user] = await tx
          .select({ email: users.email, verifiedAt: users.emailVerifiedAt })
          .from(users)
          .where(and(eq(users.id, userId), isNull(users.deletedAt)));
        if (!user) return "sent";
        if (user.verifiedAt) return "verified";
        const [owner] = await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.email, user.email), isNotNull(users.emailVerifiedAt)));
        if (owner) return "sent";
        const verificationId = randomUUIDv7();
        await tx.insert(emailVerifications).values({
          id: verificationId,
          userId,
          email: user.email,
          expiresAt: new Date(Date.now() + verificationTtlMs),
        });
        await enqueueEvents(tx, outbox, source, [
          {
            topic: topics.auditEvents,
            key: userId,
            event: create(EmailVerificationRequestedSchema, {
              meta: newEventMeta({ userId, correlationId: correlation(verificationId) }),
              verificationId,
              email: user.email,
            }),
          },
        ]);
        return "sent";
      });
    },
    /**
     * deleteAccount erases the account in one transaction: it leaves every shared project and its projects' members
     * are removed (leaveOnDeletion, with their share events); every row of it in every owned table, the
     * outbox rows about those rows (published ones keep titles for an hour), its reset links and refresh
     * tokens; the user row is kept without personal data (its id, so revoked sessions stay revoked across
     * restarts) and every session is revoked. AccountDeleted then tells the other services.
     * Answers the revoked session ids.
     */
    async deleteAccount(userId: string, accessTokensExpireBy: Date): Promise<string[]> {
      return db.transaction(async (tx) => {
        const keys: SQL[] = [eq(outbox.key, userId)];
        for (const { table, userId: column, id } of owned) {
          if (id) keys.push(sql`${outbox.key} in (select ${id}::text from ${table} where ${column} = ${userId})`);
        }
        await tx.delete(outbox).where(or(...keys));
        const now = new Date();
        // Out of sharing first, while its address and projects are still there to find (events queued below).
        const shareEvents = await leaveOnDeletion(tx, userId, now);
        for (const { table, userId: column } of owned) await tx.delete(table).where(eq(column, userId));
        await tx
          .update(users)
          .set({
            email: "",
            displayName: "",
            passwordHash: "",
            emailVerifiedAt: null,
            timeZone: "UTC",
            locale: "en",
            deletedAt: now,
            updatedAt: now,
          })
          .where(eq(users.id, userId));
        const { sessionIds, events } = await revokeAll(tx, userId, "account_deleted", accessTokensExpireBy);
        events.push(...shareEvents, {
          topic: topics.auditEvents,
          key: userId,
          event: create(AccountDeletedSchema, { meta: newEventMeta({ userId, correlationId: correlation(userId) }) }),
        });
        await enqueueEvents(tx, outbox, source, events);
        return sessionIds;
      });
    },
  };
}

/** finishPasswordChange spends the account's other reset links, revokes its sessions and queues PasswordChanged. */
async function finishPasswordChange(
  tx: Tx,
  userId: string,
  how: "change" | "reset",
  accessTokensExpireBy: Date,
): Promise<string[]> {
  await tx
    .update(passwordResets)
    .set({ usedAt: new Date() })
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
  const { sessionIds, events } = await revokeAll(
    tx,
    userId,
    how === "change" ? "password_change" : "password_reset",
    accessTokensExpireBy,
  );
  const [owner] = await tx
    .select({ email: users.email, verifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, userId));
  events.push({
    topic: topics.auditEvents,
    key: userId,
    event: create(PasswordChangedSchema, {
      meta: newEventMeta({ userId, correlationId: correlation(userId) }),
      how,
      email: owner?.verifiedAt ? owner.email : "",
    }),
  });
  await enqueueEvents(tx, outbox, source, events);
  return sessionIds;
}

export type AccountStore = ReturnType<typeof createAccountStore>;
