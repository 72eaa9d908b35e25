import { afterAll, beforeAll, expect, test } from "bun:test";
import { ConnectError } from "@connectrpc/connect";
import { sql } from "drizzle-orm";
import { NotificationService } from "../../../gen/todo/v1/notification_service_pb";
import { ProjectRole } from "../../../gen/todo/v1/share_pb";
import { rowsOf } from "../../platform/db/database";
import { codeOf } from "../../platform/testing/outcome";
import { connectClient } from "../../platform/testing/tokens";
import { waitFor } from "../../platform/testing/wait";
import { type MailStack, startMailStack } from "../testing/mail-stack";
import { type Person, person, shareWith } from "../testing/share-kit";

let mail: MailStack;
let owner: Person;
let editor: Person;
let viewer: Person;
let stranger: Person;

beforeAll(async () => {
  mail = await startMailStack({ AUTH_LIMIT_PER_ACCOUNT: "1000", AUTH_LIMIT_PER_ADDRESS: "1000" });
  // One at a time: four argon2 sign-ups at once can pass the server's deadline on a loaded machine.
  owner = await person(mail);
  editor = await person(mail);
  viewer = await person(mail);
  stranger = await person(mail);
}, 120_000);
afterAll(() => mail?.stop(), 60_000);

/** refusedOn answers the code and message of a refused call (the message names each violated field). */
async function refusedOn(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    const e = ConnectError.from(error);
    return `${e.code === 3 ? "InvalidArgument" : e.code}: ${e.rawMessage}`;
  }
  return "succeeded";
}

/** assignedEvents counts the TaskAssigned events the outbox took for a task (published ones stay a while). */
async function assignedEvents(taskId: string): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await mail.stack.deps.database.db.execute(
      sql`select count(*)::int as n from orchestrator.outbox where key = ${taskId} and event_type like '%TaskAssigned'`,
    ),
  );
  return rows[0]?.n ?? 0;
}

async function sharedProject(name: string) {
  const { project } = await owner.projects.createProject({ name });
  await shareWith(mail, owner, project!.id, editor, ProjectRole.EDITOR);
  await shareWith(mail, owner, project!.id, viewer, ProjectRole.VIEWER);
  return project!.id;
}

test("a task in a shared project is assigned to a member; a non-member is InvalidArgument on assignee_id; a viewer cannot assign", async () => {
  const projectId = await sharedProject("Household");
  // An editor creates a task assigned to the viewer (any member may hold a task), then reassigns it to themselves.
  const { task } = await editor.tasks.createTask({ title: "call plumber", projectId, assigneeId: viewer.userId });
  expect(task!.assigneeId).toBe(viewer.userId);
  const mine = await editor.tasks.updateTask({
    id: task!.id,
    updateMask: { paths: ["assignee_id"] },
    assigneeId: editor.userId.toUpperCase(),
  });
  expect(mine.task!.assigneeId).toBe(editor.userId);
  // A stranger (not a member) is refused on the field, in create and in update, and nothing changed.
  expect(await refusedOn(owner.tasks.createTask({ title: "x", projectId, assigneeId: stranger.userId }))).toMatch(
    /^InvalidArgument: .*assignee_id/,
  );
  expect(
    await refusedOn(
      owner.tasks.updateTask({ id: task!.id, updateMask: { paths: ["assignee_id"] }, assigneeId: stranger.userId }),
    ),
  ).toMatch(/^InvalidArgument: .*assignee_id/);
  // A malformed id is refused by the contract, on the field.
  expect(
    await refusedOn(owner.tasks.updateTask({ id: task!.id, updateMask: { paths: ["assignee_id"] }, assigneeId: "x" })),
  ).toMatch(/^InvalidArgument: .*assignee_id/);
  // A viewer's assignment is PermissionDenied, even to themselves.
  expect(
    await codeOf(
      viewer.tasks.updateTask({ id: task!.id, updateMask: { paths: ["assignee_id"] }, assigneeId: viewer.userId }),
    ),
  ).toBe("PermissionDenied");
  expect((await owner.tasks.getTask({ id: task!.id })).task!.assigneeId).toBe(editor.userId);
  // The owner too may hold it; an empty assignee unassigns.
  await owner.tasks.updateTask({ id: task!.id, updateMask: { paths: ["assignee_id"] }, assigneeId: owner.userId });
  const cleared = await owner.tasks.updateTask({ id: task!.id, updateMask: { paths: ["assignee_id"] } });
  expect(cleared.task!.assigneeId).toBe("");
  // Created assigned, reassigned to the editor, to the owner, unassigned: four TaskAssigned events.
  expect(await assignedEvents(task!.id)).toBe(4);
}, 60_000);

test("a task of an unshared project or the Inbox is assignable only to its owner", async () => {
  const { project } = await owner.projects.createProject({ name: "Private" });
  const { task } = await owner.tasks.createTask({ title: "mine", projectId: project!.id, assigneeId: owner.userId });
  expect(task!.assigneeId).toBe(owner.userId);
  expect(await refusedOn(owner.tasks.createTask({ title: "inbox", assigneeId: editor.userId }))).toMatch(
    /^InvalidArgument: .*assignee_id/,
  );
  expect(
    await refusedOn(
      owner.tasks.updateTask({ id: task!.id, updateMask: { paths: ["assignee_id"] }, assigneeId: editor.userId }),
    ),
  ).toMatch(/^InvalidArgument: .*assignee_id/);
  const inbox = await owner.tasks.createTask({ title: "inbox mine", assigneeId: owner.userId });
  expect(inbox.task!.assigneeId).toBe(owner.userId);
}, 30_000);

