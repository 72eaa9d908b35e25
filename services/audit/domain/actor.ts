import type { EventMeta } from "../../../gen/todo/events/v1/envelope_pb";
import { ActorKind } from "../../../gen/todo/v1/actor_pb";

/** RecordActor is who acted for a record, as its event's envelope says (the payload the chain's hash covers). */
export interface RecordActor {
  kind: ActorKind;
  tokenId: string;
  tokenName: string;
  client: string;
  /** userId and displayName are the person who acted and their name then ("" for the system). */
  userId: string;
  displayName: string;
}

const noActor: RecordActor = {
  kind: ActorKind.UNSPECIFIED,
  tokenId: "",
  tokenName: "",
  client: "",
  userId: "",
  displayName: "",
};

/** actorKindName is an ActorKind as protobuf JSON writes it ("ACTOR_KIND_TOKEN"), how the stored payload holds it. */
export const actorKindName = (kind: ActorKind): string => `ACTOR_KIND_${ActorKind[kind]}`;

const kindOf = (name: unknown): ActorKind => {
  if (typeof name !== "string" || !name.startsWith("ACTOR_KIND_")) return ActorKind.UNSPECIFIED;
  const kind = ActorKind[name.slice("ACTOR_KIND_".length) as keyof typeof ActorKind];
  return kind ?? ActorKind.UNSPECIFIED;
};
const text = (value: unknown) => (typeof value === "string" ? value : "");

/**
 * actorOf reads the actor from a record's payload (protobuf JSON of the event). Records from before provenance, and
 * what the system did on its own, have none (UNSPECIFIED).
 */
export function actorOf(payloadJson: string): RecordActor {
  let meta: Record<string, unknown> | undefined;
  try {
    meta = (JSON.parse(payloadJson) as { meta?: Record<string, unknown> }).meta;
  } catch {
    return noActor;
  }
  if (!meta) return noActor;
  return {
    kind: kindOf(meta.actorKind),
    tokenId: text(meta.actorTokenId),
    tokenName: text(meta.actorTokenName),
    client: text(meta.actorClient),
    userId: text(meta.actorUserId),
    displayName: text(meta.actorDisplayName),
  };
}

/**
 * actorSuffix ends a summary with the agent that acted, so the log (and the chat's "what happened") tells an agent's
 * work from the user's own: ` (by token "backup")`, ` (by MCP client "Claude", token "laptop")`. A session's or
 * the chat's own actions say nothing more.
 */
export function actorSuffix(meta: Pick<EventMeta, "actorKind" | "actorTokenName" | "actorClient">): string {
  if (meta.actorKind === ActorKind.TOKEN) return ` (by token "${meta.actorTokenName}")`;
  if (meta.actorKind !== ActorKind.MCP) return "";
  const client = meta.actorClient ? ` "${meta.actorClient}"` : "";
  return meta.actorTokenName
    ? ` (by MCP client${client}, token "${meta.actorTokenName}")`
    : ` (by MCP client${client})`;
}
