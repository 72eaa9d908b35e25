import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { randomUUIDv7 } from "bun";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import {
  PersonalAccessTokenCreatedSchema,
  PersonalAccessTokenRevokedSchema,
} from "../../../gen/todo/events/v1/token_events_pb";
import type { ScopeName } from "../../../vocabulary/token-scopes";
import { tokensPerUser } from "../../../vocabulary/token-scopes";
import { type EventMessage, newEventMeta, topics } from "../../platform/bus/event-codec";
import type { OutboxRelay } from "../../platform/bus/outbox";
import { enqueueEvents } from "../../platform/bus/outbox";
import type { Db, Executor } from "../../platform/db/database";
import { NotFoundError, RateLimitedError } from "../../platform/errors";
import { currentScope } from "../../platform/request-context";
import { ownedBy } from "./access";
import { outbox, personalAccessTokens, users } from "./schema";

const source = "/taskmesh/orchestrator";
/** metaFor is an event's envelope, correlated with the request (outside one, with `fallback`). */
const metaFor = (userId: string, fallback: string) =>
  newEventMeta({ userId, correlationId: currentScope()?.correlationId ?? fallback });
/** enqueueAudit queues one event about a user's tokens on audit-events, in the caller's transaction. */
const enqueueAudit = (tx: Executor, userId: string, event: EventMessage) =>
  enqueueEvents(tx, outbox, source, [{ topic: topics.auditEvents, key: userId, event }]);

/** TokenRow is a personal access token as stored, without its hash. */
export interface TokenRow {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  scopes: ScopeName[];
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const columns = {
  id: personalAccessTokens.id,
  userId: personalAccessTokens.userId,
  name: personalAccessTokens.name,
  prefix: personalAccessTokens.prefix,
  scopes: personalAccessTokens.scopes,
  createdAt: personalAccessTokens.createdAt,
  expiresAt: personalAccessTokens.expiresAt,
  lastUsedAt: personalAccessTokens.lastUsedAt,
  revokedAt: personalAccessTokens.revokedAt,
};

const asRow = (row: Omit<TokenRow, "scopes"> & { scopes: string[] }): TokenRow => ({
  ...row,
  scopes: row.scopes as ScopeName[],
});

/** A use is written at most this often per token per replica lookup (lookups are cached 30 s anyway). */
const lastUseResolutionMs = 60_000;

/**
 * createTokenStore keeps personal access tokens: every owner-side query is scoped by ownedBy(caller); a lookup by
 * hash (introspection) finds at most one live token of a live account. Creation and revocation queue
 * PersonalAccessTokenCreated / Revoked in the same transaction (the audit log, and every replica's revocation list).
 */
export function createTokenStore(db: Db, relay: Pick<OutboxRelay, "wake">) {
  const live = (now: Date) => and(isNull(personalAccessTokens.revokedAt), gt(personalAccessTokens.expiresAt, now));
  return {
    /** create stores a new token (its hash only); ResourceExhausted past tokensPerUser live tokens. */
    async create(input: {
      userId: string;
      name: string;
      scopes: ScopeName[];
      expiresAt: Date;
      prefix: string;
      secretHash: string;
    }): Promise<TokenRow> {
      const now = new Date();
      const row = await db.transaction(async (tx) => {
        // The user's row is the lock: two concurrent creations cannot both pass the count.
        const [user] = await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.id, input.userId), isNull(users.deletedAt)))
          .for("update");
        if (!user) throw new NotFoundError("account not found");
        const [{ count } = { count: 0 }] = await tx
          .select({ count: sql<number>`count(*)::int` })
          .from(personalAccessTokens)
          .where(and(ownedBy(personalAccessTokens, input.userId), live(now)));
        if (count >= tokensPerUser)
          throw new RateLimitedError(`at most ${tokensPerUser} live tokens: revoke one first`);
        const [inserted] = await tx
          .insert(personalAccessTokens)
          .values({
            id: randomUUIDv7(),
            userId: input.userId,
            name: input.name,
            prefix: input.prefix,
            secretHash: input.secretHash,
            scopes: input.scopes,
            createdAt: now,
            expiresAt: input.expiresAt,
          })
          .returning(columns);
        const created = asRow(inserted!);
        await enqueueAudit(
          tx,
          input.userId,
          create(PersonalAccessTokenCreatedSchema, {
            meta: metaFor(input.userId, created.id),
            tokenId: created.id,
            name: created.name,
            scopes: created.scopes,
            expiresAt: timestampFromDate(created.expiresAt),
          }),
        );
        return created;
      });
      relay.wake();
      return row;
    },

    /** list answers the caller's live tokens, newest first (at most tokensPerUser exist). */
    async list(userId: string): Promise<TokenRow[]> {
      const rows = await db
        .select(columns)
        .from(personalAccessTokens)
        .where(and(ownedBy(personalAccessTokens, userId), live(new Date())))
        .orderBy(desc(personalAccessTokens.createdAt))
        .limit(tokensPerUser);
      return rows.map(asRow);
    },

    /**
     * revoke ends one of the caller's tokens and queues PersonalAccessTokenRevoked; revoking a revoked token
     * again changes nothing and answers it. Another user's token, or none, is NotFound.
     */
    async revoke(userId: string, tokenId: string): Promise<TokenRow> {
      const row = await db.transaction(async (tx) => {
        const [found] = await tx
          .select(columns)
          .from(personalAccessTokens)
          .where(and(ownedBy(personalAccessTokens, userId), eq(personalAccessTokens.id, tokenId)))
          .for("update");
        if (!found) throw new NotFoundError("token not found");
        if (found.revokedAt) return asRow(found);
        const revokedAt = new Date();
        await tx
          .update(personalAccessTokens)
          .set({ revokedAt })
          .where(and(ownedBy(personalAccessTokens, userId), eq(personalAccessTokens.id, tokenId)));
        await enqueueAudit(
          tx,
          userId,
          create(PersonalAccessTokenRevokedSchema, {
            meta: metaFor(userId, tokenId),
            tokenId,
            name: found.name,
            expiresAt: timestampFromDate(found.expiresAt),
          }),
        );
        return asRow({ ...found, revokedAt });
      });
      relay.wake();
      return row;
    },

    /**
     * findLive looks a presented token up by its hash: a live token of a live account, or undefined. It notes
     * the use (at most once a minute), so the owner can see which tokens are still in use.
     */
    async findLive(secretHash: string): Promise<TokenRow | undefined> {
      const now = new Date();
      const [row] = await db
        .select(columns)
        .from(personalAccessTokens)
        .innerJoin(users, eq(users.id, personalAccessTokens.userId))
        .where(and(eq(personalAccessTokens.secretHash, secretHash), live(now), isNull(users.deletedAt)));
      if (!row) return undefined;
      if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > lastUseResolutionMs) {
        await db.update(personalAccessTokens).set({ lastUsedAt: now }).where(eq(personalAccessTokens.id, row.id));
        row.lastUsedAt = now;
      }
      return asRow(row);
    },
  };
}

/** TokenStore is the orchestrator's personal access token table. */
export type TokenStore = ReturnType<typeof createTokenStore>;
