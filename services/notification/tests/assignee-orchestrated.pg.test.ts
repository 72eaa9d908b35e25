// Needs real Postgres (npm run infra:up). The real orchestrator and notification (in-memory bus) mail into a real
// SMTP sink: a shared project's assigned tasks, their reminders, the daily digest and a transfer, end to end.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { eq } from "drizzle-orm";
import { NotificationService } from "../../../gen/todo/v1/notification_service_pb";
import { ProjectRole } from "../../../gen/todo/v1/share_pb";
import { addDays, startOfDay, toLocal } from "../../../vocabulary/time-zone";
import { type MailStack, startMailStack } from "../../orchestrator/testing/mail-stack";
import { type Person, person, shareWith } from "../../orchestrator/testing/share-kit";
import { connectClient } from "../../platform/testing/tokens";
import { waitFor } from "../../platform/testing/wait";
import { digests } from "../db/schema";
import { decodeMail } from "../testing/decode-mail";
import { scheduleRows } from "../testing/kit";

let mail: MailStack;
let owner: Person;
let member: Person;

/** Sign-ups are not limited here; digests and reminders are looked for often. */
const env = { AUTH_LIMIT_PER_ACCOUNT: "1000", AUTH_LIMIT_PER_ADDRESS: "1000" };
const polls = { NOTIFICATION_DIGEST_POLL_MS: "200", NOTIFICATION_SAFETY_POLL_MS: "200" };

beforeAll(async () => {
  mail = await startMailStack({ ...env, ...polls });
  owner = await person(mail);
  member = await person(mail);
}, 120_000);
afterAll(() => mail?.stop(), 60_000);

const inboxOf = (p: Person) => connectClient(NotificationService, mail.stack.baseUrl, p.accessToken);
const reminderMail = (p: Person, title: string) =>
  mail.sink.received.filter((m) => m.to.includes(p.email) && m.subject === `Reminder: ${title}`);
const reminderEntries = async (p: Person, title: string) =>
  (await inboxOf(p).listNotifications({})).notifications.filter((n) => n.title === title);
const delivered = (taskId: string) => async () =>
  (await scheduleRows(mail.stack.deps.database.db, taskId))[0]?.state === "delivered";
const remindIn = (ms: number) => ({
  when: { case: "remindAt" as const, value: timestampFromDate(new Date(Math.ceil((Date.now() + ms) / 1000) * 1000)) },
});

async function sharedProject(name: string): Promise<string> {
  const { project } = await owner.projects.createProject({ name });
  await shareWith(mail, owner, project!.id, member, ProjectRole.EDITOR);
  return project!.id;
}

describe("assignees, end to end", () => {
  test("an assigned task's reminder reaches the assignee by email and in-app, not the owner; reassigned to the owner, it reaches the owner", async () => {
    const projectId = await sharedProject("Errands");
    const { task } = await owner.tasks.createTask({
      title: "renew passport",
      projectId,
      assigneeId: member.userId,
      reminder: remindIn(4000),
    });
    const { task: back } = await owner.tasks.createTask({
      title: "book venue",
      projectId,
      assigneeId: member.userId,
      reminder: remindIn(5000),
    });
    await member.tasks.updateTask({ id: back!.id, updateMask: { paths: ["assignee_id"] }, assigneeId: owner.userId });
    await waitFor("delivered", async () => (await delivered(task!.id)()) && delivered(back!.id)(), 15_000);
    await waitFor("the emails", () => reminderMail(owner, "book venue").length > 0, 10_000);
    expect(reminderMail(member, "renew passport")).toHaveLength(1);
    expect(await reminderEntries(member, "renew passport")).toHaveLength(1);
    expect(reminderMail(owner, "renew passport")).toHaveLength(0);
    expect(await reminderEntries(owner, "renew passport")).toHaveLength(0);
    expect(await reminderEntries(owner, "book venue")).toHaveLength(1);
    expect(reminderMail(member, "book venue")).toHaveLength(0);
    // The assignment was announced naming who assigned it.
    const notes = (await inboxOf(member).listNotifications({})).notifications.map((n) => n.title);
    expect(notes).toContain("Test User assigned you “renew passport”");
  }, 60_000);

  test("the digest lists a member's assigned tasks of the shared project; the owner's leaves them out", async () => {
    const projectId = await sharedProject("Office");
    const today = toLocal(new Date(), "Asia/Karachi");
    const at = (days: number) =>
      timestampFromDate(new Date(startOfDay(addDays(today, days), "Asia/Karachi").getTime() + 12 * 3_600_000));
    await owner.tasks.createTask({ title: "member's overdue", projectId, assigneeId: member.userId, dueAt: at(-2) });
    await owner.tasks.createTask({ title: "member's today", projectId, assigneeId: member.userId, dueAt: at(0) });
    await owner.tasks.createTask({ title: "owner's today", projectId, assigneeId: owner.userId, dueAt: at(0) });
    await owner.tasks.createTask({ title: "nobody's today", projectId, dueAt: at(0) });
    const on = { emailEnabled: true, inAppEnabled: true, digestEnabled: true, digestTime: "00:00" };
    for (const p of [owner, member]) {
      await inboxOf(p).updatePreferences({ preferences: on });
      await mail.stack.deps.database.db
        .update(digests)
        .set({ nextRunAt: new Date() })
        .where(eq(digests.userId, p.userId));
    }
    const digestOf = (p: Person) =>
      mail.sink.received
        .filter((m) => m.to.includes(p.email))
        .map(decodeMail)
        .find((m) => m.messageId.startsWith("<digest-"));
    await waitFor("both digests", () => digestOf(owner) && digestOf(member), 15_000);
    const mine = digestOf(member)!.text;
    expect(mine).toContain("member's overdue");
    expect(mine).toContain("member's today");
    expect(mine).not.toContain("owner's today");
    // Unassigned: in everyone's Today, as in Todoist.
    expect(mine).toContain("nobody's today");
    const theirs = digestOf(owner)!.text;
    expect(theirs).toContain("owner's today");
    expect(theirs).toContain("nobody's today");
    expect(theirs).not.toContain("member's");
  }, 60_000);

  test("after a transfer the former owner's reminders of the project go to the new owner", async () => {
    const projectId = await sharedProject("Handover");
    const { task } = await owner.tasks.createTask({ title: "hand over keys", projectId, reminder: remindIn(5000) });
    await waitFor("armed", async () => (await scheduleRows(mail.stack.deps.database.db, task!.id)).length > 0, 5000);
    await owner.share.transferOwnership({ projectId, userId: member.userId });
    await waitFor("delivered", delivered(task!.id), 15_000);
    await waitFor("the email", () => reminderMail(member, "hand over keys").length > 0, 10_000);
    expect(await reminderEntries(member, "hand over keys")).toHaveLength(1);
    expect(reminderMail(owner, "hand over keys")).toHaveLength(0);
    expect(await reminderEntries(owner, "hand over keys")).toHaveLength(0);
  }, 60_000);
});
