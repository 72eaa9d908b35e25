import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { randomUUIDv7 } from "bun";
import { and, desc, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import {
  EmailVerificationRequestedSchema,
  SessionRevokedSchema,
  SignUpAttemptedSchema,
  UserRegisteredSchema,
} from "../../../gen/todo/events/v1/audit_events_pb";
import { actorNameFrom } from "../../platform/auth/actor-names";
import { newEventMeta, topics } from "../../platform/bus/event-codec";
import { enqueueEvents, type OutgoingEvent } from "../../platform/bus/outbox";
import type { Db } from "../../platform/db/database";
import { NotFoundError } from "../../platform/errors";
import { currentScope } from "../../platform/request-context";
import { emailVerifications, outbox, refreshTokens, sessions, users } from "./schema";

const uniqueViolation = (error: unknown): boolean => {
  for (
    let cause = error, depth = 0;
    cause && typeof cause === "object" && depth < 5;
    cause = (cause as { cause?: unknown }).cause, depth++
  ) {
    if ((cause as { code?: unknown }).code === "23505") return true;
  }
  return false;
};

/** One verification link per address per day at most; a link works for a week. */
const verificationMailIntervalMs = 24 * 3600_000;
const verificationTtlMs = 7 * 24 * 3600_000;
/** Login tries the password against this many accounts naming the address at most. */
const loginCandidates = 5;

export type UserRow = typeof users.$inferSelect;

/** SpentRefreshToken is what presenting a refresh token found. */
export type SpentRefreshToken =
  | { kind: "spent"; userId: string; sessionId: string }
  | { kind: "reused"; userId: string; sessionId: string }
  | { kind: "invalid" };

/** UserStore keeps accounts and refresh tokens. */
export function createUserStore(db: Db) {
  // Profile time zones and names change rarely and CreateTask needs the zone, every change's events the name:
  // remember them a minute (this replica's own profile updates refresh them at once).
  const zones = new Map<string, { zone: string; name: string; until: number }>();
  const remember = (row: UserRow) => {
    if (zones.size >= 10_000) zones.clear();
    zones.set(row.id, { zone: row.timeZone, name: actorNameFrom(row), until: Date.now() + 60_000 });
    return row;
  };
  const liveRow = async (id: string) => {
    const [row] = await db
      .select()
      .from(users)
      .where(and(eq(users.id, id), isNull(users.deletedAt)));
    return row ? remember(row) : undefined;
  };
  return {
    async timeZoneOf(id: string): Promise<string> {
      const known = zones.get(id);
      if (known && known.until > Date.now()) return known.zone;
      const row = await liveRow(id);
      if (!row) throw new NotFoundError("account not found");
      return row.timeZone;
    },
    /** actorNameOf is how events name this person when they act (actorNameFrom); undefined: no live account. */
    async actorNameOf(id: string): Promise<string | undefined> {
      const known = zones.get(id);
      if (known && known.until > Date.now()) return known.name;
      const row = await liveRow(id);
      return row ? actorNameFrom(row) : undefined;
    },
    /** forget drops what this replica remembers of an account (it was deleted). */
    forget(id: string): void {
      zones.delete(id);
    },
    /**
     * create makes an account whose address is unverified, whether or not another account names it: the
     * answer must not tell. When a verified account owns the address its owner is told (SignUpAttempted);
     * otherwise the address is mailed one verification link (EmailVerificationRequested) — at most one a
     * day per address, so registrations cannot turn the server into a mailer.
     */
    async create(input: {
      email: string;
      passwordHash: string;
      displayName: string;
      timeZone: string;
      locale: string;
    }): Promise<UserRow> {
      return db.transaction(async (tx) => {
        const id = randomUUIDv7();
        const correlationId = currentScope()?.correlationId ?? id;
        const [row] = await tx
          .insert(users)
          .values({ id, ...input })
          .returning();
        if (!row) throw new Error("insert returned no row");
        const [owner] = await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.email, input.email), isNotNull(users.emailVerifiedAt)));
        const [recent] = owner
          ? []
          : await tx
              .select({ id: emailVerifications.id })
              .from(emailVerifications)
              .where(
                and(
                  eq(emailVerifications.email, input.email),
                  gt(emailVerifications.createdAt, new Date(Date.now() - verificationMailIntervalMs)),
                ),
              )
              .limit(1);
        const events: OutgoingEvent[] = [
          {
            topic: topics.auditEvents,
            key: id,
            event: create(UserRegisteredSchema, {
              meta: newEventMeta({ userId: id, correlationId }),
              email: row.email,
            }),
          },
        ];
        if (owner) {
          events.push({
            topic: topics.auditEvents,
            key: owner.id,
            event: create(SignUpAttemptedSchema, {
              meta: newEventMeta({ userId: owner.id, correlationId }),
              email: input.email,
            }),
          });
        } else if (!recent) {
          const verificationId = randomUUIDv7();
          await tx.insert(emailVerifications).values({
            id: verificationId,
            userId: id,
            email: input.email,
            expiresAt: new Date(Date.now() + verificationTtlMs),
          });
          events.push({
            topic: topics.auditEvents,
            key: id,
            event: create(EmailVerificationRequestedSchema, {
              meta: newEventMeta({ userId: id, correlationId }),
              verificationId,
              email: input.email,
            }),
          });
        }
        await enqueueEvents(tx, outbox, "/taskmesh/orchestrator", events);
        return row;
      });
    },
    /** accountsByEmail lists the accounts naming an address (the verified one first, a few at most) for Login. */
    async accountsByEmail(email: string): Promise<UserRow[]> {
      return db
        .select()
        .from(users)
        .where(eq(users.email, email))
        .orderBy(sql`${users.emailVerifiedAt} is null`, desc(users.createdAt))
        .limit(loginCandidates);
    },
    /**
     * verifyEmail marks the account of a live verification verified, if its address is still the one
     * mailed and no other account verified it first. Answers whether the address is now verified.
     */
    async verifyEmail(verificationId: string): Promise<boolean> {
      const attempt = db.transaction(async (tx) => {
        const now = new Date();
        const [verification] = await tx
          .update(emailVerifications)
          .set({ usedAt: now })
          .where(
            and(
              eq(emailVerifications.id, verificationId),
              isNull(emailVerifications.usedAt),
              gt(emailVerifications.expiresAt, now),
            ),
          )
          .returning();
        if (!verification) return false;
        const [taken] = await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.email, verification.email), isNotNull(users.emailVerifiedAt)));
        if (taken) return taken.id === verification.userId;
        const [row] = await tx
          .update(users)
          .set({ emailVerifiedAt: now, updatedAt: now })
          .where(and(eq(users.id, verification.userId), eq(users.email, verification.email)))
          .returning({ id: users.id });
        return row !== undefined;
      });
      // Two accounts verifying one address at the same moment: the unique index lets one win.
      return attempt.catch((error: unknown) => {
        if (uniqueViolation(error)) return false;
        throw error;
      });
    },
    /** byId finds a live account; a deleted one is NotFound. */
    async byId(id: string): Promise<UserRow> {
      const [row] = await db
        .select()
        .from(users)
        .where(and(eq(users.id, id), isNull(users.deletedAt)));
      if (!row) throw new NotFoundError("account not found");
      return row;
    },
    async update(id: string, changes: Partial<Pick<UserRow, "displayName" | "timeZone" | "locale">>): Promise<UserRow> {
      const [row] = await db
        .update(users)
        .set({ ...changes, updatedAt: new Date() })
        .where(and(eq(users.id, id), isNull(users.deletedAt)))
        .returning();
      if (!row) throw new NotFoundError("account not found");
      return remember(row);
    },
    /** startSession opens a session (one sign-in): its id goes into every access token as `sid`. */
    async startSession(userId: string): Promise<string> {
      const id = randomUUIDv7();
      await db.insert(sessions).values({ id, userId });
      return id;
    },
    async saveRefreshToken(userId: string, sessionId: string, tokenHash: string, expiresAt: Date): Promise<void> {
      await db.insert(refreshTokens).values({ id: randomUUIDv7(), userId, sessionId, tokenHash, expiresAt });
    },
    /**
     * spendRefreshToken revokes a live token and returns its session. A token already spent (or revoked)
     * answers `reused` with its session, which the caller revokes whole; an unknown or expired one, `invalid`.
     */
    async spendRefreshToken(tokenHash: string): Promise<SpentRefreshToken> {
      const now = new Date();
      const [row] = await db
        .update(refreshTokens)
        .set({ revokedAt: now })
        .where(
          and(
            eq(refreshTokens.tokenHash, tokenHash),
            isNull(refreshTokens.revokedAt),
            gt(refreshTokens.expiresAt, now),
          ),
        )
        .returning({ userId: refreshTokens.userId, sessionId: refreshTokens.sessionId });
      if (row?.sessionId) return { kind: "spent", userId: row.userId, sessionId: row.sessionId };
      const [known] = await db
        .select({
          userId: refreshTokens.userId,
          sessionId: refreshTokens.sessionId,
          revokedAt: refreshTokens.revokedAt,
        })
        .from(refreshTokens)
        .where(eq(refreshTokens.tokenHash, tokenHash));
      if (known?.sessionId && known.revokedAt)
        return { kind: "reused", userId: known.userId, sessionId: known.sessionId };
      return { kind: "invalid" };
    },
    /** sessionOf finds the session a refresh token (live or spent) belongs to. */
    async sessionOf(tokenHash: string): Promise<{ userId: string; sessionId: string } | undefined> {
      const [row] = await db
        .select({ userId: refreshTokens.userId, sessionId: refreshTokens.sessionId })
        .from(refreshTokens)
        .where(eq(refreshTokens.tokenHash, tokenHash));
      return row?.sessionId ? { userId: row.userId, sessionId: row.sessionId } : undefined;
    },
    /**
     * revokeSession ends a session: its refresh tokens are revoked and SessionRevoked is published (in the
     * same transaction) so every replica refuses its access tokens. Answers whether it was still live.
     */
    async revokeSession(
      userId: string,
      sessionId: string,
      reason: "logout" | "refresh_token_reuse",
      accessTokensExpireBy: Date,
    ): Promise<boolean> {
      return db.transaction(async (tx) => {
        const now = new Date();
        const [session] = await tx
          .update(sessions)
          .set({ revokedAt: now, revokedReason: reason })
          .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
          .returning({ id: sessions.id });
        await tx
          .update(refreshTokens)
          .set({ revokedAt: now })
          .where(and(eq(refreshTokens.sessionId, sessionId), isNull(refreshTokens.revokedAt)));
        if (!session) return false;
        await enqueueEvents(tx, outbox, "/taskmesh/orchestrator", [
          {
            topic: topics.auditEvents,
            key: userId,
            event: create(SessionRevokedSchema, {
              meta: newEventMeta({ userId, correlationId: currentScope()?.correlationId ?? sessionId }),
              sessionId,
              reason,
              accessTokensExpireBy: timestampFromDate(accessTokensExpireBy),
            }),
          },
        ]);
        return true;
      });
    },
    /** revokedSince lists sessions revoked after `since` (a starting replica reloads those its tokens may still name). */
    async revokedSince(since: Date): Promise<{ id: string; revokedAt: Date }[]> {
      const rows = await db
        .select({ id: sessions.id, revokedAt: sessions.revokedAt })
        .from(sessions)
        .where(gt(sessions.revokedAt, since));
      return rows.flatMap((r) => (r.revokedAt ? [{ id: r.id, revokedAt: r.revokedAt }] : []));
    },
  };
}
export type UserStore = ReturnType<typeof createUserStore>;