test("assigned to me lists a member's assigned tasks across projects; moving a task out of the tree unassigns it; removing a member unassigns theirs", async () => {
  const projectId = await sharedProject("Office");
  const { project: sub } = await owner.projects.createProject({ name: "Office / Q3", parentId: projectId });
  const { project: elsewhere } = await owner.projects.createProject({ name: "Elsewhere" });
  const a = await owner.tasks.createTask({ title: "report", projectId, assigneeId: editor.userId });
  const b = await owner.tasks.createTask({ title: "slides", projectId: sub!.id, assigneeId: editor.userId });
  await owner.tasks.createTask({ title: "budget", projectId, assigneeId: owner.userId });
  await owner.tasks.createTask({ title: "unassigned", projectId });
  const ids = async (who: Person) =>
    (await who.tasks.listTasks({ assignedToMe: true })).tasks.map((t) => t.title).sort();
  expect(await ids(editor)).toEqual(["report", "slides"]);
  expect(await ids(owner)).toContain("budget");
  expect(await ids(owner)).not.toContain("report");
  expect(await ids(viewer)).toEqual([]);
  // The filter term keeps the same tasks, and composes with the rest of the language.
  const filtered = async (who: Person, filter: string) =>
    (await who.filters.listFilteredTasks({ source: { case: "filter", value: filter } })).tasks
      .map((t) => t.title)
      .sort();
  expect(await filtered(editor, "assigned to: me")).toEqual(["report", "slides"]);
  expect(await filtered(editor, "Assigned to: ME & !search: slides")).toEqual(["report"]);
  expect(await filtered(owner, "assigned to: me & project: Office")).toEqual(["budget"]);
  expect(await filtered(viewer, "assigned to: me")).toEqual([]);
  // Moved to a project the editor is not a member of: unassigned.
  const moved = await owner.tasks.moveTask({ id: b.task!.id, projectId: elsewhere!.id });
  expect(moved.task!.assigneeId).toBe("");
  expect(await ids(editor)).toEqual(["report"]);
  // Removed: every assignment of theirs in the tree goes, with a TaskAssigned each.
  await owner.share.removeMember({ projectId, userId: editor.userId });
  expect((await owner.tasks.getTask({ id: a.task!.id })).task!.assigneeId).toBe("");
  expect(await ids(editor)).toEqual([]);
  expect(await assignedEvents(a.task!.id)).toBe(2);
}, 60_000);

test("an assignment is announced to the assignee in-app and by email, in their language; assigning oneself announces nothing", async () => {
  const projectId = await sharedProject("Announcements");
  const viewerInbox = connectClient(NotificationService, mail.stack.baseUrl, viewer.accessToken);
  const editorInbox = connectClient(NotificationService, mail.stack.baseUrl, editor.accessToken);
  // The editor assigns themselves one task (nothing to announce), then the viewer another.
  await editor.tasks.createTask({ title: "water plants <b>now</b>", projectId, assigneeId: editor.userId });
  const { task } = await editor.tasks.createTask({ title: "pay electricity bill", projectId });
  await editor.tasks.updateTask({ id: task!.id, updateMask: { paths: ["assignee_id"] }, assigneeId: viewer.userId });
  const note = await waitFor(
    "the viewer's assignment notification",
    async () =>
      (await viewerInbox.listNotifications({})).notifications.find((n) => n.title.includes("pay electricity bill")),
    10_000,
  );
  expect(note.title).toBe("Test User assigned you “pay electricity bill”");
  expect(note.taskId).toBe(task!.id);
  await waitFor(
    "the assignment email",
    () => mail.sink.received.find((m) => m.to.includes(viewer.email) && m.text.includes("pay electricity bill")),
    10_000,
  );
  // Reassigned to the owner, whose inbox is in Urdu: announced to them in Urdu, once.
  await owner.auth.updateMe({ updateMask: { paths: ["locale"] }, locale: "ur" });
  await editor.tasks.updateTask({ id: task!.id, updateMask: { paths: ["assignee_id"] }, assigneeId: owner.userId });
  const ownerInbox = connectClient(NotificationService, mail.stack.baseUrl, owner.accessToken);
  const urdu = await waitFor(
    "the owner's Urdu notification",
    async () =>
      (await ownerInbox.listNotifications({})).notifications.find((n) => n.title.includes("pay electricity bill")),
    10_000,
  );
  expect(urdu.title).toBe("Test User نے آپ کو “pay electricity bill” سونپا");
  // The self-assignment was never announced (the later ones were, so it would have been by now).
  const editorNotes = (await editorInbox.listNotifications({})).notifications;
  expect(editorNotes.some((n) => n.title.includes("water plants"))).toBe(false);
  expect(mail.sink.received.some((m) => m.to.includes(editor.email) && m.text.includes("water plants"))).toBe(false);
}, 60_000);
