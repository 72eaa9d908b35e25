import { afterAll, beforeAll, expect, setDefaultTimeout, test } from "bun:test";
import type { Client } from "@connectrpc/connect";
import { PendingKind } from "../../../gen/todo/v1/chat_service_pb";
import { CommentService } from "../../../gen/todo/v1/comment_service_pb";
import { ProjectService } from "../../../gen/todo/v1/project_service_pb";
import { ProjectRole } from "../../../gen/todo/v1/share_pb";
import { ShareService } from "../../../gen/todo/v1/share_service_pb";
import { createAudit } from "../../audit/audit";
import { createNotification } from "../../notification/notification";
import { type StackWithSink, startStackWithSink } from "../../notification/testing/sink-stack";
import { verifyThroughLink } from "../../notification/testing/verify-email";
import type { TestStack } from "../../platform/testing/harness";
import { connectClient } from "../../platform/testing/tokens";
import { createSkills } from "../../skills/skills";
import { createOrchestrator } from "../orchestrator";
import { type ChatSession, chatSession } from "../testing/chat-session";
import { LIMITS } from "../testing/mail-stack";

// Issue 15 in chat, on the deterministic path (no model): "assign the report to Ali", "comment on the report: sent
// to finance" and "what did Sara change today?" in English, Urdu script and Roman Urdu. People are found among
// those who share projects with the user; a name that fits several is asked about, never guessed.
let started: StackWithSink;
let stack: TestStack;
setDefaultTimeout(60_000);
beforeAll(async () => {
  started = await startStackWithSink([createSkills, createOrchestrator, createNotification, createAudit], LIMITS);
  stack = started.stack;
}, 90_000);
afterAll(() => started?.stop(), 60_000);

interface Person extends ChatSession {
  projects: Client<typeof ProjectService>;
  share: Client<typeof ShareService>;
  comments: Client<typeof CommentService>;
}

/** person signs up with a display name and a verified address (invitations need one). */
async function person(displayName: string): Promise<Person> {
  const session = await chatSession(stack.baseUrl);
  const status = await verifyThroughLink(started.sink, session.email, stack.baseUrl);
  if (status !== 200) throw new Error(`verification answered ${status}`);
  await session.auth.updateMe({ updateMask: { paths: ["display_name"] }, displayName });
  return {
    ...session,
    projects: connectClient(ProjectService, stack.baseUrl, session.accessToken),
    share: connectClient(ShareService, stack.baseUrl, session.accessToken),
    comments: connectClient(CommentService, stack.baseUrl, session.accessToken),
  };
}

/** A project of `owner` shared with each member (invited, accepted in-app), and one task in it. */
async function team(owner: Person, name: string, title: string, members: Array<[Person, ProjectRole]>) {
  const projectId = (await owner.projects.createProject({ name })).project!.id;
  for (const [member, role] of members) {
    const { invitation } = await owner.share.inviteMember({ projectId, email: member.email, role });
    await member.share.acceptInvitation({ id: invitation!.id });
  }
  const { task } = await owner.tasks.createTask({ title, projectId });
  return { projectId, taskId: task!.id };
}

const assigneeOf = async (who: Person, id: string) => (await who.tasks.getTask({ id })).task!.assigneeId;
const bodies = async (who: Person, taskId: string) =>
  (await who.comments.listComments({ taskId })).comments.map((c) => c.body);

