import { Code, ConnectError } from "@connectrpc/connect";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { runInScope } from "../../platform/request-context";
import type { ClientFactory } from "../../platform/rpc/clients";

/** UserProfile is what the digest, snooze and announcements need to know about a user; email only when verified. */
interface UserProfile {
  email: string | undefined;
  timeZone: string;
  locale: string;
  /** name is how others are told who acted (an assignment's announcement): the display name, else the address. */
  name: string;
}

/**
 * ProfileLookup reads a user's profile, undefined for an unknown (deleted) user. A rejection is a transient
 * failure: the caller retries or answers Unavailable.
 */
export type ProfileLookup = (userId: string, correlationId: string) => Promise<UserProfile | undefined>;

/**
 * authServiceProfileLookup asks the orchestrator's AuthService.GetMe while acting for the user: the orchestrator
 * owns zones and languages, and a user who moves zone is read afresh at every digest and snooze.
 */
export function authServiceProfileLookup(clients: ClientFactory): ProfileLookup {
  return async (userId, correlationId) => {
    try {
      const { user } = await runInScope({ correlationId, userId }, () =>
        clients.client(AuthService, "orchestrator").getMe({}),
      );
      if (!user) return undefined;
      return {
        email: user.emailVerified ? user.email || undefined : undefined,
        timeZone: user.timeZone || "UTC",
        locale: user.locale || "en",
        name: user.displayName || user.email,
      };
    } catch (error) {
      if (ConnectError.from(error).code === Code.NotFound) return undefined;
      throw error;
    }
  };
}
