// Comments on tasks (issue 15): who may add, list, edit and delete, the bounds, the events through the outbox,
// and an @mention delivered by the notification service in-app and by email.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { type Client, Code, ConnectError } from "@connectrpc/connect";
import { asc, eq } from "drizzle-orm";
import { ViolationsSchema } from "../../../gen/buf/validate/validate_pb";
import { CommentChangeKind } from "../../../gen/todo/v1/comment_pb";
import { CommentService } from "../../../gen/todo/v1/comment_service_pb";
import { NotificationService } from "../../../gen/todo/v1/notification_service_pb";
import { ProjectRole } from "../../../gen/todo/v1/share_pb";
import { decodeEvent } from "../../platform/bus/event-codec";
import { codeOf } from "../../platform/testing/outcome";
import { connectClient } from "../../platform/testing/tokens";
import { waitFor } from "../../platform/testing/wait";
import { outbox, taskComments } from "../db/schema";
import { type MailStack, startMailStack } from "../testing/mail-stack";
import { type Person, person, shareWith } from "../testing/share-kit";

let mail: MailStack;
let owner: Person;
let editor: Person;
let viewer: Person;
let stranger: Person;
let projectId: string;
let taskId: string;
const comments = (p: Person): Client<typeof CommentService> =>
  connectClient(CommentService, mail.stack.baseUrl, p.accessToken);

beforeAll(async () => {
  mail = await startMailStack({ AUTH_LIMIT_PER_ACCOUNT: "1000", AUTH_LIMIT_PER_ADDRESS: "1000" });
  [owner, editor, viewer, stranger] = await Promise.all([person(mail), person(mail), person(mail), person(mail)]);
  const { project } = await owner.projects.createProject({ name: "Report" });
  projectId = project!.id;
  await shareWith(mail, owner, projectId, editor, ProjectRole.EDITOR);
  await shareWith(mail, owner, projectId, viewer, ProjectRole.VIEWER);
  const { task } = await owner.tasks.createTask({ title: "quarterly report", projectId });
  taskId = task!.id;
}, 90_000);
afterAll(() => mail?.stop(), 60_000);

const failure = async (call: Promise<unknown>) => {
  try {
    await call;
  } catch (error) {
    const e = ConnectError.from(error);
    const fields = e
      .findDetails(ViolationsSchema)
      .flatMap((v) => v.violations)
      .map((v) => v.field?.elements.map((el) => el.fieldName).join("."));
    return { code: Code[e.code], fields };
  }
  return { code: "OK", fields: [] };
};

const stored = async () =>
  mail.stack.deps.database.db
    .select()
    .from(taskComments)
    .where(eq(taskComments.taskId, taskId))
    .orderBy(asc(taskComments.id));

test("owner, editor and viewer comment; all see the thread in order; a stranger sees nothing and adds nothing", async () => {
  const a = await comments(owner).addComment({ taskId, body: "draft is in the folder" });
  const b = await comments(editor).addComment({ taskId, body: "I'll review it" });
  const c = await comments(viewer).addComment({ taskId, body: "viewers may discuss too" });
  expect(a.comment!.authorId).toBe(owner.userId);
  expect(b.comment!.projectId).toBe(projectId);
  for (const p of [owner, editor, viewer]) {
    const listed = await comments(p).listComments({ taskId });
    expect(listed.comments.map((x) => x.id).slice(-3)).toEqual([a.comment!.id, b.comment!.id, c.comment!.id]);
  }
  const before = (await stored()).length;
  expect(await codeOf(comments(stranger).listComments({ taskId }))).toBe("NotFound");
  expect(await codeOf(comments(stranger).addComment({ taskId, body: "hi" }))).toBe("NotFound");
  expect(await codeOf(comments(stranger).updateComment({ id: a.comment!.id, body: "x" }))).toBe("NotFound");
  expect(await codeOf(comments(stranger).deleteComment({ id: a.comment!.id }))).toBe("NotFound");
  expect((await stored()).length).toBe(before);
});

