// Needs real Postgres (npm run infra:up). Issue 15 (Share): who did what in a shared project. An editor's change
// names the editor in the event's envelope (actor_user_id, beside the owner's user_id), in the owner's audit
// record and in every member's WatchTasks stream; a member reads the project's slice of the owner's chain
// (ListAuditEvents project_id / include_shared, filtered by actor), a stranger and a removed member do not; the
// owner's chain still verifies, and a record whose actor is rewritten no longer does.
import { afterAll, beforeAll, expect, test } from "bun:test";
import postgres from "postgres";
import { AuditService } from "../../../gen/todo/v1/audit_service_pb";
import { ProjectRole } from "../../../gen/todo/v1/share_pb";
import { TaskChangeKind } from "../../../gen/todo/v1/task_pb";
import type { WatchTasksResponse } from "../../../gen/todo/v1/task_service_pb";
import { createAudit } from "../../audit/audit";
import { createNotification } from "../../notification/notification";
import { startSmtpSink } from "../../notification/testing/smtp-sink";
import { startTestStack } from "../../platform/testing/harness";
import { codeOf } from "../../platform/testing/outcome";
import { connectClient } from "../../platform/testing/tokens";
import { waitFor } from "../../platform/testing/wait";
import { createOrchestrator } from "../orchestrator";
import type { MailStack } from "../testing/mail-stack";
import { type Person, person, shareWith } from "../testing/share-kit";

let mail: MailStack;
let db: postgres.Sql;

beforeAll(async () => {
  const sink = await startSmtpSink();
  const stack = await startTestStack([createOrchestrator, createNotification, createAudit], {
    kafka: false,
    env: { SMTP_URL: sink.url, AUTH_LIMIT_PER_ACCOUNT: "1000", AUTH_LIMIT_PER_ADDRESS: "1000" },
  });
  mail = {
    sink,
    stack,
    stop: async () => {
      await stack.stop();
      await sink.close();
    },
  };
  db = postgres(stack.databaseUrl, { max: 2, onnotice: () => {} });
}, 60_000);
afterAll(async () => {
  await db?.end();
  await mail?.stop();
}, 60_000);

const audit = (who: Person) => connectClient(AuditService, mail.stack.baseUrl, who.accessToken);

/** named registers a person and sets their display name (the name their changes are shown with). */
async function named(displayName: string): Promise<Person> {
  const who = await person(mail);
  await who.auth.updateMe({ displayName, updateMask: { paths: ["display_name"] } });
  return who;
}

/** collect keeps a WatchTasks stream's changes until stopped. */
function collect(who: Person) {
  const controller = new AbortController();
  const changes: WatchTasksResponse[] = [];
  const done = (async () => {
    try {
      for await (const change of who.tasks.watchTasks({}, { signal: controller.signal })) changes.push(change);
    } catch {
      // stopped
    }
  })();
  return {
    changes,
    stop: () => {
      controller.abort();
      return done;
    },
  };
}

