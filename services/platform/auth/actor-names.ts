/**
 * ActorNameLookup answers a person's name as events show it: their profile display name, else the local part
 * of their email address; undefined when they cannot be found (a deleted account).
 */
export type ActorNameLookup = (userId: string) => Promise<string | undefined>;

/** ActorNames is one replica's cached lookup of who acted (ServiceDeps.actorNames), for EventMeta.actor_display_name. */
export interface ActorNames {
  /** nameOf answers the person's name, or undefined where no lookup is installed (services that keep no users). */
  nameOf: ActorNameLookup;
  /** lookUpLocally installs the lookup where the users live (the orchestrator reads its own table). */
  lookUpLocally(lookup: ActorNameLookup): void;
}

/** How long a replica trusts a looked-up name: a rename shows in new events within a minute (as time zones do). */
const cacheMs = 60_000;
const cacheEntries = 10_000;

/**
 * createActorNames remembers looked-up names for 60 s per replica. Only the service that writes events from
 * people's requests (the orchestrator) installs a lookup; elsewhere nameOf answers undefined without a call.
 */
export function createActorNames(): ActorNames {
  let lookup: ActorNameLookup | undefined;
  const cache = new Map<string, { name: string | undefined; at: number }>();
  return {
    async nameOf(userId) {
      if (!lookup) return undefined;
      const now = Date.now();
      const cached = cache.get(userId);
      if (cached && now - cached.at <= cacheMs) return cached.name;
      const name = await lookup(userId);
      if (cache.size >= cacheEntries) cache.clear();
      cache.set(userId, { name, at: now });
      return name;
    },
    lookUpLocally(local) {
      lookup = local;
    },
  };
}

/** actorNameFrom is the rule for a person's shown name: the display name, else the email's local part. */
export const actorNameFrom = (user: { displayName: string; email: string }): string =>
  user.displayName.trim() || user.email.split("@")[0] || "";
