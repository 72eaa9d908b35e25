import { ActorKind } from "../../../../gen/todo/v1/actor_pb";
import type { AuditEvent } from "../../../../gen/todo/v1/audit_service_pb";
import type { MessageKey } from "../i18n/en";

/** The doors "done by agents" covers: personal access tokens (scripts) and MCP clients. */
export const agentKinds: readonly ActorKind[] = [ActorKind.TOKEN, ActorKind.MCP];

/** ActorLabel is how an activity row names who acted: a message and its values. */
export interface ActorLabel {
  key: MessageKey;
  vars: Record<string, string>;
}

/**
 * actorLabel names who acted for one audit record: another person by name (a member of a shared project, whatever
 * door they used), you in the app, the assistant, a token by name, an MCP client by name (and its token), or
 * taskmesh itself (a recurring series, a reminder, a record from before provenance).
 */
export function actorLabel(
  event: Pick<AuditEvent, "actorKind" | "actorTokenName" | "actorClient" | "actorUserId" | "actorDisplayName">,
  userId: string,
): ActorLabel {
  if (event.actorUserId && event.actorUserId !== userId)
    return { key: "activity.byPerson", vars: { name: event.actorDisplayName || "…" } };
  switch (event.actorKind) {
    case ActorKind.WEB:
      return { key: "activity.byYou", vars: {} };
    case ActorKind.CHAT:
      return { key: "activity.byChat", vars: {} };
    case ActorKind.TOKEN:
      return { key: "activity.byToken", vars: { name: event.actorTokenName } };
    case ActorKind.MCP:
      return event.actorTokenName
        ? { key: "activity.byMcpToken", vars: { client: event.actorClient || "MCP", name: event.actorTokenName } }
        : { key: "activity.byMcp", vars: { client: event.actorClient || "MCP" } };
    default:
      return { key: "activity.bySystem", vars: {} };
  }
}