test("an editor's completion names the editor in the event, the owner's audit record and a member's live stream", async () => {
  const owner = await named("Olivia");
  const sara = await named("Sara");
  const ali = await named("Ali");
  const stranger = await named("Stranger");
  const { project } = await owner.projects.createProject({ name: "Quarterly" });
  const { project: drafts } = await owner.projects.createProject({ name: "Drafts", parentId: project!.id });
  await shareWith(mail, owner, project!.id, sara, ProjectRole.EDITOR);
  await shareWith(mail, owner, project!.id, ali, ProjectRole.VIEWER);

  const stream = collect(ali);
  await Bun.sleep(300); // the stream is open
  const { task } = await owner.tasks.createTask({ title: "report", projectId: drafts!.id });
  await sara.tasks.completeTask({ id: task!.id });
  await sara.tasks.createTask({ title: "slides", projectId: project!.id });

  // Ali's client can say "Sara completed 'report'" and "Olivia created 'report'".
  const completed = await waitFor(
    "Ali's stream to show Sara's completion",
    () => stream.changes.find((c) => c.task?.id === task!.id && c.kind === TaskChangeKind.COMPLETED),
    5_000,
  );
  expect([completed.actorUserId, completed.actorDisplayName]).toEqual([sara.userId, "Sara"]);
  const created = stream.changes.find((c) => c.task?.id === task!.id && c.kind === TaskChangeKind.CREATED)!;
  expect([created.actorUserId, created.actorDisplayName]).toEqual([owner.userId, "Olivia"]);
  await stream.stop();

  // The owner's chain holds the record, naming Sara; its envelope keeps the owner as the data's user.
  const ownersLog = await waitFor(
    "the owner's audit log to record both tasks and the completion",
    async () => {
      const { events } = await audit(owner).listAuditEvents({ eventTypes: ["TaskCompleted", "TaskCreated"] });
      return events.length === 3 ? events : undefined;
    },
    10_000,
  );
  const completion = ownersLog.find((e) => e.eventType.endsWith("TaskCompleted"))!;
  expect([completion.actorUserId, completion.actorDisplayName, completion.chainUserId]).toEqual([
    sara.userId,
    "Sara",
    owner.userId,
  ]);
  // The task is in the sub-project: the record belongs to its top-level project.
  expect(completion.projectId).toBe(project!.id);
  const meta = JSON.parse(completion.payloadJson).meta;
  expect([meta.userId, meta.actorUserId, meta.actorDisplayName]).toEqual([owner.userId, sara.userId, "Sara"]);

  // Ali (a viewer) reads the project's slice of Olivia's chain: Olivia's and Sara's actions, not the invitations.
  const slice = (await audit(ali).listAuditEvents({ projectId: project!.id })).events;
  const seen = slice.map((e) => [e.eventType.replace("todo.events.v1.", ""), e.actorDisplayName]);
  expect(seen).toEqual(
    expect.arrayContaining([
      ["ProjectCreated", "Olivia"],
      ["TaskCreated", "Olivia"],
      ["TaskCompleted", "Sara"],
      ["TaskCreated", "Sara"],
      ["InvitationAccepted", "Sara"],
    ]),
  );
  expect(slice.every((e) => e.chainUserId === owner.userId && e.projectId === project!.id)).toBe(true);
  expect(seen.some(([type]) => type === "MemberInvited")).toBe(false);
  // Newest first, across pages.
  const firstPage = await audit(ali).listAuditEvents({ projectId: project!.id, pageSize: 2 });
  const secondPage = await audit(ali).listAuditEvents({
    projectId: project!.id,
    pageSize: 2,
    pageToken: firstPage.nextPageToken,
  });
  expect([...firstPage.events, ...secondPage.events].map((e) => e.id)).toEqual(slice.slice(0, 4).map((e) => e.id));
  // The sub-project's own listing has only its records.
  const draftsSlice = (await audit(ali).listAuditEvents({ projectId: drafts!.id })).events;
  expect(draftsSlice.map((e) => e.eventType.replace("todo.events.v1.", "")).sort()).toEqual([
    "ProjectCreated",
    "TaskCompleted",
    "TaskCreated",
  ]);
  // "What did Sara change?": by actor, in the project or across everything shared with Ali.
  const bySara = (await audit(ali).listAuditEvents({ projectId: project!.id, actorUserId: sara.userId })).events;
  expect(bySara.length).toBeGreaterThanOrEqual(3);
  expect(bySara.every((e) => e.actorUserId === sara.userId)).toBe(true);
  const sharedBySara = await audit(ali).listAuditEvents({
    includeShared: true,
    actorUserId: sara.userId,
    eventTypes: ["TaskCompleted", "TaskCreated"],
  });
  expect(sharedBySara.events.map((e) => e.summary).sort()).toEqual([
    'Task completed: "report"',
    'Task created: "slides"',
  ]);
  // Without include_shared, Ali's own log has none of it.
  expect((await audit(ali).listAuditEvents({ actorUserId: sara.userId })).events).toEqual([]);

  // A stranger: NotFound for the project, nothing of it among "shared with me".
  expect(await codeOf(audit(stranger).listAuditEvents({ projectId: project!.id }))).toBe("NotFound");
  expect(await codeOf(audit(stranger).listAuditEvents({ projectId: drafts!.id }))).toBe("NotFound");
  expect((await audit(stranger).listAuditEvents({ includeShared: true })).events.map((e) => e.projectId)).not.toContain(
    project!.id,
  );

  // A removed member loses the slice as soon as the audit service has the MemberRemoved.
  await owner.share.removeMember({ projectId: project!.id, userId: ali.userId });
  await waitFor(
    "Ali's reads of the project to stop",
    async () => (await codeOf(audit(ali).listAuditEvents({ projectId: project!.id }))) === "NotFound",
    10_000,
  );
  const afterRemoval = await audit(ali).listAuditEvents({ includeShared: true });
  expect(afterRemoval.events.filter((e) => e.chainUserId === owner.userId)).toEqual([]);
  // Sara still reads it.
  expect((await audit(sara).listAuditEvents({ projectId: project!.id })).events.length).toBeGreaterThan(0);

  // Verification stays per caller's own chain: the owner's verifies, a member's own is theirs alone.
  const verdict = await audit(owner).verifyAuditChain({});
  expect(verdict.valid).toBe(true);
  expect(verdict.checked).toBeGreaterThanOrEqual(completion.sequence);
  expect((await audit(sara).verifyAuditChain({})).valid).toBe(true);

  // Rewriting who acted (the column the actor filter reads) breaks the chain at that record.
  await db.begin(async (tx) => {
    await tx.unsafe("alter table audit.audit_events disable trigger user");
    await tx`update audit.audit_events set actor_user_id = ${owner.userId} where id = ${completion.id}`;
    await tx.unsafe("alter table audit.audit_events enable trigger user");
  });
  const tampered = await audit(owner).verifyAuditChain({});
  expect([tampered.valid, tampered.firstBrokenSequence, tampered.firstBrokenEventId]).toEqual([
    false,
    completion.sequence,
    completion.eventId,
  ]);
}, 90_000);
