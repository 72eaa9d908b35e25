import { createHash } from "node:crypto";
import { timestampMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import { SessionRevokedSchema } from "../../../gen/todo/events/v1/audit_events_pb";
import { PersonalAccessTokenRevokedSchema } from "../../../gen/todo/events/v1/token_events_pb";
import type { IntrospectPersonalAccessTokenResponse } from "../../../gen/todo/v1/token_service_pb";
import { personalTokenPrefix, type ScopeName, scopeName } from "../../../vocabulary/token-scopes";
import { type EventBus, subscribeEveryReplica } from "../bus/event-bus";
import { topics } from "../bus/event-codec";
import { onMessage } from "../bus/typed-events";
import { toConnectError, UnauthenticatedError } from "../errors";
import type { RevocationList } from "./revocations";

/** PersonalTokenGrant is what a valid personal access token stands for. */
interface PersonalTokenGrant {
  userId: string;
  tokenId: string;
  tokenName: string;
  scopes: ReadonlySet<ScopeName>;
  expiresAtMs: number;
}

/** PersonalTokenVerifier checks a presented personal access token (`tm_pat_…`) and returns its grant. */
export type PersonalTokenVerifier = (secret: string) => Promise<PersonalTokenGrant>;

/** Introspect looks a token up by its secret's SHA-256 (hex) where the tokens live; NotFound: no live token. */
export type Introspect = (secretSha256: string) => Promise<IntrospectPersonalAccessTokenResponse>;

/** PersonalTokens is one replica's personal access token verifier (ServiceDeps.personalTokens). */
export interface PersonalTokens {
  verify: PersonalTokenVerifier;
  /** forgetUser drops a deleted account's cached tokens at once. */
  forgetUser(userId: string): void;
  /** lookUpLocally replaces the RPC lookup where the tokens live (the orchestrator reads its own table). */
  lookUpLocally(introspect: Introspect): void;
}

/** isPersonalToken tells a personal access token from a JWT by its prefix. */
export const isPersonalToken = (bearer: string): boolean => bearer.startsWith(personalTokenPrefix);

/** A secret is the prefix and 43 base64url characters (256 bits); anything else is refused before a lookup. */
const secretShape = /^tm_pat_[A-Za-z0-9_-]{43}$/;

/**
 * secretHash is the stored form of a secret. SHA-256 without salt or stretching is right here (unlike for
 * passwords): the secret is 256 random bits, so there is nothing to guess and no dictionary to precompute,
 * and an unsalted digest lets a presented token be found by an index lookup.
 */
export const secretHash = (secret: string): string => createHash("sha256").update(secret).digest("hex");

/** How long a replica trusts a looked-up token before asking again (its revocation arrives sooner as an event). */
const cacheMs = 30_000;
const cacheEntries = 10_000;

/**
 * createPersonalTokenVerifier verifies personal access tokens for one replica: a lookup by hash where the
 * tokens live (the orchestrator's IntrospectPersonalAccessToken), remembered for 30 s. Every call also checks
 * this replica's revocation list, which `followTokenRevocations` feeds from PersonalAccessTokenRevoked on every
 * replica of every service (and the revoking replica itself at once), so a revoked token is refused within a
 * bus hop; a replica that missed the event asks again within 30 s, and the lookup answers NotFound.
 */
export function createPersonalTokenVerifier(remote: Introspect, revocations: RevocationList): PersonalTokens {
  let introspect = remote;
  const cache = new Map<string, PersonalTokenGrant & { checkedAt: number }>();
  const refused = (cause: unknown) => new UnauthenticatedError("invalid or expired access token", { cause });
  const verify: PersonalTokenVerifier = async (secret) => {
    if (!secretShape.test(secret)) throw refused(new Error("not a personal access token"));
    const hash = secretHash(secret);
    const now = Date.now();
    let grant = cache.get(hash);
    if (!grant || now - grant.checkedAt > cacheMs) {
      let found: IntrospectPersonalAccessTokenResponse;
      try {
        found = await introspect(hash);
      } catch (error) {
        if (toConnectError(error).code === Code.NotFound) {
          cache.delete(hash);
          throw refused(error);
        }
        // The lookup failed (the orchestrator is down or not configured): try again later, not "bad token".
        throw new ConnectError(
          "personal access tokens cannot be checked now",
          Code.Unavailable,
          undefined,
          undefined,
          error,
        );
      }
      const token = found.token;
      if (!token?.expiresAt) throw refused(new Error("introspection answered no token"));
      grant = {
        userId: found.userId,
        tokenId: token.id,
        tokenName: token.name,
        scopes: new Set(token.scopes.flatMap((s) => scopeName(s) ?? [])),
        expiresAtMs: timestampMs(token.expiresAt),
        checkedAt: now,
      };
      if (cache.size >= cacheEntries) cache.clear();
      cache.set(hash, grant);
    }
    if (grant.expiresAtMs <= now) throw refused(new Error("token expired"));
    if (revocations.isRevoked(grant.tokenId, now)) throw refused(new Error("token revoked"));
    return grant;
  };
  const forgetUser = (userId: string) => {
    for (const [hash, grant] of cache) if (grant.userId === userId) cache.delete(hash);
  };
  return {
    verify,
    forgetUser,
    lookUpLocally(local) {
      introspect = local;
    },
  };
}

/**
 * followTokenRevocations feeds every replica's revocation list from PersonalAccessTokenRevoked (until the
 * token would have expired) and drops a deleted account's cached tokens (SessionRevoked "account_deleted").
 */
export function followTokenRevocations(
  bus: EventBus,
  revocations: RevocationList,
  forgetUser: (userId: string) => void,
): Promise<void> {
  return subscribeEveryReplica(bus, "token-revocations", [topics.auditEvents], async (message) => {
    await onMessage(PersonalAccessTokenRevokedSchema, ({ event }) => {
      revocations.revoke(event.tokenId, event.expiresAt ? timestampMs(event.expiresAt) : Date.now() + 366 * 86_400_000);
    })(message);
    await onMessage(SessionRevokedSchema, ({ event, meta }) => {
      if (event.reason === "account_deleted") forgetUser(meta.userId);
    })(message);
  });
}
