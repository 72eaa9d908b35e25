import { afterAll, beforeAll, expect, setDefaultTimeout, test } from "bun:test";
import { readFileSync } from "node:fs";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { durationFromMs, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import postgres from "postgres";
import { ViolationsSchema } from "../../../gen/buf/validate/validate_pb";
import { AuditService } from "../../../gen/todo/v1/audit_service_pb";
import { CommentService } from "../../../gen/todo/v1/comment_service_pb";
import { FilterService } from "../../../gen/todo/v1/filter_service_pb";
import { ProjectService } from "../../../gen/todo/v1/project_service_pb";
import { Priority, RepeatFrom, type Task, TaskStatus } from "../../../gen/todo/v1/task_pb";
import {
  ExportFormat,
  type ImportDataRequestSchema,
  ImportFormat,
  TransferService,
} from "../../../gen/todo/v1/transfer_service_pb";
import { IMPORT_ROWS_MAX } from "../../../vocabulary/transfer";
import { createAudit } from "../../audit/audit";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { connectClient } from "../../platform/testing/tokens";
import { waitFor } from "../../platform/testing/wait";
import { createOrchestrator } from "../orchestrator";
import { registerSession, type Session } from "../testing/session";

const sample = readFileSync(new URL("../testing/import-samples/todoist-template.csv", import.meta.url));
const at = (iso: string) => timestampFromDate(new Date(iso));

// Each test registers accounts and imports and exports through the stack: seconds on a loaded 2-core machine.
setDefaultTimeout(30_000);

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([createOrchestrator, createAudit], {
    kafka: false,
    env: { QUOTA_IMPORTS_PER_HOUR: "8", QUOTA_EXPORTS_PER_HOUR: "3" },
  });
}, 60_000);
afterAll(() => stack?.stop());

const transferOf = (s: Session) => connectClient(TransferService, stack.baseUrl, s.accessToken);
const projectsOf = (s: Session) => connectClient(ProjectService, stack.baseUrl, s.accessToken);
const commentsOf = (s: Session) => connectClient(CommentService, stack.baseUrl, s.accessToken);

/** threadOf is a task's comments as the user reads them: body, edited, created time, and whether they wrote it. */
async function threadOf(s: Session, taskId: string) {
  const { comments } = await commentsOf(s).listComments({ taskId, pageSize: 100 });
  return comments.map((c) => ({
    body: c.body,
    edited: c.edited,
    createdAt: new Date(Number(c.createdAt!.seconds) * 1000).toISOString(),
    mine: c.authorId === s.userId,
  }));
}