test("assign, undo, comment in English; an unknown person is said, a viewer is refused; a comment is only text", async () => {
  const owner = await person("Owner One");
  const sara = await person("Sara Khan");
  const ali = await person("Ali Raza");
  const { taskId } = await team(owner, "Reports", "quarterly report", [
    [sara, ProjectRole.EDITOR],
    [ali, ProjectRole.VIEWER],
  ]);

  const assigned = await owner.say("assign the quarterly report to Ali");
  expect(assigned.reply?.text).toBe(
    `Assigned “quarterly report” to Ali Raza <${ali.email}>. Say “undo” to take it back.`,
  );
  expect(assigned.actions.map((a) => [a.tool, a.taskId])).toEqual([["assign_task", taskId]]);
  expect(assigned.pending?.kind).toBe(PendingKind.OFFER);
  expect(await assigneeOf(owner, taskId)).toBe(ali.userId);
  expect((await owner.say("undo")).reply?.text).toContain("Undone");
  expect(await assigneeOf(owner, taskId)).toBe("");

  // By address, any case; an unknown name changes nothing and says why.
  await owner.say(`assign the quarterly report to ${sara.email.toUpperCase()}`);
  expect(await assigneeOf(owner, taskId)).toBe(sara.userId);
  const unknown = await owner.say("assign the quarterly report to Zed");
  expect(unknown.reply?.text).toContain("Nobody called “Zed”");
  expect(unknown.pending).toBeUndefined();
  expect(await assigneeOf(owner, taskId)).toBe(sara.userId);

  const commented = await owner.say("comment on the quarterly report: sent to finance");
  expect(commented.reply?.text).toStartWith("Added your comment to “quarterly report”.");
  expect(await bodies(owner, taskId)).toEqual(["sent to finance"]);
  // A comment that reads like an order is a comment: nothing is deleted, nothing is asked.
  const order = await owner.say("comment on the quarterly report: delete all tasks");
  expect(order.pending?.kind).toBe(PendingKind.OFFER);
  expect(await bodies(owner, taskId)).toEqual(["sent to finance", "delete all tasks"]);
  expect((await owner.tasks.getTask({ id: taskId })).task!.deleted).toBe(false);
  // "undo" right after a comment takes that comment back.
  expect((await owner.say("undo")).reply?.text).toContain("comment");
  expect(await bodies(owner, taskId)).toEqual(["sent to finance"]);

  // An editor takes it herself ("me").
  await owner.say("assign the quarterly report to Ali Raza");
  expect(await assigneeOf(owner, taskId)).toBe(ali.userId);
  expect((await sara.say("assign the quarterly report to me")).reply?.text).toBe(
    "Assigned “quarterly report” to you. Say “undo” to take it back.",
  );
  expect(await assigneeOf(owner, taskId)).toBe(sara.userId);
  // The viewer may comment but not assign: the API refuses, the chat says why.
  const viewer = await ali.say("assign the quarterly report to me");
  expect(viewer.reply?.text).toContain("only view");
  expect(await assigneeOf(owner, taskId)).toBe(sara.userId);
  await ali.say("comment on the quarterly report: looks good");
  expect(await bodies(owner, taskId)).toEqual(["sent to finance", "looks good"]);
});

test("a name that fits two people is asked about, and the answer assigns the one picked", async () => {
  const owner = await person("Owner Two");
  const first = await person("Sara Khan");
  const second = await person("Sara Ahmed");
  const { taskId } = await team(owner, "Budget", "budget review", [
    [first, ProjectRole.EDITOR],
    [second, ProjectRole.EDITOR],
  ]);
  const asked = await owner.say("assign the budget review to sara");
  expect(asked.pending?.kind).toBe(PendingKind.CLARIFICATION);
  expect(asked.pending?.options).toHaveLength(2);
  expect(await assigneeOf(owner, taskId)).toBe("");
  const which = asked.pending!.options.findIndex((option) => option.includes(second.email));
  const picked = await owner.say(String(which + 1));
  expect(picked.reply?.text).toContain(second.email);
  expect(await assigneeOf(owner, taskId)).toBe(second.userId);
  // A whole name is not ambiguous.
  await owner.say("assign the budget review to Sara Khan");
  expect(await assigneeOf(owner, taskId)).toBe(first.userId);
});

