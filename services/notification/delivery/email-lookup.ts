import { Code, ConnectError } from "@connectrpc/connect";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { runInScope } from "../../platform/request-context";
import type { ClientFactory } from "../../platform/rpc/clients";

/**
 * EmailLookup finds where to email a user: a verified address, or undefined when the user has none
 * (unknown user, or an address its owner never confirmed). A rejection is a transient failure and is
 * retried like a failed send.
 */
export type EmailLookup = (userId: string, correlationId: string) => Promise<string | undefined>;

/**
 * authServiceEmailLookup asks the orchestrator's AuthService.GetMe while acting for the user (the scope
 * makes the client send the internal token and the user id), and remembers verified addresses for `ttlMs`: the
 * notification service owns no users, and a burst of reminders should not become a burst of calls.
 */
export function authServiceEmailLookup(clients: ClientFactory, ttlMs = 60_000): EmailLookup {
  const cache = new Map<string, { email: string | undefined; until: number }>();
  return async (userId, correlationId) => {
    const hit = cache.get(userId);
    if (hit && hit.until > Date.now()) return hit.email;
    let email: string | undefined;
    try {
      const { user } = await runInScope({ correlationId, userId }, () =>
        clients.client(AuthService, "orchestrator").getMe({}),
      );
      // No email to an address until its owner followed the link mailed to it.
      email = user?.emailVerified ? user.email || undefined : undefined;
    } catch (error) {
      const code = ConnectError.from(error).code;
      if (code !== Code.NotFound) throw error;
    }
    if (cache.size > 10_000) cache.clear();
    // Only a verified answer is remembered: an address verified a moment ago is used at once.
    if (email) cache.set(userId, { email, until: Date.now() + ttlMs });
    return email;
  };
}
