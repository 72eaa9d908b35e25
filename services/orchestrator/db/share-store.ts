import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { randomUUIDv7 } from "bun";
import { and, asc, count, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import {
  InvitationAcceptedSchema,
  InvitationDeclinedSchema,
  MemberInvitedSchema,
  MemberRemovedSchema,
  MemberRoleChangedSchema,
  ProjectOwnershipTransferredSchema,
} from "../../../gen/todo/events/v1/share_events_pb";
import {
  type Invitation,
  InvitationSchema,
  type Member,
  MemberSchema,
  ProjectRole,
} from "../../../gen/todo/v1/share_pb";
import { INVITATION_TTL_HOURS, MEMBERS_PER_PROJECT_MAX } from "../../../vocabulary/share";
import { isInvitationSecret } from "../../platform/auth/email-link";
import { newEventMeta, topics } from "../../platform/bus/event-codec";
import type { OutboxRelay, OutgoingEvent } from "../../platform/bus/outbox";
import { type Db, rowsOf, type Tx } from "../../platform/db/database";
import { FailedPreconditionError, InvalidArgumentError, NotFoundError } from "../../platform/errors";
import type { ShareAudience } from "../events/share-audience";
import { type Access, authorize, type ProjectRoleName } from "./access";
import { unassignFrom } from "./assignees";
import { correlationId, organiseWriter } from "./organise-writes";
import { projectInvitations, projectMembers, projects, sections, tasks, users } from "./schema";

/** MemberRole is a member's role (the owner is projects.user_id, not a member row). */
export type MemberRole = "editor" | "viewer";

/** roleMessages maps a role to the contract's. */
export const roleMessages: Record<ProjectRoleName, ProjectRole> = {
  owner: ProjectRole.OWNER,
  editor: ProjectRole.EDITOR,
  viewer: ProjectRole.VIEWER,
};

/** memberRoleOf maps a contract role to a member's (the contract allows only editor and viewer there). */
export const memberRoleOf = (role: ProjectRole): MemberRole => (role === ProjectRole.VIEWER ? "viewer" : "editor");

/** MembersView is a project's people as one member sees them. */
interface MembersView {
  members: Member[];
  invitations: Invitation[];
  role: ProjectRole;
}

/** ShareStore changes who may see a top-level project, each change with its share event in one transaction. */
export interface ShareStore {
  members(callerId: string, projectId: string): Promise<MembersView>;
  invite(callerId: string, projectId: string, email: string, role: MemberRole): Promise<Invitation>;
  revoke(callerId: string, invitationId: string): Promise<void>;
  invitationsFor(callerId: string): Promise<Invitation[]>;
  answer(
    callerId: string,
    invitationId: string,
    token: string,
    accept: boolean,
  ): Promise<{ projectId: string; role: MemberRole }>;
  leave(callerId: string, projectId: string): Promise<void>;
  remove(callerId: string, projectId: string, memberId: string): Promise<void>;
  changeRole(callerId: string, projectId: string, memberId: string, role: MemberRole): Promise<Member>;
  transfer(callerId: string, projectId: string, newOwnerId: string): Promise<void>;
}

/** topLevelOf is the top-level ancestor of a project (itself when it is one). */
async function topLevelOf(tx: Tx | Db, projectId: string): Promise<string> {
  const [row] = rowsOf<{ id: string }>(
    await tx.execute(sql`with recursive up(id, parent_id, n) as (
        select id, parent_id, 0 from ${projects} where id = ${projectId}
        union all
        select p.id, p.parent_id, up.n + 1 from ${projects} p join up on p.id = up.parent_id where up.n < 16
      ) select id from up where parent_id is null`),
  );
  if (!row) throw new NotFoundError(`project ${projectId} not found`);
  return row.id;
}

/** lockedInvitation reads an invitation and locks it for the rest of the transaction (undefined: none). */
async function lockedInvitation(tx: Tx, invitationId: string) {
  const [row] = await tx.select().from(projectInvitations).where(eq(projectInvitations.id, invitationId)).for("update");
  return row;
}

/** treeOf is a top-level project and all its sub-projects (deleted ones too: a restore brings them back shared). */
async function treeOf(tx: Tx, rootId: string): Promise<string[]> {
  return rowsOf<{ id: string }>(
    await tx.execute(sql`with recursive down(id, n) as (
        select ${rootId}::uuid, 0
        union all
        select p.id, down.n + 1 from ${projects} p join down on p.parent_id = down.id where down.n < 16
      ) select id from down`),
  ).map((r) => r.id);
}

const shareEvent = (key: string, event: OutgoingEvent["event"]): OutgoingEvent => ({
  topic: topics.taskEvents,
  key,
  event,
});

/**
 * leaveOnDeletion takes a deleted account out of sharing, in the deletion's transaction, and answers the events to
 * queue with it (docs/sharing.md "Deleted accounts"):
 * - every membership it holds ends as if it left (its tasks there unassigned, MemberRemoved to the owner's chain);
 * - the members of its own projects are removed (MemberRemoved, so their open streams are cut at once; the
 *   projects themselves go with the account) and the open invitations to those projects withdrawn;
 * - open invitations to its address are declined (InvitationDeclined to each owner), if it had verified the
 *   address: an account that never proved it holds an address cannot answer that address's invitations.
 */
export async function leaveOnDeletion(tx: Tx, userId: string, now: Date): Promise<OutgoingEvent[]> {
  const events: OutgoingEvent[] = [];
  const meta = (ownerId: string) => newEventMeta({ userId: ownerId, correlationId: correlationId() });
  const removed = (ownerId: string, projectId: string, memberId: string, left: boolean) =>
    shareEvent(
      projectId,
      create(MemberRemovedSchema, { meta: meta(ownerId), actorId: userId, projectId, memberId, left }),
    );
  const held = await tx
    .delete(projectMembers)
    .where(eq(projectMembers.userId, userId))
    .returning({ projectId: projectMembers.projectId });
  for (const { projectId } of held) {
    const [project] = await tx.select({ ownerId: projects.userId }).from(projects).where(eq(projects.id, projectId));
    if (!project) continue;
    await unassignFrom(tx, await treeOf(tx, projectId), userId, events);
    events.push(removed(project.ownerId, projectId, userId, true));
  }
  const own = tx.select({ id: projects.id }).from(projects).where(eq(projects.userId, userId));
  const members = await tx
    .delete(projectMembers)
    .where(inArray(projectMembers.projectId, own))
    .returning({ projectId: projectMembers.projectId, memberId: projectMembers.userId });
  for (const { projectId, memberId } of members) events.push(removed(userId, projectId, memberId, false));
  await tx
    .update(projectInvitations)
    .set({ answeredAt: now, outcome: "revoked" })
    .where(and(inArray(projectInvitations.projectId, own), isNull(projectInvitations.answeredAt)));
  const [account] = await tx.select().from(users).where(eq(users.id, userId));
  if (account?.emailVerifiedAt) {
    const declined = await tx
      .update(projectInvitations)
      .set({ answeredAt: now, outcome: "declined" })
      .where(and(eq(projectInvitations.email, account.email.toLowerCase()), isNull(projectInvitations.answeredAt)))
      .returning({ id: projectInvitations.id, projectId: projectInvitations.projectId });
    for (const { id, projectId } of declined) {
      const [project] = await tx.select({ ownerId: projects.userId }).from(projects).where(eq(projects.id, projectId));
      if (!project) continue;
      events.push(
        shareEvent(
          projectId,
          create(InvitationDeclinedSchema, {
            meta: meta(project.ownerId),
            actorId: userId,
            invitationId: id,
            projectId,
          }),
        ),
      );
    }
  }
  return events;
}

export function createShareStore(
  db: Db,
  relay: Pick<OutboxRelay, "wake">,
  internalToken: string,
  audience: Pick<ShareAudience, "forget">,
): ShareStore {
  const write = organiseWriter(db, relay);
  /** granted forgets this replica's cached memberships after a change that gives access (other replicas: the event). */
  const granted = <T>(change: Promise<T>) =>
    change.then((value) => {
      audience.forget();
      return value;
    });
  const meta = (ownerId: string) => newEventMeta({ userId: ownerId, correlationId: correlationId() });

  /** shared resolves a project to its top-level project, after authorize allowed the caller what they need. */
  const shared = async (tx: Tx | Db, callerId: string, projectId: string, need: "read" | "own") => {
    const access = await authorize(tx, callerId, { project: projectId }, need);
    const rootId = access.topLevel ? access.projectId : await topLevelOf(tx, projectId);
    return { ...access, rootId };
  };

  const invitationMessage = (
    row: typeof projectInvitations.$inferSelect,
    projectName: string,
    inviterName: string,
  ): Invitation =>
    create(InvitationSchema, {
      id: row.id,
      projectId: row.projectId,
      projectName,
      email: row.email,
      role: roleMessages[row.role as MemberRole],
      inviterName,
      createdAt: timestampFromDate(row.createdAt),
      expiresAt: timestampFromDate(row.expiresAt),
    });

  const openInvitations = (where: ReturnType<typeof and>) =>
    db
      .select({ invitation: projectInvitations, projectName: projects.name, inviterName: users.displayName })
      .from(projectInvitations)
      .innerJoin(projects, eq(projects.id, projectInvitations.projectId))
      .innerJoin(users, eq(users.id, projectInvitations.inviterId))
      .where(
        and(
          where,
          isNull(projectInvitations.answeredAt),
          gt(projectInvitations.expiresAt, sql`now()`),
          isNull(projects.deletedAt),
        ),
      )
      .orderBy(asc(projectInvitations.createdAt))
      .limit(MEMBERS_PER_PROJECT_MAX);

  const memberRow = async (tx: Tx, rootId: string, memberId: string) => {
    const [row] = await tx
      .select()
      .from(projectMembers)
      .where(and(eq(projectMembers.projectId, rootId), eq(projectMembers.userId, memberId)))
      .for("update");
    if (!row) throw new NotFoundError(`member ${memberId} not found`);
    return row;
  };

  const removeMember = (callerId: string, projectId: string, memberId: string, left: boolean) =>
    write(async (tx, events) => {
      const access: Access & { rootId: string } = await shared(tx, callerId, projectId, left ? "read" : "own");
      if (left && access.role === "owner") {
        throw new FailedPreconditionError("the owner cannot leave: transfer ownership to a member first");
      }
      await memberRow(tx, access.rootId, memberId);
      await tx
        .delete(projectMembers)
        .where(and(eq(projectMembers.projectId, access.rootId), eq(projectMembers.userId, memberId)));
      // Whoever loses access loses their assignments there, in the same transaction (docs/sharing.md).
      await unassignFrom(tx, await treeOf(tx, access.rootId), memberId, events);
      events.push(
        shareEvent(
          access.rootId,
          create(MemberRemovedSchema, {
            meta: meta(access.ownerId),
            actorId: callerId,
            projectId: access.rootId,
            memberId,
            left,
          }),
        ),
      );
    });

  return {
    async members(callerId, projectId) {
      const access = await shared(db, callerId, projectId, "read");
      const people = rowsOf<{ user_id: string; display_name: string; email: string; role: string; joined_at: Date }>(
        await db.execute(sql`
          select u.id as user_id, u.display_name, u.email, 'owner' as role, p.created_at as joined_at, 0 as o
            from ${projects} p join ${users} u on u.id = p.user_id where p.id = ${access.rootId}
          union all
          select u.id, u.display_name, u.email, m.role, m.created_at, 1
            from ${projectMembers} m join ${users} u on u.id = m.user_id where m.project_id = ${access.rootId}
          order by o, joined_at`),
      );
      const members = people.map((p) =>
        create(MemberSchema, {
          userId: p.user_id,
          displayName: p.display_name,
          email: p.email,
          role: roleMessages[p.role as ProjectRoleName],
          joinedAt: timestampFromDate(new Date(p.joined_at)),
        }),
      );
      const invitations =
        access.role === "owner" ? await openInvitations(eq(projectInvitations.projectId, access.rootId)) : [];
      return {
        members,
        invitations: invitations.map((r) => invitationMessage(r.invitation, r.projectName, r.inviterName)),
        role: roleMessages[access.role],
      };
    },

    invite: (callerId, projectId, email, role) =>
      write(async (tx, events, now) => {
        const access = await authorize(tx, callerId, { project: projectId }, "own");
        const [project] = await tx.select().from(projects).where(eq(projects.id, projectId)).for("update");
        if (!project || project.deletedAt) throw new NotFoundError(`project ${projectId} not found`);
        if (project.isInbox) {
          throw new InvalidArgumentError([{ field: "project_id", description: "the Inbox is never shared" }]);
        }
        if (project.parentId) {
          throw new InvalidArgumentError([
            { field: "project_id", description: "share the top-level project: its sub-projects inherit its members" },
          ]);
        }
        const [inviter] = await tx.select().from(users).where(eq(users.id, callerId));
        if (!inviter?.emailVerifiedAt) {
          throw new FailedPreconditionError("verify your email address before inviting anyone");
        }
        const address = email.trim().toLowerCase();
        if (address === inviter.email.toLowerCase()) {
          throw new InvalidArgumentError([{ field: "email", description: "you already own this project" }]);
        }
        const [already] = await tx
          .select({ id: users.id })
          .from(projectMembers)
          .innerJoin(users, eq(users.id, projectMembers.userId))
          .where(
            and(
              eq(projectMembers.projectId, projectId),
              sql`lower(${users.email}) = ${address}`,
              sql`${users.emailVerifiedAt} is not null`,
            ),
          );
        if (already) throw new FailedPreconditionError("this address is already a member");
        // Inviting an address again replaces its open invitation (a fresh link, a fresh expiry).
        await tx
          .update(projectInvitations)
          .set({ answeredAt: now, outcome: "revoked" })
          .where(
            and(
              eq(projectInvitations.projectId, projectId),
              eq(projectInvitations.email, address),
              isNull(projectInvitations.answeredAt),
            ),
          );
        const [members] = await tx
          .select({ n: count() })
          .from(projectMembers)
          .where(eq(projectMembers.projectId, projectId));
        const [open] = await tx
          .select({ n: count() })
          .from(projectInvitations)
          .where(
            and(
              eq(projectInvitations.projectId, projectId),
              isNull(projectInvitations.answeredAt),
              gt(projectInvitations.expiresAt, now),
            ),
          );
        if ((members?.n ?? 0) + (open?.n ?? 0) >= MEMBERS_PER_PROJECT_MAX) {
          throw new FailedPreconditionError(
            `a project is shared with at most ${MEMBERS_PER_PROJECT_MAX} people (members and open invitations)`,
          );
        }
        const row = {
          id: randomUUIDv7(),
          projectId,
          inviterId: callerId,
          email: address,
          role,
          createdAt: now,
          expiresAt: new Date(now.getTime() + INVITATION_TTL_HOURS * 3_600_000),
          answeredAt: null,
          outcome: null,
        };
        await tx.insert(projectInvitations).values(row);
        const invitation = invitationMessage(row, project.name, inviter.displayName);
        events.push(
          shareEvent(
            projectId,
            create(MemberInvitedSchema, { meta: meta(access.ownerId), actorId: callerId, invitation }),
          ),
        );
        return invitation;
      }),

    revoke: (callerId, invitationId) =>
      write(async (tx, events, now) => {
        const row = await lockedInvitation(tx, invitationId);
        if (!row) throw new NotFoundError(`invitation ${invitationId} not found`);
        const access = await authorize(tx, callerId, { project: row.projectId }, "own").catch((error: unknown) => {
          // A stranger learns nothing of it; a member is told it is the owner's to withdraw.
          throw error instanceof NotFoundError ? new NotFoundError(`invitation ${invitationId} not found`) : error;
        });
        if (row.answeredAt) throw new FailedPreconditionError("the invitation was already answered");
        await tx
          .update(projectInvitations)
          .set({ answeredAt: now, outcome: "revoked" })
          .where(eq(projectInvitations.id, invitationId));
        events.push(
          shareEvent(
            row.projectId,
            create(InvitationDeclinedSchema, {
              meta: meta(access.ownerId),
              actorId: callerId,
              invitationId,
              projectId: row.projectId,
              revoked: true,
            }),
          ),
        );
      }),

    async invitationsFor(callerId) {
      const [caller] = await db.select().from(users).where(eq(users.id, callerId));
      if (!caller?.emailVerifiedAt) return [];
      const rows = await openInvitations(eq(projectInvitations.email, caller.email.toLowerCase()));
      return rows.map((r) => invitationMessage(r.invitation, r.projectName, r.inviterName));
    },

    answer: (callerId, invitationId, token, accept) =>
      granted(
        write(async (tx, events, now) => {
          const row = await lockedInvitation(tx, invitationId);
          const [caller] = await tx.select().from(users).where(eq(users.id, callerId));
          // The link's secret, or (in-app) the caller's verified address, proves the invitation is theirs to answer.
          const proven =
            row &&
            caller &&
            (token
              ? isInvitationSecret(internalToken, invitationId, token)
              : caller.emailVerifiedAt !== null && caller.email.toLowerCase() === row.email);
          if (!row || !proven) throw new NotFoundError(`invitation ${invitationId} not found`);
          if (row.answeredAt || row.expiresAt <= now) {
            throw new FailedPreconditionError("this invitation was already used, withdrawn or has expired");
          }
          const [project] = await tx.select().from(projects).where(eq(projects.id, row.projectId)).for("update");
          if (!project || project.deletedAt) throw new FailedPreconditionError("the project is gone");
          if (accept && project.userId === callerId) throw new FailedPreconditionError("you own this project");
          await tx
            .update(projectInvitations)
            .set({ answeredAt: now, outcome: accept ? "accepted" : "declined" })
            .where(eq(projectInvitations.id, invitationId));
          const role = row.role as MemberRole;
          if (!accept) {
            events.push(
              shareEvent(
                row.projectId,
                create(InvitationDeclinedSchema, {
                  meta: meta(project.userId),
                  actorId: callerId,
                  invitationId,
                  projectId: row.projectId,
                }),
              ),
            );
            return { projectId: row.projectId, role };
          }
          await tx
            .insert(projectMembers)
            .values({ projectId: row.projectId, userId: callerId, role, createdAt: now, updatedAt: now })
            .onConflictDoUpdate({
              target: [projectMembers.projectId, projectMembers.userId],
              set: { role, updatedAt: now },
            });
          events.push(
            shareEvent(
              row.projectId,
              create(InvitationAcceptedSchema, {
                meta: meta(project.userId),
                actorId: callerId,
                invitationId,
                projectId: row.projectId,
                memberId: callerId,
                role: roleMessages[role],
              }),
            ),
          );
          return { projectId: row.projectId, role };
        }),
      ),

    leave: (callerId, projectId) => removeMember(callerId, projectId, callerId, true),
    remove: (callerId, projectId, memberId) => removeMember(callerId, projectId, memberId, false),

    changeRole: (callerId, projectId, memberId, role) =>
      write(async (tx, events, now) => {
        const access = await shared(tx, callerId, projectId, "own");
        const before = await memberRow(tx, access.rootId, memberId);
        await tx
          .update(projectMembers)
          .set({ role, updatedAt: now })
          .where(and(eq(projectMembers.projectId, access.rootId), eq(projectMembers.userId, memberId)));
        if (before.role !== role) {
          events.push(
            shareEvent(
              access.rootId,
              create(MemberRoleChangedSchema, {
                meta: meta(access.ownerId),
                actorId: callerId,
                projectId: access.rootId,
                memberId,
                role: roleMessages[role],
              }),
            ),
          );
        }
        const [user] = await tx.select().from(users).where(eq(users.id, memberId));
        return create(MemberSchema, {
          userId: memberId,
          displayName: user?.displayName ?? "",
          email: user?.email ?? "",
          role: roleMessages[role],
          joinedAt: timestampFromDate(before.createdAt),
        });
      }),

    transfer: (callerId, projectId, newOwnerId) =>
      granted(
        write(async (tx, events, now) => {
          const access = await shared(tx, callerId, projectId, "own");
          await memberRow(tx, access.rootId, newOwnerId);
          const tree = await treeOf(tx, access.rootId);
          // Every row of the tree is its owner's: the new owner's from now on. request_id is an owner's idempotency
          // key, so the moved tasks drop theirs rather than collide with the new owner's.
          await tx.update(projects).set({ userId: newOwnerId }).where(inArray(projects.id, tree));
          await tx.update(sections).set({ userId: newOwnerId }).where(inArray(sections.projectId, tree));
          await tx.update(tasks).set({ userId: newOwnerId, requestId: null }).where(inArray(tasks.projectId, tree));
          await tx
            .delete(projectMembers)
            .where(and(eq(projectMembers.projectId, access.rootId), eq(projectMembers.userId, newOwnerId)));
          await tx
            .insert(projectMembers)
            .values({ projectId: access.rootId, userId: callerId, role: "editor", createdAt: now, updatedAt: now });
          events.push(
            shareEvent(
              access.rootId,
              create(ProjectOwnershipTransferredSchema, {
                meta: meta(newOwnerId),
                actorId: callerId,
                projectId: access.rootId,
                fromUserId: callerId,
                toUserId: newOwnerId,
                projectIds: tree,
              }),
            ),
          );
        }),
      ),
  };
}
