/**
 * ActorNameLookup answers a person's name as events show it: their profile display name, else the local part
 * of their email address; undefined when they cannot be found (a deleted account).
 */
export type ActorNameLookup = (userId: string) => Promise<string | undefined>;

/** ActorNames names the person behind a request (ServiceDeps.actorNames), for EventMeta.actor_display_name. */
export interface ActorNames {
  /** nameOf answers the person's name, or undefined where no lookup is installed (services that keep no users). */
  nameOf: ActorNameLookup;
  /** lookUpLocally installs the lookup where the users live (the orchestrator reads its own table). */
  lookUpLocally(lookup: ActorNameLookup): void;
}

/**
 * createActorNames is one replica's name lookup. Only the service that writes events from people's requests
 * (the orchestrator) installs one (its user store remembers names a minute); elsewhere nameOf answers undefined
 * without a call.
 */
export function createActorNames(): ActorNames {
  let lookup: ActorNameLookup | undefined;
  return {
    nameOf: async (userId) => lookup?.(userId),
    lookUpLocally(local) {
      lookup = local;
    },
  };
}

/** actorNameFrom is the rule for a person's shown name: the display name, else the email's local part. */
export const actorNameFrom = (user: { displayName: string; email: string }): string =>
  user.displayName.trim() || user.email.split("@")[0] || "";
