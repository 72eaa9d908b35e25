import type { EventMeta } from "../../../gen/todo/events/v1/envelope_pb";
import type { EventMessage } from "../../platform/bus/event-codec";
import { qualifiedEventType } from "./event-summary";

/** The parts of an event that can place it in a project, whichever event it is. */
interface ProjectParts {
  task?: { projectId?: string };
  project?: { id?: string };
  section?: { projectId?: string };
  comment?: { projectId?: string };
  invitation?: { projectId?: string };
  projectId?: unknown;
  actorId?: unknown;
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

/**
 * recordProjectId is the project an event is about: a task's, a section's or a comment's project, the project
 * itself, or the share event's project; "" for everything else (account, tokens, saved filters, reminders,
 * recurring series), which stays in its owner's chain only. For a sub-project it is the sub-project's own id:
 * its top-level project is found through the audit service's project tree when read (the sub-project's own
 * ProjectCreated may arrive later than a task event of it, on another partition).
 */
export function recordProjectId(event: EventMessage): string {
  const parts = event as ProjectParts;
  return (
    parts.task?.projectId ||
    parts.project?.id ||
    parts.section?.projectId ||
    parts.comment?.projectId ||
    parts.invitation?.projectId ||
    text(parts.projectId)
  );
}

/**
 * recordActorUserId is the person who acted: the envelope's actor_user_id, else (events written before it) the
 * event's own actor_id (assignments, share and comment events); "" when the system acted.
 */
export const recordActorUserId = (event: EventMessage, meta: EventMeta): string =>
  meta.actorUserId || text((event as ProjectParts).actorId);

/**
 * ownerOnlyTypes are the records of a project that its members do not read in its slice: invitations name the
 * invited address, which ShareService shows the owner alone (ListMembers' invitations are the owner's view).
 */
export const ownerOnlyTypes: readonly string[] = ["MemberInvited", "InvitationDeclined"].map(qualifiedEventType);
