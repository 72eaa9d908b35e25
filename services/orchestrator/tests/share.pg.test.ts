import { afterAll, beforeAll, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { ProjectRole } from "../../../gen/todo/v1/share_pb";
import { codeOf } from "../../platform/testing/outcome";
import { waitFor } from "../../platform/testing/wait";
import { type MailStack, startMailStack } from "../testing/mail-stack";
import { invitationToken, type Person, person, shareWith, watch } from "../testing/share-kit";

let mail: MailStack;
let owner: Person;

beforeAll(async () => {
  mail = await startMailStack({ AUTH_LIMIT_PER_ACCOUNT: "1000", AUTH_LIMIT_PER_ADDRESS: "1000" });
  owner = await person(mail);
}, 60_000);
afterAll(() => mail?.stop(), 60_000);

/** quotedPrintable undoes the transfer encoding nodemailer may use (soft breaks, =XX bytes of UTF-8). */
const quotedPrintable = (text: string) => {
  const latin1 = text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return new TextDecoder().decode(Uint8Array.from(latin1, (c) => c.charCodeAt(0) & 0xff));
};

test("an invitation is mailed with a single-use link, listed in-app for the addressee, and accepting it shares the project", async () => {
  const sara = await person(mail);
  const { project } = await owner.projects.createProject({ name: "Groceries" });
  const { invitation } = await owner.share.inviteMember({
    projectId: project!.id,
    email: sara.email.toUpperCase(),
    role: ProjectRole.EDITOR,
  });
  expect(invitation!.email).toBe(sara.email);
  // The mail carries the link; its secret is derived from the id, not stored anywhere.
  const mailed = await waitFor(
    "the invitation email",
    () => mail.sink.received.find((m) => m.to.includes(sara.email) && m.text.includes("/invitation?")),
    10_000,
  );
  // The subject names the project (nodemailer may send it as an RFC 2047 encoded word).
  expect(mailed.subject).toContain("Groceries");
  const text = quotedPrintable(mailed.text);
  const link = new URL(/https?:\/\/\S+\/invitation\?\S+/.exec(text)![0]);
  expect(link.searchParams.get("id")).toBe(invitation!.id);
  expect(link.searchParams.get("token")).toBe(invitationToken(mail, invitation!.id));
  expect(text).toContain("دعوت");
  expect(text).toContain("dawat");
  // In-app: the addressee sees it; nobody else does.
  expect((await sara.share.listInvitations({})).invitations.map((i) => i.id)).toEqual([invitation!.id]);
  const stranger = await person(mail);
  expect((await stranger.share.listInvitations({})).invitations).toEqual([]);
  // A wrong token, or someone else's in-app answer, finds nothing.
  expect(await codeOf(stranger.share.acceptInvitation({ id: invitation!.id, token: "x".repeat(43) }))).toBe("NotFound");
  expect(await codeOf(stranger.share.acceptInvitation({ id: invitation!.id }))).toBe("NotFound");
  // Accepted by the link (single use): Sara now sees the project and its tasks, and may write.
  const { task } = await owner.tasks.createTask({ title: "milk", projectId: project!.id });
  const accepted = await sara.share.acceptInvitation({ id: invitation!.id, token: link.searchParams.get("token")! });
  expect(accepted.role).toBe(ProjectRole.EDITOR);
  expect(
    await codeOf(sara.share.acceptInvitation({ id: invitation!.id, token: link.searchParams.get("token")! })),
  ).toBe("FailedPrecondition");
  expect((await sara.projects.listProjects({})).projects.map((p) => p.name)).toContain("Groceries");
  expect((await sara.tasks.listTasks({})).tasks.map((t) => t.title)).toContain("milk");
  const { task: eggs } = await sara.tasks.createTask({ title: "eggs", projectId: project!.id });
  // The task is the project's owner's (recurrence, reminders and audit follow the owner), and the owner sees it.
  expect((await owner.tasks.getTask({ id: eggs!.id })).task!.title).toBe("eggs");
  await sara.tasks.completeTask({ id: task!.id });
  expect((await owner.tasks.getTask({ id: task!.id })).task!.completedAt).toBeDefined();
  const { members, role } = await sara.share.listMembers({ projectId: project!.id });
  expect(role).toBe(ProjectRole.EDITOR);
  expect(members.map((m) => [m.userId, m.role])).toEqual([
    [owner.userId, ProjectRole.OWNER],
    [sara.userId, ProjectRole.EDITOR],
  ]);
  expect((await sara.share.listInvitations({})).invitations).toEqual([]);
}, 60_000);

test("declined, revoked and expired invitations work no more; the Inbox and sub-projects are never shared directly", async () => {
  const ali = await person(mail);
  const { project } = await owner.projects.createProject({ name: "Declined" });
  const { invitation } = await owner.share.inviteMember({ projectId: project!.id, email: ali.email, role: 3 });
  await ali.share.declineInvitation({ id: invitation!.id });
  expect(await codeOf(ali.share.acceptInvitation({ id: invitation!.id }))).toBe("FailedPrecondition");
  expect(await codeOf(ali.projects.getProject({ id: project!.id }))).toBe("NotFound");

  const { invitation: second } = await owner.share.inviteMember({ projectId: project!.id, email: ali.email, role: 3 });
  await owner.share.revokeInvitation({ id: second!.id });
  expect(await codeOf(ali.share.acceptInvitation({ id: second!.id }))).toBe("FailedPrecondition");

  const { invitation: third } = await owner.share.inviteMember({ projectId: project!.id, email: ali.email, role: 3 });
  await mail.stack.deps.database.db.execute(
    sql`update orchestrator.project_invitations set expires_at = now() - interval '1 second' where id = ${third!.id}`,
  );
  expect(await codeOf(ali.share.acceptInvitation({ id: third!.id }))).toBe("FailedPrecondition");
  expect((await ali.share.listInvitations({})).invitations).toEqual([]);

  const inbox = (await owner.projects.listProjects({})).projects.find((p) => p.inbox)!;
  expect(await codeOf(owner.share.inviteMember({ projectId: inbox.id, email: ali.email, role: 2 }))).toBe(
    "InvalidArgument",
  );
  const { project: child } = await owner.projects.createProject({ name: "child", parentId: project!.id });
  expect(await codeOf(owner.share.inviteMember({ projectId: child!.id, email: ali.email, role: 2 }))).toBe(
    "InvalidArgument",
  );
  // Bad input names its field; the owner cannot invite themselves; an unverified inviter cannot invite at all.
  expect(await codeOf(owner.share.inviteMember({ projectId: project!.id, email: "not an email", role: 2 }))).toBe(
    "InvalidArgument",
  );
  expect(await codeOf(owner.share.inviteMember({ projectId: project!.id, email: ali.email, role: 1 }))).toBe(
    "InvalidArgument",
  );
  expect(await codeOf(owner.share.inviteMember({ projectId: project!.id, email: owner.email, role: 2 }))).toBe(
    "InvalidArgument",
  );
  const unverified = await person(mail, false);
  const { project: theirs } = await unverified.projects.createProject({ name: "spam" });
  expect(await codeOf(unverified.share.inviteMember({ projectId: theirs!.id, email: ali.email, role: 2 }))).toBe(
    "FailedPrecondition",
  );
}, 60_000);

test("sub-projects inherit membership; leave, change role and transfer ownership", async () => {
  const [editor, viewer] = await Promise.all([person(mail), person(mail)]);
  const { project } = await owner.projects.createProject({ name: "Household" });
  const { project: child } = await owner.projects.createProject({ name: "Kitchen", parentId: project!.id });
  await shareWith(mail, owner, project!.id, editor, ProjectRole.EDITOR);
  await shareWith(mail, owner, project!.id, viewer, ProjectRole.VIEWER);
  // The sub-project (and what is in it) is shared with the top-level project's members.
  const { task } = await editor.tasks.createTask({ title: "clean the oven", projectId: child!.id });
  expect((await viewer.tasks.getTask({ id: task!.id })).task!.title).toBe("clean the oven");
  expect(await codeOf(viewer.tasks.completeTask({ id: task!.id }))).toBe("PermissionDenied");
  expect((await viewer.share.listMembers({ projectId: child!.id })).members).toHaveLength(3);

  await owner.share.changeMemberRole({ projectId: project!.id, userId: viewer.userId, role: ProjectRole.EDITOR });
  await viewer.tasks.completeTask({ id: task!.id });

  await viewer.share.leaveProject({ projectId: project!.id });
  expect(await codeOf(viewer.tasks.getTask({ id: task!.id }))).toBe("NotFound");
  expect(await codeOf(owner.share.leaveProject({ projectId: project!.id }))).toBe("FailedPrecondition");

  // Ownership moves with every row of the tree; the former owner stays as an editor.
  await owner.share.transferOwnership({ projectId: project!.id, userId: editor.userId });
  const { members } = await editor.share.listMembers({ projectId: project!.id });
  expect(members.map((m) => [m.userId, m.role])).toEqual([
    [editor.userId, ProjectRole.OWNER],
    [owner.userId, ProjectRole.EDITOR],
  ]);
  expect(await codeOf(owner.share.removeMember({ projectId: project!.id, userId: editor.userId }))).toBe(
    "PermissionDenied",
  );
  await editor.share.removeMember({ projectId: project!.id, userId: owner.userId });
  expect(await codeOf(owner.projects.getProject({ id: child!.id }))).toBe("NotFound");
  expect((await editor.tasks.getTask({ id: task!.id })).task!.title).toBe("clean the oven");
  expect((await editor.projects.listProjects({})).projects.map((p) => p.name)).toEqual(
    expect.arrayContaining(["Household", "Kitchen"]),
  );
}, 60_000);

test("a member's open stream gets the shared project's changes; removing the member cuts it within a second", async () => {
  const member = await person(mail);
  const bystander = await person(mail);
  const { project } = await owner.projects.createProject({ name: "Live together" });
  await shareWith(mail, owner, project!.id, member, ProjectRole.EDITOR);
  await shareWith(mail, owner, project!.id, bystander, ProjectRole.VIEWER);
  const stream = watch(member);
  // Streams of people who keep access: the owner's and another member's of the same project.
  const unrelated = [watch(owner), watch(bystander)];
  await Bun.sleep(300); // the streams are open
  await owner.tasks.createTask({ title: "before removal", projectId: project!.id });
  await waitFor(
    "the member's stream to get the owner's change",
    () => stream.changes.find((c) => c.task?.title === "before removal"),
    5_000,
  );
  const removedAt = Date.now();
  await owner.share.removeMember({ projectId: project!.id, userId: member.userId });
  await waitFor("the member's stream to be cut", () => stream.ended(), 2_000);
  expect(stream.ended()! - removedAt).toBeLessThan(1_000);
  // Reconnected, the removed member gets nothing of the project, and its ids are NotFound.
  const again = watch(member);
  await Bun.sleep(300);
  const { task } = await owner.tasks.createTask({ title: "after removal", projectId: project!.id });
  await Bun.sleep(500);
  expect(again.changes.filter((c) => c.task?.projectId === project!.id)).toEqual([]);
  expect(stream.changes.some((c) => c.task?.title === "after removal")).toBe(false);
  expect(await codeOf(member.tasks.getTask({ id: task!.id }))).toBe("NotFound");
  // Only the removed member's streams were cut: the others stayed open and have the change made after.
  for (const open of unrelated) {
    expect(open.ended()).toBeUndefined();
    expect(open.changes.some((c) => c.task?.title === "after removal")).toBe(true);
  }
  await Promise.all([stream.close(), again.close(), ...unrelated.map((open) => open.close())]);
}, 60_000);
