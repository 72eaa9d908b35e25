import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { ProjectRole } from "../../../gen/todo/v1/share_pb";
import type { MailStack } from "../testing/mail-stack";
import { callTool, type McpClients, type PeopleMcp, refusal, startPeopleMcp } from "../testing/mcp-stack";
import { type Person, shareWith } from "../testing/share-kit";

let kit: PeopleMcp;
let mail: MailStack;
let owner: Person;
let sara: Person;
let stranger: Person;
let clients: McpClients;

beforeAll(async () => {
  kit = await startPeopleMcp(3);
  ({ mail, clients } = kit);
  [owner, sara, stranger] = kit.people as [Person, Person, Person];
}, 90_000);
afterAll(() => kit?.stop(), 60_000);

type Members = { role: string; members: { user_id: string; email: string; role: string }[]; invitations: unknown[] };
type InvitationOut = { id: string; project_id: string; project_name: string; email: string; role: string };

test("an agent invites by email (editor by default), the invitee's agent accepts, the owner's changes the role and removes them", async () => {
  const { project } = await owner.projects.createProject({ name: "Groceries" });
  const [mine, theirs, nobody] = [await mcpOf(owner), await mcpOf(sara), await mcpOf(stranger)];

  const { invitation } = await callTool<{ invitation: InvitationOut }>(mine, "invite_member", {
    project_id: project!.id,
    email: sara.email,
  });
  expect([invitation.email, invitation.role, invitation.project_name]).toEqual([sara.email, "editor", "Groceries"]);
  // The invitee's agent sees it in-app; the stranger's sees nothing and cannot answer it.
  const listed = await callTool<{ invitations: InvitationOut[] }>(theirs, "list_invitations");
  expect(listed.invitations.map((i) => i.id)).toEqual([invitation.id]);
  expect((await callTool<{ invitations: unknown[] }>(nobody, "list_invitations")).invitations).toEqual([]);
  expect(await refusal(nobody, "accept_invitation", { id: invitation.id })).toContain("NotFound");

  const accepted = await callTool<{ project_id: string; role: string }>(theirs, "accept_invitation", {
    id: invitation.id,
  });
  expect(accepted).toEqual({ project_id: project!.id, role: "editor" });
  const people = await callTool<Members>(mine, "list_members", { project_id: project!.id });
  expect(people.role).toBe("owner");
  expect(people.members.map((m) => [m.email, m.role])).toEqual([
    [owner.email, "owner"],
    [sara.email, "editor"],
  ]);
  const saraId = people.members[1]!.user_id;
  // The editor writes in the project through her own tools; she may not invite or remove (owner only).
  await callTool(theirs, "add_task", { title: "milk", project_id: project!.id });
  expect(await refusal(theirs, "invite_member", { project_id: project!.id, email: "x@example.com" })).toContain(
    "PermissionDenied",
  );
  expect(await refusal(theirs, "remove_member", { project_id: project!.id, user_id: saraId })).toContain(
    "PermissionDenied",
  );
  // A stranger's agent learns nothing about the project.
  expect(await refusal(nobody, "list_members", { project_id: project!.id })).toContain("NotFound");

  // Viewer: reads, may not write.
  const changed = await callTool<{ member: { role: string } }>(mine, "change_member_role", {
    project_id: project!.id,
    user_id: saraId,
    role: "viewer",
  });
  expect(changed.member.role).toBe("viewer");
  expect(await refusal(theirs, "add_task", { title: "eggs", project_id: project!.id })).toContain("PermissionDenied");
  expect((await callTool<Members>(theirs, "list_members", { project_id: project!.id })).role).toBe("viewer");

  // The owner cannot leave their own project; removing Sara cuts her access at once.
  expect(await refusal(mine, "leave_project", { project_id: project!.id })).toContain("FailedPrecondition");
  await callTool(mine, "remove_member", { project_id: project!.id, user_id: saraId });
  expect(await refusal(theirs, "list_members", { project_id: project!.id })).toContain("NotFound");
}, 60_000);

test("a member's agent leaves; an invitation can be withdrawn or declined; bad input is refused, never internal", async () => {
  const { project } = await owner.projects.createProject({ name: "Trip" });
  await shareWith(mail, owner, project!.id, sara, ProjectRole.VIEWER);
  const [mine, theirs] = [await mcpOf(owner), await mcpOf(sara)];
  expect((await callTool<Members>(theirs, "list_members", { project_id: project!.id })).role).toBe("viewer");
  await callTool(theirs, "leave_project", { project_id: project!.id });
  expect(await refusal(theirs, "list_members", { project_id: project!.id })).toContain("NotFound");
  const members = await callTool<Members>(mine, "list_members", { project_id: project!.id });
  expect(members.members.map((m) => m.email)).toEqual([owner.email]);

  // Withdrawn: the invitee no longer sees it. Declined: gone from their list, and not a member.
  const first = await callTool<{ invitation: InvitationOut }>(mine, "invite_member", {
    project_id: project!.id,
    email: sara.email,
    role: "viewer",
  });
  expect(first.invitation.role).toBe("viewer");
  await callTool(mine, "revoke_invitation", { id: first.invitation.id });
  expect((await callTool<{ invitations: unknown[] }>(theirs, "list_invitations")).invitations).toEqual([]);
  const second = await callTool<{ invitation: InvitationOut }>(mine, "invite_member", {
    project_id: project!.id,
    email: sara.email,
  });
  await callTool(theirs, "decline_invitation", { id: second.invitation.id });
  expect((await callTool<{ invitations: unknown[] }>(theirs, "list_invitations")).invitations).toEqual([]);
  expect(await refusal(theirs, "list_members", { project_id: project!.id })).toContain("NotFound");

  for (const [name, args, expected] of [
    ["invite_member", { project_id: project!.id, email: "not an address" }, "InvalidArgument"],
    ["invite_member", { project_id: project!.id, email: sara.email, role: "owner" }, "Input validation error"],
    ["change_member_role", { project_id: "nope", user_id: sara.userId, role: "editor" }, "Input validation error"],
    ["list_members", {}, "Input validation error"],
  ] as const) {
    const text = await refusal(mine, name, args);
    expect([name, text.includes(expected)]).toEqual([name, true]);
  }
}, 60_000);

const mcpOf = (who: Person): Promise<Client> => clients.overHttp(who.accessToken);
