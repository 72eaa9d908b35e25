import { afterAll, beforeAll, expect, test } from "bun:test";
import { fromBinary } from "@bufbuild/protobuf";
import type { Client } from "@connectrpc/connect";
import { sql } from "drizzle-orm";
import { InvitationDeclinedSchema, MemberRemovedSchema } from "../../../gen/todo/events/v1/share_events_pb";
import { TaskAssignedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import { CommentService } from "../../../gen/todo/v1/comment_service_pb";
import { ProjectRole } from "../../../gen/todo/v1/share_pb";
import { rowsOf } from "../../platform/db/database";
import { codeOf } from "../../platform/testing/outcome";
import { connectClient } from "../../platform/testing/tokens";
import { waitFor } from "../../platform/testing/wait";
import { type MailStack, startMailStack } from "../testing/mail-stack";
import { type Person, person, shareWith, watch } from "../testing/share-kit";

/*
 * Deleting an account that shares (issue 15, docs/sharing.md "Deleted accounts"): it leaves every project shared
 * with it (its tasks there unassigned, MemberRemoved), its own projects' members are removed (their streams cut) and
 * invitations to them withdrawn, open invitations to its verified address are declined, and its comments in others'
 * projects stay with the author shown as a deleted account.
 */

let mail: MailStack;
beforeAll(async () => {
  mail = await startMailStack({ AUTH_LIMIT_PER_ACCOUNT: "1000", AUTH_LIMIT_PER_ADDRESS: "1000" });
}, 60_000);
afterAll(() => mail?.stop(), 60_000);

const password = "correct horse battery";
const comments = (p: Person): Client<typeof CommentService> =>
  connectClient(CommentService, mail.stack.baseUrl, p.accessToken);
const query = async <T>(statement: ReturnType<typeof sql>) =>
  rowsOf<T>(await mail.stack.deps.database.db.execute(statement));

/** queued decodes the outbox's events of one type keyed by any of `keys` (published ones are kept an hour). */
async function queued<
  T extends typeof MemberRemovedSchema | typeof InvitationDeclinedSchema | typeof TaskAssignedSchema,
>(schema: T, keys: string[]) {
  const rows = await query<{ payload: Uint8Array }>(
    sql`select payload from orchestrator.outbox where event_type = ${schema.typeName} and key in ${keys} order by id`,
  );
  return rows.map((r) => fromBinary(schema, new Uint8Array(r.payload)));
}

test("a deleted account leaves every shared project, its members and invitations go, its comments stay authorless", async () => {
  const owner = await person(mail);
  const leaving = await person(mail);
  const friend = await person(mail);
  const other = await person(mail);
  // The owner's project, shared with the leaving account (editor) and a friend; a task assigned to the leaving one,
  // and a comment of theirs on it.
  const { project: shared } = await owner.projects.createProject({ name: "Team" });
  await shareWith(mail, owner, shared!.id, leaving, ProjectRole.EDITOR);
  await shareWith(mail, owner, shared!.id, friend, ProjectRole.VIEWER);
  const { task } = await owner.tasks.createTask({
    title: "write the report",
    projectId: shared!.id,
    assigneeId: leaving.userId,
  });
  const { comment } = await comments(leaving).addComment({ taskId: task!.id, body: "draft is in the folder" });
  // The leaving account's own project, shared with the friend, and an open invitation from it.
  const { project: own } = await leaving.projects.createProject({ name: "Mine" });
  await shareWith(mail, leaving, own!.id, friend, ProjectRole.EDITOR);
  const { invitation: sent } = await leaving.share.inviteMember({
    projectId: own!.id,
    email: `someone-${crypto.randomUUID().slice(0, 8)}@example.com`,
    role: ProjectRole.VIEWER,
  });
  // An open invitation to the leaving account's address, from someone else.
  const { project: theirs } = await other.projects.createProject({ name: "Theirs" });
  const { invitation: received } = await other.share.inviteMember({
    projectId: theirs!.id,
    email: leaving.email,
    role: ProjectRole.EDITOR,
  });
  const friendStream = watch(friend);
  const ownerStream = watch(owner);
  await Bun.sleep(300); // the streams are open

  const deletedAt = Date.now();
  await leaving.auth.deleteAccount({ password });

  // Not a member anywhere, and nobody is a member of its projects: ListMembers shows no blank profile.
  const rows = await query<{ n: number }>(
    sql`select count(*)::int as n from orchestrator.project_members where user_id = ${leaving.userId} or project_id = ${own!.id}`,
  );
  expect(rows[0]!.n).toBe(0);
  const { members } = await owner.share.listMembers({ projectId: shared!.id });
  expect(members.map((m) => m.userId).sort()).toEqual([owner.userId, friend.userId].sort());
  expect(members.every((m) => m.displayName !== "")).toBe(true);
  // Its task there is unassigned, with the TaskAssigned the removal writes.
  expect((await owner.tasks.getTask({ id: task!.id })).task!.assigneeId).toBe("");
  const assigned = await queued(TaskAssignedSchema, [task!.id]);
  expect(assigned.at(-1)).toMatchObject({ previousAssigneeId: leaving.userId, task: { assigneeId: "" } });
  // MemberRemoved: it left the owner's project (to the owner's chain); the friend was removed from its own.
  const removed = await queued(MemberRemovedSchema, [shared!.id, own!.id]);
  expect(removed.map((e) => [e.projectId, e.memberId, e.left, e.actorId, e.meta?.userId])).toEqual([
    [shared!.id, leaving.userId, true, leaving.userId, owner.userId],
    [own!.id, friend.userId, false, leaving.userId, leaving.userId],
  ]);
  // The friend's open stream is cut at once (their client reads again, without the project); the owner's stays.
  await waitFor("the friend's stream to be cut", () => friendStream.ended(), 3_000);
  expect(friendStream.ended()! - deletedAt).toBeLessThan(2_000);
  expect((await friend.projects.listProjects({})).projects.map((p) => p.id)).not.toContain(own!.id);
  expect(await codeOf(friend.projects.getProject({ id: own!.id }))).toBe("NotFound");
  expect(ownerStream.ended()).toBeUndefined();

  // Its invitation is withdrawn; the one to its address declined, the other owner's pending list empty.
  const outcomes = await query<{ id: string; outcome: string }>(
    sql`select id, outcome from orchestrator.project_invitations where id in (${sent!.id}, ${received!.id})`,
  );
  expect(Object.fromEntries(outcomes.map((r) => [r.id, r.outcome]))).toEqual({
    [sent!.id]: "revoked",
    [received!.id]: "declined",
  });
  expect((await other.share.listMembers({ projectId: theirs!.id })).invitations).toEqual([]);
  const declined = await queued(InvitationDeclinedSchema, [theirs!.id]);
  expect(declined.map((e) => [e.invitationId, e.revoked, e.actorId, e.meta?.userId])).toEqual([
    [received!.id, false, leaving.userId, other.userId],
  ]);

  // Its comment stays in the owner's project: the text, with no name (the web shows "deleted account").
  const thread = await comments(owner).listComments({ taskId: task!.id });
  expect(thread.comments.map((c) => [c.id, c.body, c.authorId, c.authorName])).toEqual([
    [comment!.id, "draft is in the folder", leaving.userId, ""],
  ]);
  await Promise.all([friendStream.close(), ownerStream.close()]);
}, 120_000);

test("deleting an account that never verified its address leaves that address's invitations open", async () => {
  const other = await person(mail);
  const claimant = await person(mail, false);
  const { project } = await other.projects.createProject({ name: "For the real owner of the address" });
  const { invitation } = await other.share.inviteMember({
    projectId: project!.id,
    email: claimant.email,
    role: ProjectRole.EDITOR,
  });
  await claimant.auth.deleteAccount({ password });
  const [row] = await query<{ outcome: string | null }>(
    sql`select outcome from orchestrator.project_invitations where id = ${invitation!.id}`,
  );
  expect(row!.outcome).toBeNull();
  expect((await other.share.listMembers({ projectId: project!.id })).invitations.map((i) => i.id)).toEqual([
    invitation!.id,
  ]);
}, 60_000);
