import { afterAll, beforeAll, expect, setDefaultTimeout, test } from "bun:test";
import type { Client } from "@connectrpc/connect";
import { PendingKind } from "../../../gen/todo/v1/chat_service_pb";
import { ProjectService } from "../../../gen/todo/v1/project_service_pb";
import { ShareService } from "../../../gen/todo/v1/share_service_pb";
import { createNotification } from "../../notification/notification";
import { type SmtpSink, startSmtpSink } from "../../notification/testing/smtp-sink";
import { verifyThroughLink } from "../../notification/testing/verify-email";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { connectClient } from "../../platform/testing/tokens";
import { createSkills } from "../../skills/skills";
import { createOrchestrator } from "../orchestrator";
import { type ChatSession, chatSession } from "../testing/chat-session";

// Issue 15 in chat: share, list members, remove and leave in English, Urdu script and Roman Urdu, on the
// deterministic path (no model), through the share tools; every change waits for a yes; an ambiguous project
// or person is asked about, never guessed.
let sink: SmtpSink;
let stack: TestStack;
setDefaultTimeout(60_000);
beforeAll(async () => {
  sink = await startSmtpSink();
  stack = await startTestStack([createSkills, createOrchestrator, createNotification], {
    kafka: false,
    env: { SMTP_URL: sink.url, AUTH_LIMIT_PER_ADDRESS: "1000", AUTH_LIMIT_PER_ACCOUNT: "1000" },
  });
}, 90_000);
afterAll(async () => {
  await stack?.stop();
  await sink?.close();
}, 60_000);

interface Person extends ChatSession {
  projects: Client<typeof ProjectService>;
  share: Client<typeof ShareService>;
}

async function person(): Promise<Person> {
  const session = await chatSession(stack.baseUrl);
  const status = await verifyThroughLink(sink, session.email, stack.baseUrl);
  if (status !== 200) throw new Error(`verification answered ${status}`);
  return {
    ...session,
    projects: connectClient(ProjectService, stack.baseUrl, session.accessToken),
    share: connectClient(ShareService, stack.baseUrl, session.accessToken),
  };
}

/** joins: the invitee accepts in-app (their verified address proves the invitation is theirs). */
async function joins(member: Person): Promise<void> {
  const { invitations } = await member.share.listInvitations({});
  for (const invitation of invitations) await member.share.acceptInvitation({ id: invitation.id });
}

const emails = async (owner: Person, projectId: string) =>
  (await owner.share.listMembers({ projectId })).members.map((m) => m.email);

test("share, who is in it, remove: each change waits for a yes (English)", async () => {
  const owner = await person();
  const sara = await person();
  const groceries = (await owner.projects.createProject({ name: "Groceries" })).project!.id;

  const asked = await owner.say(`share Groceries with ${sara.email}`);
  expect(asked.pending).toMatchObject({ kind: PendingKind.CONFIRMATION });
  expect(asked.reply?.text).toContain("editor");
  expect((await owner.share.listMembers({ projectId: groceries })).invitations).toEqual([]);
  const yes = await owner.say("yes");
  expect(yes.reply?.text).toContain("Invited");
  const [invitation] = (await owner.share.listMembers({ projectId: groceries })).invitations;
  expect(invitation?.email).toBe(sara.email);
  await joins(sara);

  const who = await owner.say("who is in Groceries?");
  expect(who.reply?.text).toContain(sara.email);
  expect(who.reply?.text).toContain(owner.email);
  expect(who.pending).toBeUndefined();

  // A no changes nothing; a yes removes her, and her chat no longer finds the project.
  const firstName = sara.email.split("@")[0]!;
  expect((await owner.say(`remove ${firstName} from Groceries`)).pending?.kind).toBe(PendingKind.CONFIRMATION);
  expect((await owner.say("no")).reply?.text).not.toContain("Removed");
  expect(await emails(owner, groceries)).toContain(sara.email);
  await owner.say(`remove ${firstName} from Groceries`);
  expect((await owner.say("yes")).reply?.text).toContain("Removed");
  expect(await emails(owner, groceries)).toEqual([owner.email]);
  expect((await sara.say("who is in Groceries?")).reply?.text).toContain("no project");
});

