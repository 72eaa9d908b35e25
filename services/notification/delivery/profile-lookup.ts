import { Code, ConnectError } from "@connectrpc/connect";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { actorNameFrom } from "../../platform/auth/actor-names";
import { runInScope } from "../../platform/request-context";
import type { ClientFactory } from "../../platform/rpc/clients";

/** UserProfile is what the digest, snooze and announcements need to know about a user; email only when verified. */
interface UserProfile {
  email: string | undefined;
  timeZone: string;
  locale: string;
  /** name is how others are told who acted (an assignment's announcement): platform actorNameFrom, the one rule. */
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
        name: actorNameFrom(user),
      };
    } catch (error) {
      if (ConnectError.from(error).code === Code.NotFound) return undefined;
      throw error;
    }
  };
}

/** ProfilesReadAhead is a ProfileLookup that can be asked ahead of time for the people an event will need. */
export type ProfilesReadAhead = ProfileLookup & {
  /** ahead reads these people now (afresh); lookups of them in the next `ttlMs` answer from that read. Never throws. */
  ahead(userIds: readonly string[], correlationId: string): Promise<void>;
};

/**
 * profilesReadAhead lets a consumer read profiles before its transaction and use them inside it. The share-mail
 * handlers run inside the idempotent consumer's transaction; in embedded mode that transaction holds the one PGlite
 * connection that the orchestrator's GetMe needs, so a lookup made there waited out the 15 s RPC deadline, and every
 * service of the process stood still meanwhile (seen after an assignment in services/web/e2e/share.e2e). `ahead`
 * always reads afresh (a language changed a moment ago counts); only what it read is remembered, for `ttlMs`; any
 * other lookup asks the orchestrator as before.
 */
export function profilesReadAhead(lookup: ProfileLookup, ttlMs = 30_000): ProfilesReadAhead {
  const read = new Map<string, { at: number; profile: Promise<UserProfile | undefined> }>();
  const fresh = (userId: string) => {
    const hit = read.get(userId);
    return hit && Date.now() - hit.at < ttlMs ? hit.profile : undefined;
  };
  const get: ProfileLookup = (userId, correlationId) => fresh(userId) ?? lookup(userId, correlationId);
  return Object.assign(get, {
    async ahead(userIds: readonly string[], correlationId: string) {
      for (const [userId, hit] of read) if (Date.now() - hit.at >= ttlMs) read.delete(userId);
      await Promise.all(
        [...new Set(userIds)].filter(Boolean).map(async (userId) => {
          const profile = lookup(userId, correlationId);
          read.set(userId, { at: Date.now(), profile });
          // A failed read is forgotten: the handler's own lookup tries again (and fails the usual way).
          await profile.catch(() => read.get(userId)?.profile === profile && read.delete(userId));
        }),
      );
    },
  });
}