/** allTasks lists every task of the user (open and completed, all projects). */
async function allTasks(s: Session): Promise<Task[]> {
  const out: Task[] = [];
  let pageToken = "";
  do {
    const page = await s.tasks.listTasks({
      pageSize: 100,
      pageToken,
      status: TaskStatus.UNSPECIFIED,
      includeArchivedProjects: true,
    });
    out.push(...page.tasks);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return out;
}

const importTodoist = (s: Session, dryRun: boolean, content: Uint8Array = sample) =>
  transferOf(s).importData({ format: ImportFormat.TODOIST_CSV, content, projectName: "Trip", dryRun });

async function exported(s: Session, format: ExportFormat): Promise<{ text: string; fileName: string }> {
  let text = "";
  let fileName = "";
  for await (const part of transferOf(s).exportData({ format })) {
    text += part.chunk;
    fileName ||= part.fileName;
  }
  return { text, fileName };
}

const violationsOf = (error: unknown) => {
  const connect = ConnectError.from(error);
  const violations = connect.findDetails(ViolationsSchema).flatMap((v) => v.violations);
  return { code: connect.code, fields: violations.map((v) => v.field?.elements.map((el) => el.fieldName).join(".")) };
};

test("dry run of the Todoist sample says what it would create and creates nothing", async () => {
  const alice = await registerSession(stack.baseUrl);
  const answer = await importTodoist(alice, true);
  expect(answer).toMatchObject({
    dryRun: true,
    projectsCreated: 1,
    sectionsCreated: 1,
    tasksCreated: 7,
    tasksExisting: 0,
  });
  expect(answer.rows.map((r) => [r.row, r.kind, r.title])).toEqual([
    [1, "project", "Trip"],
    [2, "task", "Plan the trip"],
    [3, "task", "Book flights"],
    [4, "task", "Compare airlines"],
    [6, "task", "Renew passport"],
    [8, "section", "Packing"],
    [9, "task", "پاسپورٹ اور ٹکٹ رکھنا"],
    [10, "task", "Chargers"],
    [11, "task", "Chargers"],
  ]);
  expect(answer.rows.find((r) => r.title === "Book flights")).toMatchObject({
    parent: "Plan the trip",
    project: "Trip",
  });
  expect(answer.warnings.map((w) => w.row)).toEqual([5, 6]);
  expect(await allTasks(alice)).toEqual([]);
  expect((await projectsOf(alice).listProjects({})).projects.map((p) => p.name)).not.toContain("Trip");
});

test("importing the Todoist sample creates its project, section and subtasks; the same file again creates nothing", async () => {
  const alice = await registerSession(stack.baseUrl);
  const first = await importTodoist(alice, false);
  expect(first).toMatchObject({ projectsCreated: 1, sectionsCreated: 1, tasksCreated: 7 });
  const tasks = await allTasks(alice);
  expect(tasks).toHaveLength(7);
  const byTitle = (title: string) => tasks.find((t) => t.title === title)!;
  const trip = byTitle("Plan the trip");
  expect(trip).toMatchObject({ priority: Priority.URGENT, tags: ["travel"], dueDateOnly: true });
  expect(byTitle("Book flights").parentId).toBe(trip.id);
  expect(byTitle("Compare airlines").parentId).toBe(byTitle("Book flights").id);
  const { projects } = await projectsOf(alice).listProjects({});
  const project = projects.find((p) => p.name === "Trip")!;
  expect(tasks.every((t) => t.projectId === project.id)).toBe(true);
  const { sections } = await projectsOf(alice).listSections({ projectId: project.id });
  expect(sections.map((s) => s.name)).toEqual(["Packing"]);
  expect(byTitle("Chargers").sectionId).toBe(sections[0]!.id);

  // The import's events went out through the outbox: the audit service records a TaskCreated for each task.
  const audit = connectClient(AuditService, stack.baseUrl, alice.accessToken);
  const created = await waitFor("the imported tasks in the audit log", async () => {
    const { events } = await audit.listAuditEvents({ eventTypes: ["todo.events.v1.TaskCreated"], pageSize: 50 });
    return events.length >= 7 && events;
  });
  expect(new Set(created.map((e) => e.taskId))).toEqual(new Set(tasks.map((t) => t.id)));
  const again = await importTodoist(alice, false);
  expect(again).toMatchObject({
    projectsCreated: 0,
    sectionsCreated: 0,
    tasksCreated: 0,
    projectsExisting: 1,
    sectionsExisting: 1,
    tasksExisting: 7,
  });
  expect(await allTasks(alice)).toHaveLength(7);
  // A dry run now says everything exists.
  expect((await importTodoist(alice, true)).rows.every((r) => r.existing)).toBe(true);
  // Another user importing the same file gets their own copies; alice's are untouched.
  const bob = await registerSession(stack.baseUrl);
  expect((await importTodoist(bob, false)).tasksCreated).toBe(7);
  expect((await allTasks(bob)).some((t) => tasks.some((mine) => mine.id === t.id))).toBe(false);
});

test("a file with a bad row is refused whole with InvalidArgument naming the row; a dry run lists the problems", async () => {
  const alice = await registerSession(stack.baseUrl);
  const bad = new TextEncoder().encode(
    "TYPE,CONTENT,PRIORITY,INDENT\ntask,fine,1,1\ntask,broken,9,1\ntask,orphan,1,3\n",
  );
  const refused = await importTodoist(alice, false, bad).catch((e: unknown) => e);
  expect(violationsOf(refused)).toEqual({ code: Code.InvalidArgument, fields: ["rows[3].PRIORITY", "rows[4].INDENT"] });
  expect(await allTasks(alice)).toEqual([]);
  const dry = await importTodoist(alice, true, bad);
  expect(dry.problems.map((p) => [p.row, p.field])).toEqual([
    [3, "PRIORITY"],
    [4, "INDENT"],
  ]);
  expect(dry.tasksCreated).toBe(1);
});

test("bounds: a file past 700 KiB, a request without a format, more rows than one import reads, not UTF-8", async () => {
  const alice = await registerSession(stack.baseUrl);
  const call = (req: MessageInitShape<typeof ImportDataRequestSchema>) =>
    transferOf(alice)
      .importData({ format: ImportFormat.TODOIST_CSV, content: sample, ...req })
      .catch((e: unknown) => violationsOf(e));
  expect(await call({ content: new Uint8Array(716_801).fill(65) })).toEqual({
    code: Code.InvalidArgument,
    fields: ["content"],
  });
  expect(await call({ format: ImportFormat.UNSPECIFIED })).toEqual({ code: Code.InvalidArgument, fields: ["format"] });
  expect(await call({ projectName: "Trip\u0007" })).toEqual({ code: Code.InvalidArgument, fields: ["project_name"] });
  const many = `TYPE,CONTENT\n${"task,x\n".repeat(IMPORT_ROWS_MAX + 1)}`;
  expect(await call({ content: new TextEncoder().encode(many), dryRun: true })).toEqual({
    code: Code.InvalidArgument,
    fields: ["content"],
  });
  expect(await call({ content: new Uint8Array([0xff, 0xfe, 0x41]) })).toEqual({
    code: Code.InvalidArgument,
    fields: ["content"],
  });
  expect(await call({ format: ImportFormat.GENERIC_CSV, mapping: { title: "Nope" } })).toMatchObject({
    code: Code.InvalidArgument,
  });
});

test("export → import into a fresh account round-trips every project, section, saved filter, task and comment", async () => {
  const alice = await registerSession(stack.baseUrl, { timeZone: "Asia/Karachi" });
  const projects = projectsOf(alice);
  const { project: work } = await projects.createProject({ name: "Work", colour: "#336699" });
  const { project: team } = await projects.createProject({ name: "Team", parentId: work!.id });
  const { section } = await projects.createSection({ projectId: work!.id, name: "Doing" });
  const { project: old } = await projects.createProject({ name: "Old stuff" });
  await alice.tasks.createTask({ title: "forgotten", projectId: old!.id });
  await projects.updateProject({ id: old!.id, updateMask: { paths: ["archived"] }, archived: true });
  const { task: report } = await alice.tasks.createTask({
    title: 'Quarterly report, "final"',
    description: "with\nnewlines",
    priority: Priority.HIGH,
    tags: ["work", "q4"],
    dueAt: at("2026-12-10T04:00:00Z"),
    reminders: [
      { when: { case: "remindBefore", value: durationFromMs(15 * 60_000) } },
      { when: { case: "remindAt", value: at("2026-12-09T12:00:00Z") } },
    ],
    recurrence: { rrule: "FREQ=WEEKLY;BYDAY=TH", repeatFrom: RepeatFrom.DUE },
    projectId: work!.id,
    sectionId: section!.id,
  });
  const { task: sub } = await alice.tasks.createTask({ title: "Gather numbers", parentId: report!.id });
  await alice.tasks.createTask({
    title: "Team lunch",
    projectId: team!.id,
    dueAt: at("2026-12-11T19:00:00Z"),
    dueDateOnly: true,
  });
  const { task: done } = await alice.tasks.createTask({ title: "دودھ لینا", priority: Priority.LOW });
  await alice.tasks.completeTask({ id: done!.id });
  const { task: gone } = await alice.tasks.createTask({ title: "in the trash" });
  await commentsOf(alice).addComment({ taskId: gone!.id, body: "on a deleted task: not exported" });
  await alice.tasks.deleteTask({ id: gone!.id });
  // Comments: alice's own (one edited, one with markup kept as text), and one another member wrote on her task —
  // written straight into the table, as CommentService would for a member (this stack has no mail for invitations).
  const { comment: sent } = await commentsOf(alice).addComment({ taskId: report!.id, body: "sent to finance" });
  await commentsOf(alice).updateComment({ id: sent!.id, body: "sent to finance\nand to <b>audit</b>" });
  await commentsOf(alice).addComment({ taskId: sub!.id, body: "numbers: 1,2,3" });
  const bob = await registerSession(stack.baseUrl);
  const sql = postgres(stack.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`insert into orchestrator.task_comments (id, task_id, user_id, author_id, body, created_at, updated_at)
      values (${crypto.randomUUID()}, ${report!.id}, ${alice.userId}, ${bob.userId}, ${"looks good"},
        now() + interval '1 minute', now() + interval '1 minute')`;
  } finally {
    await sql.end();
  }
  await connectClient(FilterService, stack.baseUrl, alice.accessToken).createSavedFilter({
    name: "Work soon",
    query: "#work & overdue",
  });

  await waitFor("alice's completion in the audit log", async () =>
    (await connectClient(AuditService, stack.baseUrl, alice.accessToken).listAuditEvents({})).events.some(
      (e) => e.eventType === "todo.events.v1.TaskCompleted",
    ),
  );
  const { text, fileName } = await exported(alice, ExportFormat.TASKMESH_JSON);
  expect(fileName).toMatch(/^taskmesh-export-\d{4}-\d{2}-\d{2}\.json$/);
  const document = JSON.parse(text);
  expect(document).toMatchObject({
    format: "taskmesh-export",
    version: 2,
    user: { id: alice.userId, timeZone: "Asia/Karachi" },
  });
  expect(document.tasks).toHaveLength(5);
  // The comments on her live tasks, bob's included (her data); not the one on the task in the trash.
  expect((document.comments as { body: string }[]).map((c) => c.body).sort()).toEqual(
    ["looks good", "numbers: 1,2,3", "sent to finance\nand to <b>audit</b>"].sort(),
  );
  expect(document.savedFilters).toEqual([{ name: "Work soon", query: "#work & overdue" }]);
  // Audit records come from the audit service, asked with alice's own token: hers only.
  expect((document.auditRecords as { eventType: string }[]).map((r) => r.eventType)).toContain(
    "todo.events.v1.TaskCompleted",
  );

  const fresh = await registerSession(stack.baseUrl, { timeZone: "Europe/London" });
  const content = new TextEncoder().encode(text);
  // A dry run counts the comments it would add on the tasks it would make.
  expect(
    await transferOf(fresh).importData({ format: ImportFormat.TASKMESH_JSON, content, dryRun: true }),
  ).toMatchObject({ tasksCreated: 5, commentsCreated: 3 });
  const imported = await transferOf(fresh).importData({ format: ImportFormat.TASKMESH_JSON, content });
  expect(imported).toMatchObject({
    projectsCreated: 3,
    sectionsCreated: 1,
    tasksCreated: 5,
    projectsExisting: 0,
    commentsCreated: 3,
  });
  // Twice: nothing new.
  expect(await transferOf(fresh).importData({ format: ImportFormat.TASKMESH_JSON, content })).toMatchObject({
    tasksCreated: 0,
    commentsCreated: 0,
    commentsExisting: 3,
  });
  // Into the account it came from: every comment is found by its former id.
  expect(await transferOf(alice).importData({ format: ImportFormat.TASKMESH_JSON, content })).toMatchObject({
    tasksCreated: 0,
    commentsCreated: 0,
    commentsExisting: 3,
  });

  const normalised = async (s: Session) => {
    const { projects: list } = await projectsOf(s).listProjects({ includeArchived: true });
    const projectName = new Map(list.map((p) => [p.id, p.inbox ? "(inbox)" : p.name]));
    const sectionName = new Map<string, string>();
    for (const p of list) {
      for (const sec of (await projectsOf(s).listSections({ projectId: p.id })).sections)
        sectionName.set(sec.id, sec.name);
    }
    const tasks = await allTasks(s);
    const title = new Map(tasks.map((t) => [t.id, t.title]));
    return {
      projects: list
        .map((p) => ({
          name: projectName.get(p.id),
          colour: p.colour,
          parent: projectName.get(p.parentId) ?? "",
          archived: p.archived,
        }))
        .sort((a, b) => String(a.name).localeCompare(String(b.name))),
      sections: [...sectionName.values()].sort(),
      filters: (await connectClient(FilterService, stack.baseUrl, s.accessToken).listSavedFilters({})).savedFilters.map(
        (f) => [f.name, f.query],
      ),
      tasks: tasks
        .map((t) => ({
          title: t.title,
          description: t.description,
          priority: t.priority,
          tags: t.tags,
          dueAt: t.dueAt ? new Date(Number(t.dueAt.seconds) * 1000).toISOString() : null,
          dueDateOnly: t.dueDateOnly,
          timeZone: t.timeZone,
          reminders: t.reminders.map((r) =>
            r.when.case === "remindBefore"
              ? `-${r.when.value.seconds}s`
              : r.when.value
                ? String(r.when.value.seconds)
                : "",
          ),
          rrule: t.recurrence?.rrule ?? null,
          repeatFrom: t.recurrence?.repeatFrom ?? null,
          status: t.status,
          project: projectName.get(t.projectId),
          section: sectionName.get(t.sectionId) ?? "",
          parent: title.get(t.parentId) ?? "",
        }))
        .sort((a, b) => a.title.localeCompare(b.title)),
    };
  };
  const before = await normalised(alice);
  expect(before.tasks.find((t) => t.title === sub!.title)?.parent).toBe(report!.title);
  // What the comparison covers is really there: two reminders, a recurrence, an archived project, a completion.
  expect(before.tasks.find((t) => t.title === report!.title)).toMatchObject({ rrule: "FREQ=WEEKLY;BYDAY=TH" });
  expect(before.tasks.find((t) => t.title === report!.title)?.reminders).toHaveLength(2);
  expect(before.projects.find((p) => p.name === "Old stuff")?.archived).toBe(true);
  expect(before.tasks.find((t) => t.title === "forgotten")?.project).toBe("Old stuff");
  expect(before.tasks.find((t) => t.title === done!.title)?.status).toBe(TaskStatus.COMPLETED);
  expect(await normalised(fresh)).toEqual(before);

  // The comments survive, in order, with their times; all are the importer's, bob's naming him in its text.
  const freshTasks = await allTasks(fresh);
  const idOf = (title: string) => freshTasks.find((t) => t.title === title)!.id;
  const aliceThread = await threadOf(alice, report!.id);
  expect(aliceThread.map((c) => c.mine)).toEqual([true, false]);
  expect(await threadOf(fresh, idOf(report!.title))).toEqual([
    aliceThread[0]!,
    { ...aliceThread[1]!, body: "Test User wrote:\nlooks good", mine: true },
  ]);
  expect(aliceThread[0]).toMatchObject({ body: "sent to finance\nand to <b>audit</b>", edited: true });
  expect(await threadOf(fresh, idOf(sub!.title))).toEqual(await threadOf(alice, sub!.id));

  // A version 1 file (before comments) still imports.
  const v1 = { ...document, version: 1, user: { ...document.user, id: undefined } };
  delete v1.comments;
  const older = await registerSession(stack.baseUrl);
  expect(
    await transferOf(older).importData({
      format: ImportFormat.TASKMESH_JSON,
      content: new TextEncoder().encode(JSON.stringify(v1)),
    }),
  ).toMatchObject({ tasksCreated: 5, commentsCreated: 0 });
});

test("tasks CSV export reads back through the generic CSV import with its own header as the mapping", async () => {
  const alice = await registerSession(stack.baseUrl);
  const { project } = await projectsOf(alice).createProject({ name: "Home" });
  const { task: parent } = await alice.tasks.createTask({
    title: 'Clean, then "rest"',
    tags: ["home"],
    projectId: project!.id,
    priority: Priority.MEDIUM,
    dueAt: at("2026-12-05T00:00:00Z"),
    dueDateOnly: true,
    timeZone: "UTC",
  });
  await alice.tasks.createTask({ title: "Kitchen", parentId: parent!.id });
  const { text, fileName } = await exported(alice, ExportFormat.TASKS_CSV);
  expect(fileName).toEndWith(".csv");
  expect(text.split("\r\n")[0]).toBe("title,description,due,priority,tags,project,section,parent,status");
  const fresh = await registerSession(stack.baseUrl);
  const mapping = {
    title: "title",
    description: "description",
    due: "due",
    priority: "priority",
    tags: "tags",
    project: "project",
    section: "section",
    parent: "parent",
    status: "status",
  };
  const answer = await transferOf(fresh).importData({
    format: ImportFormat.GENERIC_CSV,
    content: new TextEncoder().encode(text),
    mapping,
    timeZone: "UTC",
  });
  expect(answer).toMatchObject({ projectsCreated: 1, tasksCreated: 2, problems: [] });
  const tasks = await allTasks(fresh);
  const clean = tasks.find((t) => t.title === parent!.title)!;
  expect(clean).toMatchObject({ priority: Priority.MEDIUM, tags: ["home"], dueDateOnly: true });
  expect(tasks.find((t) => t.title === "Kitchen")!.parentId).toBe(clean.id);
});

test("imports and exports are bounded per user per hour: past the quota ResourceExhausted, another user unaffected", async () => {
  const carol = await registerSession(stack.baseUrl);
  for (let i = 0; i < 8; i++) await importTodoist(carol, true);
  expect(ConnectError.from(await importTodoist(carol, true).catch((e: unknown) => e)).code).toBe(
    Code.ResourceExhausted,
  );
  for (let i = 0; i < 3; i++) await exported(carol, ExportFormat.TASKS_CSV);
  expect(ConnectError.from(await exported(carol, ExportFormat.TASKS_CSV).catch((e: unknown) => e)).code).toBe(
    Code.ResourceExhausted,
  );
  const dave = await registerSession(stack.baseUrl);
  expect((await importTodoist(dave, true)).tasksCreated).toBe(7);
});
