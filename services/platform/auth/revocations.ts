import { timestampMs } from "@bufbuild/protobuf/wkt";
import { SessionRevokedSchema } from "../../../gen/todo/events/v1/audit_events_pb";
import { type EventBus, subscribeEveryReplica } from "../bus/event-bus";
import { topics } from "../bus/event-codec";
import { onMessage } from "../bus/typed-events";

/**
 * RevocationList is this replica's set of revoked sessions, checked by the token verifier on every call.
 * An entry lives until the session's last access token has expired; after that the token itself fails.
 */
export interface RevocationList {
  revoke(sessionId: string, untilMs: number): void;
  isRevoked(sessionId: string, now?: number): boolean;
}

export function createRevocationList(): RevocationList {
  const revoked = new Map<string, number>();
  return {
    revoke(sessionId, untilMs) {
      if (revoked.size >= 100_000) for (const [id, until] of revoked) if (until <= Date.now()) revoked.delete(id);
      revoked.set(sessionId, Math.max(untilMs, revoked.get(sessionId) ?? 0));
    },
    isRevoked(sessionId, now = Date.now()) {
      const until = revoked.get(sessionId);
      if (until === undefined) return false;
      if (until > now) return true;
      revoked.delete(sessionId);
      return false;
    },
  };
}

/**
 * followRevocations feeds the list from every SessionRevoked on `audit-events`, on every replica of every
 * service (a live view: newest offsets, a group per replica). Delay: the orchestrator's outbox relay plus
 * one bus hop, normally well under a second. A replica that starts after a revocation never hears it;
 * the orchestrator reloads recent ones from its database at start, other services accept such a token
 * until it expires (ACCESS_TOKEN_TTL_SECONDS, 15 min by default) — the bound on revocation delay.
 */
export function followRevocations(bus: EventBus, list: RevocationList): Promise<void> {
  return subscribeEveryReplica(
    bus,
    "session-revocations",
    [topics.auditEvents],
    onMessage(SessionRevokedSchema, ({ event }) => {
      list.revoke(
        event.sessionId,
        event.accessTokensExpireBy ? timestampMs(event.accessTokensExpireBy) : Date.now() + 24 * 3600_000,
      );
    }),
  );
}
