// Needs real Postgres and Kafka (npm run infra:up). Issue 15 (Share): the audit service learns project trees and
// memberships from the events it records, and lets a member read a shared project's slice of its owner's chain.
// Events arrive as producers send them: keyed by project (project and share events) or task (task events), so a
// sub-project's task event may come before the sub-project's own ProjectCreated.
import { expect, test } from "bun:test";
import { ProjectCreatedSchema } from "../../../gen/todo/events/v1/project_events_pb";
import {
  InvitationAcceptedSchema,
  MemberRemovedSchema,
  ProjectOwnershipTransferredSchema,
} from "../../../gen/todo/events/v1/share_events_pb";
import { TaskCompletedSchema, TaskCreatedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import { topics } from "../../platform/bus/event-codec";
import { codeOf } from "../../platform/testing/outcome";
import { waitFor } from "../../platform/testing/wait";
import { auditClient, auditStackForFile, event, publish } from "../testing/kit";

const audit = auditStackForFile();

/** by marks an event as done by `actor` (the envelope a member's request gets). */
const by = <E extends ReturnType<typeof event>>(actor: string, name: string, message: E): E => {
  message.meta!.actorUserId = actor;
  message.meta!.actorDisplayName = name;
  return message;
};

test("a member reads the project's slice of its owner's chain, across a transfer; a removed member does not", async () => {
  const [owner, sara, stranger] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
  const [root, sub, task, later] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
  await publish(audit.stack, topics.taskEvents, root, event(ProjectCreatedSchema, owner, { project: { id: root } }));
  await publish(
    audit.stack,
    topics.taskEvents,
    root,
    by(sara, "Sara", event(InvitationAcceptedSchema, owner, { projectId: root, memberId: sara, actorId: sara })),
  );
  // The sub-project's task is recorded before the sub-project is known: its top-level project is found when read.
  await publish(
    audit.stack,
    topics.taskEvents,
    task,
    by(owner, "Olivia", event(TaskCreatedSchema, owner, { task: { id: task, title: "report", projectId: sub } })),
    by(sara, "Sara", event(TaskCompletedSchema, owner, { task: { id: task, title: "report", projectId: sub } })),
  );
  await publish(
    audit.stack,
    topics.taskEvents,
    sub,
    event(ProjectCreatedSchema, owner, { project: { id: sub, parentId: root } }),
  );

  const saras = await auditClient(audit.stack, sara);
  const slice = await waitFor(
    "Sara to read the project's five records",
    async () => {
      // NotFound until the project and the membership are consumed.
      const { events } = await saras.listAuditEvents({ projectId: root }).catch(() => ({ events: [] }));
      return events.length === 5 ? events : undefined;
    },
    15_000,
  );
  expect(slice.every((e) => e.projectId === root && e.chainUserId === owner)).toBe(true);
  const completion = slice.find((e) => e.eventType.endsWith("TaskCompleted"))!;
  expect([completion.actorUserId, completion.actorDisplayName]).toEqual([sara, "Sara"]);
  expect((await saras.listAuditEvents({ projectId: root, actorUserId: owner })).events.map((e) => e.summary)).toEqual([
    'Task created: "report"',
  ]);
  expect(await codeOf((await auditClient(audit.stack, stranger)).listAuditEvents({ projectId: root }))).toBe(
    "NotFound",
  );

  // Ownership passes to Sara: her new records join her chain, the project's slice reads both chains, and the
  // former owner, now a member, still reads it.
  await publish(
    audit.stack,
    topics.taskEvents,
    root,
    event(ProjectOwnershipTransferredSchema, owner, {
      projectId: root,
      fromUserId: owner,
      toUserId: sara,
      actorId: owner,
    }),
  );
  await publish(
    audit.stack,
    topics.taskEvents,
    later,
    by(sara, "Sara", event(TaskCreatedSchema, sara, { task: { id: later, title: "slides", projectId: root } })),
  );
  const olivias = await auditClient(audit.stack, owner);
  const both = await waitFor(
    "the former owner to read both chains of the project",
    async () => {
      const { events } = await olivias.listAuditEvents({ projectId: root });
      return events.length === 7 ? events : undefined;
    },
    15_000,
  );
  expect(new Set(both.map((e) => e.chainUserId))).toEqual(new Set([owner, sara]));
  // Newest first across chains.
  expect(both[0]!.summary).toBe('Task created: "slides"');

  // Sara removes Olivia: Olivia's reads of the project stop, her own chain is still hers and verifies.
  await publish(
    audit.stack,
    topics.taskEvents,
    root,
    event(MemberRemovedSchema, sara, { projectId: root, memberId: owner, actorId: sara }),
  );
  await waitFor(
    "the removed member's reads to stop",
    async () => (await codeOf(olivias.listAuditEvents({ projectId: root }))) === "NotFound",
    15_000,
  );
  const shared = await olivias.listAuditEvents({ includeShared: true });
  expect(shared.events.some((e) => e.chainUserId === sara)).toBe(false);
  expect((await olivias.listAuditEvents({})).events.length).toBe(6);
  expect((await olivias.verifyAuditChain({})).valid).toBe(true);
  expect((await saras.verifyAuditChain({})).valid).toBe(true);
}, 90_000);
