import { isMessage } from "@bufbuild/protobuf";
import {
  InvitationAcceptedSchema,
  InvitationDeclinedSchema,
  MemberInvitedSchema,
  MemberRemovedSchema,
  MemberRoleChangedSchema,
  ProjectOwnershipTransferredSchema,
} from "../../../gen/todo/events/v1/share_events_pb";
import { ProjectRole } from "../../../gen/todo/v1/share_pb";
import type { EventMessage } from "../../platform/bus/event-codec";

const roleNames: Record<ProjectRole, string> = {
  [ProjectRole.UNSPECIFIED]: "member",
  [ProjectRole.OWNER]: "owner",
  [ProjectRole.EDITOR]: "editor",
  [ProjectRole.VIEWER]: "viewer",
};

/**
 * describeShareEvent summarises a membership event in one line (null: not one). They concern no single task; the
 * people are named by id (an invitation by its address), never by a secret: the link's is not in the event.
 */
export function describeShareEvent(event: EventMessage): { taskId: string; summary: string } | null {
  const line = (summary: string) => ({ taskId: "", summary });
  if (isMessage(event, MemberInvitedSchema)) {
    const i = event.invitation;
    return line(`Invited ${i?.email ?? ""} to "${i?.projectName ?? ""}" as ${roleNames[i?.role ?? 0]}`);
  }
  if (isMessage(event, InvitationAcceptedSchema)) {
    return line(`Invitation accepted: member ${event.memberId} joined as ${roleNames[event.role]}`);
  }
  if (isMessage(event, InvitationDeclinedSchema)) {
    return line(event.revoked ? "Invitation withdrawn" : "Invitation declined");
  }
  if (isMessage(event, MemberRoleChangedSchema)) {
    return line(`Member ${event.memberId} is now ${roleNames[event.role]}`);
  }
  if (isMessage(event, MemberRemovedSchema)) {
    return line(event.left ? `Member ${event.memberId} left` : `Member ${event.memberId} removed`);
  }
  if (isMessage(event, ProjectOwnershipTransferredSchema)) {
    return line(`Ownership transferred from ${event.fromUserId} to ${event.toUserId}`);
  }
  return null;
}