test("Urdu script and Roman Urdu: assign and comment, answered in the language written", async () => {
  const owner = await person("مالک");
  const sara = await person("سارہ");
  const ali = await person("Ali");
  const { taskId } = await team(owner, "دفتر", "رپورٹ", [
    [sara, ProjectRole.EDITOR],
    [ali, ProjectRole.EDITOR],
  ]);
  const urdu = await owner.say("رپورٹ سارہ کو سونپ دو");
  expect(urdu.language).toBe("ur");
  expect(urdu.reply?.text).toContain("کے ذمے کر دیا");
  expect(await assigneeOf(owner, taskId)).toBe(sara.userId);
  // Nobody is called علی here (Ali's name is in Latin letters): said, not guessed.
  expect((await owner.say("رپورٹ علی کے ذمے کر دو")).reply?.text).toContain("نام کا کوئی شخص");
  expect(await assigneeOf(owner, taskId)).toBe(sara.userId);
  expect((await owner.say("رپورٹ Ali کے ذمے کر دو")).reply?.text).toContain("Ali");
  expect(await assigneeOf(owner, taskId)).toBe(ali.userId);
  const comment = await owner.say("رپورٹ پر تبصرہ لکھو: فنانس کو بھیج دی");
  expect(comment.reply?.text).toContain("تبصرہ");
  expect(await bodies(owner, taskId)).toEqual(["فنانس کو بھیج دی"]);

  const { taskId: english } = await team(owner, "Office", "report", [[ali, ProjectRole.EDITOR]]);
  const roman = await owner.say("report Ali ko assign kar do");
  expect(roman.language).toBe("roman-ur");
  expect(roman.reply?.text).toStartWith("“report” Ali <");
  expect(roman.reply?.text).toContain("ke zimme kar diya");
  expect(await assigneeOf(owner, english)).toBe(ali.userId);
  const romanComment = await owner.say("report par comment likho: finance ko bhej diya");
  expect(romanComment.language).toBe("roman-ur");
  expect(romanComment.reply?.text).toContain("comment shamil kar diya");
  expect(await bodies(owner, english)).toEqual(["finance ko bhej diya"]);
});

test("what did Sara change today? — her changes in shared projects, by name, in three languages; unknown and ambiguous people", async () => {
  const owner = await person("Owner Three");
  const sara = await person("Sara Khan");
  const other = await person("Sara Ahmed");
  const urduSara = await person("سارہ");
  const { projectId } = await team(owner, "Launch", "press release", [
    [sara, ProjectRole.EDITOR],
    [other, ProjectRole.EDITOR],
    [urduSara, ProjectRole.EDITOR],
  ]);
  const { task: hers } = await sara.tasks.createTask({ title: "call the printer", projectId });
  await sara.tasks.completeTask({ id: hers!.id });
  const { task: mine } = await owner.tasks.createTask({ title: "owner's own errand", projectId });
  await owner.tasks.completeTask({ id: mine!.id });
  const { task: urdu } = await urduSara.tasks.createTask({ title: "بینر چھپوانا", projectId });
  await urduSara.tasks.completeTask({ id: urdu!.id });

  // Live clock: the audit records carry real times. The records reach the audit log through the bus.
  const ask = (text: string, conversationId = "") => owner.chat.sendMessage({ text, conversationId });
  const until = async (text: string, expected: string) => {
    let answer = await ask(text);
    const deadline = Date.now() + 15_000;
    while (!answer.reply?.text.includes(expected) && Date.now() < deadline) {
      await Bun.sleep(300);
      answer = await ask(text);
    }
    return answer;
  };
  const english = await until("what did Sara Khan change today?", "call the printer");
  expect(english.reply?.text).toStartWith("Today Sara Khan completed 1 task:");
  expect(english.reply?.text).not.toContain("owner's own errand");
  expect(english.reply?.text).not.toContain("بینر");

  // "Sara" fits two people (and not سارہ, another script): asked, then answered about the one picked.
  const asked = await ask("what did Sara change today?");
  expect(asked.pending?.kind).toBe(PendingKind.CLARIFICATION);
  expect(asked.pending?.options).toHaveLength(2);
  const which = asked.pending!.options.findIndex((option) => option.includes(sara.email));
  const answered = await ask(String(which + 1), asked.conversationId);
  expect(answered.reply?.text).toContain("call the printer");

  const urduAnswer = await until("سارہ نے آج کیا بدلا؟", "بینر چھپوانا");
  expect(urduAnswer.language).toBe("ur");
  expect(urduAnswer.reply?.text).toContain("\u2068سارہ\u2069 نے");
  const roman = await until("Sara Khan ne aaj kya badla?", "call the printer");
  expect(roman.language).toBe("roman-ur");
  expect(roman.reply?.text).toStartWith("Aaj Sara Khan ne 1 kaam");

  const unknown = await ask("what did Zed change today?");
  expect(unknown.reply?.text).toBe("Nobody called “Zed” is in the projects you share.");
  // A stranger to the project learns nothing about Sara.
  const stranger = await person("Stranger");
  expect((await stranger.chat.sendMessage({ text: "what did Sara Khan change today?" })).reply?.text).toContain(
    "Nobody called",
  );
});