test("only the author edits or deletes a comment: someone else's is PermissionDenied and stays as it was", async () => {
  const { comment } = await comments(editor).addComment({ taskId, body: "first take" });
  const id = comment!.id;
  for (const other of [owner, viewer]) {
    expect(await codeOf(comments(other).updateComment({ id, body: "changed by someone else" }))).toBe(
      "PermissionDenied",
    );
    expect(await codeOf(comments(other).deleteComment({ id }))).toBe("PermissionDenied");
  }
  expect((await stored()).find((r) => r.id === id)?.body).toBe("first take");
  const edited = await comments(editor).updateComment({ id, body: "second take" });
  expect(edited.comment).toMatchObject({ body: "second take", edited: true, version: 2n });
  await comments(editor).deleteComment({ id });
  expect((await stored()).some((r) => r.id === id)).toBe(false);
  expect(await codeOf(comments(editor).deleteComment({ id }))).toBe("NotFound");
  // Its events went through the outbox, keyed by the task: the lifecycle on task-events, snapshots on task-updates.
  const rows = await mail.stack.deps.database.db
    .select()
    .from(outbox)
    .where(eq(outbox.key, taskId))
    .orderBy(asc(outbox.id));
  const mine = rows
    .map((row) => ({ ...decodeEvent({ key: row.key, value: row.payload, headers: row.headers }), topic: row.topic }))
    .filter((e) => (e.event as { comment?: { id: string } }).comment?.id === id)
    .map((e) => [e.topic, e.type]);
  expect(mine).toEqual([
    ["task-events", "todo.events.v1.CommentAdded"],
    ["task-updates", "todo.events.v1.CommentChanged"],
    ["task-events", "todo.events.v1.CommentEdited"],
    ["task-updates", "todo.events.v1.CommentChanged"],
    ["task-events", "todo.events.v1.CommentDeleted"],
    ["task-updates", "todo.events.v1.CommentChanged"],
  ]);
});

test("bad input is InvalidArgument naming the field, and nothing is stored", async () => {
  const before = (await stored()).length;
  const cases: [() => Promise<unknown>, string][] = [
    [() => comments(owner).addComment({ taskId, body: "" }), "body"],
    [() => comments(owner).addComment({ taskId, body: "   \n  " }), "body"],
    [() => comments(owner).addComment({ taskId, body: "x".repeat(4001) }), "body"],
    [() => comments(owner).addComment({ taskId, body: "bell \u0007" }), "body"],
    [() => comments(owner).addComment({ taskId: "not-a-uuid", body: "hi" }), "task_id"],
    [() => comments(owner).listComments({ taskId, pageSize: 101 }), "page_size"],
    [() => comments(owner).listComments({ taskId, pageToken: "garbage" }), "page_token"],
    [() => comments(owner).updateComment({ id: crypto.randomUUID(), body: "" }), "body"],
  ];
  for (const [call, field] of cases)
    expect(await failure(call())).toEqual({ code: "InvalidArgument", fields: [field] });
  expect((await stored()).length).toBe(before);
  // 4,000 characters (emoji count once each) is the most, and is kept as written.
  const longest = "😀".repeat(4000);
  expect((await comments(owner).addComment({ taskId, body: longest })).comment!.body).toBe(longest);
});

test("listing pages through a long thread without repeats", async () => {
  const { task } = await owner.tasks.createTask({ title: "paged", projectId });
  for (let i = 0; i < 7; i++) await comments(editor).addComment({ taskId: task!.id, body: `note ${i}` });
  const seen: string[] = [];
  let pageToken = "";
  do {
    const page = await comments(viewer).listComments({ taskId: task!.id, pageSize: 3, pageToken });
    expect(page.comments.length).toBeLessThanOrEqual(3);
    seen.push(...page.comments.map((c) => c.body));
    pageToken = page.nextPageToken;
  } while (pageToken);
  expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `note ${i}`));
});

