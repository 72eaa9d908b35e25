import { SessionRevokedSchema } from "../../../gen/todo/events/v1/audit_events_pb";
import { PersonalAccessTokenRevokedSchema } from "../../../gen/todo/events/v1/token_events_pb";
import { type EventBus, subscribeEveryReplica } from "../bus/event-bus";
import { topics } from "../bus/event-codec";
import { onMessage } from "../bus/typed-events";
import type { LiveHub } from "../live-hub";

/**
 * closeStreamsOnRevocation ends, on every replica, the open server streams of a user one of whose sessions
 * was revoked (logout, a replayed refresh token, a password change or reset, account deletion). A token
 * is checked only when a stream opens, so without this a revoked session's stream would go on receiving
 * the user's changes. The same holds for a revoked personal access token. A stream carries no session or
 * token id, so all of the user's streams end; the clients whose credential still lives reconnect at once, a
 * revoked one is refused.
 */
export function closeStreamsOnRevocation(bus: EventBus, hub: LiveHub<unknown>, view: string): Promise<void> {
  return subscribeEveryReplica(
    bus,
    view,
    [topics.auditEvents],
    onMessage([SessionRevokedSchema, PersonalAccessTokenRevokedSchema], ({ meta }) => hub.closeUser(meta.userId)),
  );
}
