import { timestampDate } from "@bufbuild/protobuf/wkt";
import { z } from "zod";
import { type Invitation, type Member, ProjectRole } from "../../../gen/todo/v1/share_pb";
import { defineTool, type TaskTool } from "./task-tools";

const projectId = z.uuid().describe("the project's id, from list_projects (sharing applies to its top-level project)");
const userId = z.uuid().describe("the member's user id, from list_members");
const invitationId = z.uuid().describe("the invitation's id, from list_invitations or invite_member");
const role = z.enum(["editor", "viewer"]).describe("editor: may change tasks; viewer: may only read");

const roleNames: Record<ProjectRole, string> = {
  [ProjectRole.UNSPECIFIED]: "unspecified",
  [ProjectRole.OWNER]: "owner",
  [ProjectRole.EDITOR]: "editor",
  [ProjectRole.VIEWER]: "viewer",
};
const roleOf = (name: "editor" | "viewer") => (name === "viewer" ? ProjectRole.VIEWER : ProjectRole.EDITOR);
const iso = (t: Parameters<typeof timestampDate>[0] | undefined) => (t ? timestampDate(t).toISOString() : null);

const ShareView = {
  member: z.object({
    user_id: z.string(),
    display_name: z.string(),
    email: z.string(),
    role: z.string(),
    joined_at: z.string().nullable(),
  }),
  invitation: z.object({
    id: z.string(),
    project_id: z.string(),
    project_name: z.string(),
    email: z.string(),
    role: z.string(),
    inviter_name: z.string(),
    expires_at: z.string().nullable(),
  }),
};

const memberView = (m: Member): z.infer<typeof ShareView.member> => ({
  user_id: m.userId,
  display_name: m.displayName,
  email: m.email,
  role: roleNames[m.role],
  joined_at: iso(m.joinedAt),
});

const invitationView = (i: Invitation): z.infer<typeof ShareView.invitation> => ({
  id: i.id,
  project_id: i.projectId,
  project_name: i.projectName,
  email: i.email,
  role: roleNames[i.role],
  inviter_name: i.inviterName,
  expires_at: iso(i.expiresAt),
});

export const listMembers = defineTool({
  name: "list_members",
  title: "List a project's members",
  description:
    "List who a project is shared with (the owner first, then members with their role) and its open invitations, and the caller's own role. Names are the users' data.",
  input: { project_id: projectId },
  output: { role: z.string(), members: z.array(ShareView.member), invitations: z.array(ShareView.invitation) },
  hints: { readOnly: true, destructive: false, idempotent: true },
  async run(api, a) {
    const answer = await api.share.listMembers({ projectId: a.project_id });
    return {
      role: roleNames[answer.role],
      members: answer.members.map(memberView),
      invitations: answer.invitations.map(invitationView),
    };
  },
});

export const inviteMember = defineTool({
  name: "invite_member",
  title: "Invite someone to a project",
  description:
    "Share a project (with its sub-projects) by inviting an email address as editor (the default) or viewer; they get a single-use, expiring link and must accept. Only the owner may invite. Confirm the address with the user first.",
  input: {
    project_id: projectId,
    email: z.string().trim().min(1).max(254).describe("the address to invite (checked by the API)"),
    role: role.default("editor"),
  },
  output: { invitation: ShareView.invitation },
  hints: { readOnly: false, destructive: false, idempotent: false },
  async run(api, a) {
    const { invitation } = await api.share.inviteMember({
      projectId: a.project_id,
      email: a.email,
      role: roleOf(a.role),
    });
    return { invitation: invitationView(invitation!) };
  },
});

const revokeInvitation = defineTool({
  name: "revoke_invitation",
  title: "Withdraw an invitation",
  description: "Withdraw an invitation that has not been answered yet (its link stops working).",
  input: { id: invitationId },
  output: { revoked: z.boolean() },
  hints: { readOnly: false, destructive: true, idempotent: true },
  async run(api, a) {
    await api.share.revokeInvitation({ id: a.id });
    return { revoked: true };
  },
});

const changeMemberRole = defineTool({
  name: "change_member_role",
  title: "Change a member's role",
  description: "Make a member of a project an editor or a viewer. Only the owner may.",
  input: { project_id: projectId, user_id: userId, role },
  output: { member: ShareView.member },
  hints: { readOnly: false, destructive: false, idempotent: true },
  async run(api, a) {
    const { member } = await api.share.changeMemberRole({
      projectId: a.project_id,
      userId: a.user_id,
      role: roleOf(a.role),
    });
    return { member: memberView(member!) };
  },
});

export const removeMember = defineTool({
  name: "remove_member",
  title: "Remove a member",
  description: "Take a member off a project: they lose access to it at once. Only the owner may. Ask the user first.",
  input: { project_id: projectId, user_id: userId },
  output: { removed: z.boolean() },
  hints: { readOnly: false, destructive: true, idempotent: false },
  async run(api, a) {
    await api.share.removeMember({ projectId: a.project_id, userId: a.user_id });
    return { removed: true };
  },
});

export const leaveProject = defineTool({
  name: "leave_project",
  title: "Leave a shared project",
  description:
    "Leave a project someone else shared with the user: they lose access until invited again. The owner cannot leave. Ask the user first.",
  input: { project_id: projectId },
  output: { left: z.boolean() },
  hints: { readOnly: false, destructive: true, idempotent: false },
  async run(api, a) {
    await api.share.leaveProject({ projectId: a.project_id });
    return { left: true };
  },
});

const listInvitations = defineTool({
  name: "list_invitations",
  title: "List invitations to the user",
  description: "List the open invitations addressed to the user's verified email address.",
  input: {},
  output: { invitations: z.array(ShareView.invitation) },
  hints: { readOnly: true, destructive: false, idempotent: true },
  async run(api) {
    const { invitations } = await api.share.listInvitations({});
    return { invitations: invitations.map(invitationView) };
  },
});

const answerInput = { id: invitationId };

const acceptInvitation = defineTool({
  name: "accept_invitation",
  title: "Accept an invitation",
  description:
    "Accept an invitation from list_invitations: the project becomes visible to the user with the invited role. Ask the user first: it is their decision.",
  input: answerInput,
  output: { project_id: z.string(), role: z.string() },
  hints: { readOnly: false, destructive: false, idempotent: false },
  async run(api, a) {
    const answer = await api.share.acceptInvitation({ id: a.id });
    return { project_id: answer.projectId, role: roleNames[answer.role] };
  },
});

const declineInvitation = defineTool({
  name: "decline_invitation",
  title: "Decline an invitation",
  description: "Decline an invitation from list_invitations. Ask the user first.",
  input: answerInput,
  output: { declined: z.boolean() },
  hints: { readOnly: false, destructive: false, idempotent: false },
  async run(api, a) {
    await api.share.declineInvitation({ id: a.id });
    return { declined: true };
  },
});

/**
 * shareTools are the membership tools. Ownership transfer is not one: it is session-only (vocabulary/token-scopes.ts),
 * a change an agent holding a token must not make on the user's behalf.
 */
export const shareTools: readonly TaskTool[] = [
  listMembers,
  inviteMember,
  revokeInvitation,
  changeMemberRole,
  removeMember,
  leaveProject,
  listInvitations,
  acceptInvitation,
  declineInvitation,
];