test("an @mention of a member notifies them in-app and by email; a non-member named after @ is not a mention", async () => {
  const body = `@${editor.email} please check the numbers, cc @${stranger.email} and @nobody`;
  const { comment } = await comments(owner).addComment({ taskId, body });
  expect(comment!.mentionedUserIds).toEqual([editor.userId]);
  const inbox = connectClient(NotificationService, mail.stack.baseUrl, editor.accessToken);
  const note = await waitFor(
    "the mention in the editor's inbox",
    async () => (await inbox.listNotifications({})).notifications.find((n) => n.body.includes("please check")),
    10_000,
  );
  expect(note.taskId).toBe(taskId);
  expect(note.title).toContain("quarterly report");
  await waitFor(
    "the mention email",
    () => mail.sink.received.find((m) => m.to.includes(editor.email) && m.text.includes("please check")),
    10_000,
  );
  // The stranger hears nothing (mail or inbox), and learns nothing of the project.
  const strangerInbox = connectClient(NotificationService, mail.stack.baseUrl, stranger.accessToken);
  expect((await strangerInbox.listNotifications({})).notifications).toEqual([]);
  expect(mail.sink.received.some((m) => m.to.includes(stranger.email) && m.text.includes("please check"))).toBe(false);
  // An edit notifies only the people it newly mentions.
  const edited = await comments(owner).updateComment({ id: comment!.id, body: `${body} and @${viewer.email}` });
  expect(edited.comment!.mentionedUserIds).toEqual([editor.userId, viewer.userId]);
  const viewerInbox = connectClient(NotificationService, mail.stack.baseUrl, viewer.accessToken);
  await waitFor(
    "the mention in the viewer's inbox",
    async () => (await viewerInbox.listNotifications({})).notifications.find((n) => n.body.includes("please check")),
    10_000,
  );
  const editorNotes = (await inbox.listNotifications({})).notifications.filter((n) => n.body.includes("please check"));
  expect(editorNotes).toHaveLength(1);
});

/** watchComments opens someone's WatchTasks stream and collects its comment changes. */
function watchComments(who: Person) {
  const controller = new AbortController();
  const seen: { kind: CommentChangeKind; body: string }[] = [];
  const done = (async () => {
    try {
      for await (const change of who.tasks.watchTasks({}, { signal: controller.signal })) {
        if (change.comment) seen.push({ kind: change.commentKind, body: change.comment.body });
      }
    } catch {
      // aborted at the end of the test
    }
  })();
  return {
    seen,
    close: async () => {
      controller.abort();
      await done;
    },
  };
}

test("WatchTasks brings a comment's add, edit and delete to every member's open stream, and to nobody else", async () => {
  const streams = [owner, editor, viewer, stranger].map(watchComments);
  await Bun.sleep(300); // the streams are open
  const { comment } = await comments(viewer).addComment({ taskId, body: "live note" });
  await comments(viewer).updateComment({ id: comment!.id, body: "live note, edited" });
  await comments(viewer).deleteComment({ id: comment!.id });
  const expected = [
    { kind: CommentChangeKind.ADDED, body: "live note" },
    { kind: CommentChangeKind.EDITED, body: "live note, edited" },
    { kind: CommentChangeKind.DELETED, body: "live note, edited" },
  ];
  for (const stream of streams.slice(0, 3)) {
    await waitFor("the three comment changes", () => (stream.seen.length >= 3 ? true : undefined), 10_000);
    expect(stream.seen).toEqual(expected);
  }
  expect(streams[3]!.seen).toEqual([]);
  await Promise.all(streams.map((s) => s.close()));
});

test("a removed member loses the thread at once: NotFound to list, add, edit or delete, even their own comment", async () => {
  const leaving = await person(mail);
  await shareWith(mail, owner, projectId, leaving, ProjectRole.EDITOR);
  const { comment } = await comments(leaving).addComment({ taskId, body: "my last word" });
  await owner.share.removeMember({ projectId, userId: leaving.userId });
  expect(await codeOf(comments(leaving).listComments({ taskId }))).toBe("NotFound");
  expect(await codeOf(comments(leaving).addComment({ taskId, body: "again" }))).toBe("NotFound");
  expect(await codeOf(comments(leaving).updateComment({ id: comment!.id, body: "changed" }))).toBe("NotFound");
  expect(await codeOf(comments(leaving).deleteComment({ id: comment!.id }))).toBe("NotFound");
  expect((await stored()).find((r) => r.id === comment!.id)?.body).toBe("my last word");
}, 30_000);
