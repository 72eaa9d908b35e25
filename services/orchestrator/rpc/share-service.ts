import type { ServiceImpl } from "@connectrpc/connect";
import type { ShareService } from "../../../gen/todo/v1/share_service_pb";
import { callerId } from "../../platform/auth/caller";
import { memberRoleOf, roleMessages, type ShareStore } from "../db/share-store";

/** shareService implements todo.v1.ShareService: thin mapping around the share store (db/access.ts decides who may). */
export function shareService(store: ShareStore): ServiceImpl<typeof ShareService> {
  return {
    async listMembers(req, context) {
      return store.members(callerId(context), req.projectId);
    },
    async inviteMember(req, context) {
      return { invitation: await store.invite(callerId(context), req.projectId, req.email, memberRoleOf(req.role)) };
    },
    async revokeInvitation(req, context) {
      await store.revoke(callerId(context), req.id);
      return {};
    },
    async listInvitations(_req, context) {
      return { invitations: await store.invitationsFor(callerId(context)) };
    },
    async acceptInvitation(req, context) {
      const { projectId, role } = await store.answer(callerId(context), req.id, req.token, true);
      return { projectId, role: roleMessages[role] };
    },
    async declineInvitation(req, context) {
      await store.answer(callerId(context), req.id, req.token, false);
      return {};
    },
    async leaveProject(req, context) {
      await store.leave(callerId(context), req.projectId);
      return {};
    },
    async removeMember(req, context) {
      await store.remove(callerId(context), req.projectId, req.userId);
      return {};
    },
    async changeMemberRole(req, context) {
      return { member: await store.changeRole(callerId(context), req.projectId, req.userId, memberRoleOf(req.role)) };
    },
    async transferOwnership(req, context) {
      await store.transfer(callerId(context), req.projectId, req.userId);
      return {};
    },
  };
}
