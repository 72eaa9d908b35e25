import { isMessage } from "@bufbuild/protobuf";
import * as share from "../../../gen/todo/events/v1/share_events_pb";
import { ProjectRole } from "../../../gen/todo/v1/share_pb";
import type { EventMessage } from "../../platform/bus/event-codec";

/** roleName is the role as the contract names it, in lower case ("owner", "editor", "viewer"); otherwise "member". */
const roleName = (role: ProjectRole) =>
  role === ProjectRole.UNSPECIFIED ? "member" : (ProjectRole[role] ?? "member").toLowerCase();

/**
 * describeShareEvent summarises a membership event in one line (null: not one). They concern no single task; the
 * people are named by id (an invitation by its address), never by a secret: the link's is not in the event.
 */
export function describeShareEvent(event: EventMessage): { taskId: string; summary: string } | null {
  const line = (summary: string) => ({ taskId: "", summary });
  if (isMessage(event, share.MemberInvitedSchema)) {
    const i = event.invitation;
    return line(
      `Invited ${i?.email ?? ""} to "${i?.projectName ?? ""}" as ${roleName(i?.role ?? ProjectRole.UNSPECIFIED)}`,
    );
  }
  if (isMessage(event, share.InvitationAcceptedSchema)) {
    return line(`Invitation accepted: member ${event.memberId} joined as ${roleName(event.role)}`);
  }
  if (isMessage(event, share.InvitationDeclinedSchema)) {
    return line(event.revoked ? "Invitation withdrawn" : "Invitation declined");
  }
  if (isMessage(event, share.MemberRoleChangedSchema)) {
    return line(`Member ${event.memberId} is now ${roleName(event.role)}`);
  }
  if (isMessage(event, share.MemberRemovedSchema)) {
    return line(event.left ? `Member ${event.memberId} left` : `Member ${event.memberId} removed`);
  }
  if (isMessage(event, share.ProjectOwnershipTransferredSchema)) {
    return line(`Ownership transferred from ${event.fromUserId} to ${event.toUserId}`);
  }
  return null;
}