test("as viewer, in Roman Urdu; a name that is not an address is asked for, never guessed", async () => {
  const owner = await person();
  const ali = await person();
  const trip = (await owner.projects.createProject({ name: "Trip" })).project!.id;
  const noAddress = await owner.say("share Trip with Ali");
  expect(noAddress.pending).toBeUndefined();
  expect(noAddress.reply?.text).toContain("email");
  await owner.say(`Trip ${ali.email} ke sath viewer ke taur par share karo`);
  const yes = await owner.say("haan");
  expect(yes.reply?.text).toContain("dawat");
  const [invitation] = (await owner.share.listMembers({ projectId: trip })).invitations;
  expect(invitation?.role).toBe(3); // VIEWER
});

test("two projects of one name are asked about, then a member removed by address after a yes (Urdu)", async () => {
  const owner = await person();
  const first = await person();
  const second = await person();
  const home = (await owner.projects.createProject({ name: "گھر" })).project!.id;
  const parent = (await owner.projects.createProject({ name: "کام" })).project!.id;
  await owner.projects.createProject({ name: "گھر", parentId: parent });
  const asked = await owner.say("گھر میں کون کون ہے؟");
  expect(asked.pending?.kind).toBe(PendingKind.CLARIFICATION);
  expect(asked.pending?.options).toHaveLength(2);
  expect((await owner.say("1")).reply?.text).toContain(owner.email);

  // Removal by address in Urdu: the project name is ambiguous (asked), then the member is found and confirmed.
  for (const member of [first, second]) {
    await owner.share.inviteMember({ projectId: home, email: member.email, role: 2 });
    await joins(member);
  }
  const removeBoth = await owner.say(`${first.email} کو گھر پروجیکٹ سے نکال دو`);
  expect(removeBoth.pending?.kind).toBe(PendingKind.CLARIFICATION);
  const picked = await owner.say("1");
  expect(picked.pending?.kind).toBe(PendingKind.CONFIRMATION);
  await owner.say("ہاں");
  expect(await emails(owner, home)).toEqual([owner.email, second.email]);
});

test("leave: a member leaves after a yes; the owner is told to hand it over first", async () => {
  const owner = await person();
  const member = await person();
  const shared = (await owner.projects.createProject({ name: "Garden" })).project!.id;
  await owner.share.inviteMember({ projectId: shared, email: member.email, role: 2 });
  await joins(member);
  expect((await member.say("leave Garden")).pending?.kind).toBe(PendingKind.CONFIRMATION);
  expect((await member.say("yes")).reply?.text).toContain("You left");
  expect(await emails(owner, shared)).toEqual([owner.email]);
  await owner.say("Garden project chhor dena hai");
  expect((await owner.say("haan")).reply?.text).toContain("malik");
  // Look-alikes stay tasks.
  const task = await owner.say("leave home at 8");
  expect(task.actions[0]?.tool).toBe("add_task");
});

test("two members a name fits are asked about, and the one picked is removed after a yes", async () => {
  const owner = await person();
  const first = await person();
  const second = await person();
  const home = (await owner.projects.createProject({ name: "Home" })).project!.id;
  for (const member of [first, second]) {
    await owner.share.inviteMember({ projectId: home, email: member.email, role: 2 });
    await joins(member);
  }
  // Every test account is called "Test User": "Test" fits both members, so the chat asks which.
  const asked = await owner.say("remove Test from Home");
  expect(asked.pending?.kind).toBe(PendingKind.CLARIFICATION);
  expect(asked.pending?.options).toHaveLength(2);
  const which = asked.pending!.options.findIndex((option) => option.includes(second.email));
  const picked = await owner.say(String(which + 1));
  expect(picked.pending?.kind).toBe(PendingKind.CONFIRMATION);
  expect(picked.reply?.text).toContain(second.email);
  await owner.say("yes");
  expect(await emails(owner, home)).toEqual([owner.email, first.email]);
});
