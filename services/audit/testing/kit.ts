import { afterAll, beforeAll } from "bun:test";
import { create, type DescMessage, type MessageInitShape } from "@bufbuild/protobuf";
import type { Client } from "@connectrpc/connect";
import { eq } from "drizzle-orm";
import { TaskCreatedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import { AuditService } from "../../../gen/todo/v1/audit_service_pb";
import { allTopics, type EventMessage, encodeEvent, newEventMeta, topics } from "../../platform/bus/event-codec";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { startGroupsAtEnd } from "../../platform/testing/kafka-groups";
import { signedInClient } from "../../platform/testing/tokens";
import { createAudit } from "../audit";
import { auditEvents } from "../db/schema";

const source = "/taskmesh/audit-test";

/** auditClient is a real Connect client over HTTP/1.1, signed in as the user (anonymous without one). */
export const auditClient = (stack: TestStack, userId?: string): Promise<Client<typeof AuditService>> =>
  signedInClient(AuditService, stack, userId);

/** event builds an integration event with a fresh envelope for the user, optionally at a given time. */
export function event<Desc extends DescMessage>(
  schema: Desc,
  userId: string,
  init: MessageInitShape<Desc>,
  at?: Date,
): EventMessage {
  const message: EventMessage = create(schema, init);
  message.meta = newEventMeta({ userId, correlationId: crypto.randomUUID(), at });
  return message;
}

/** publish sends events to a topic as producers do: protobuf with CloudEvents headers, keyed by `key`. */
export async function publish(stack: TestStack, topic: string, key: string, ...events: EventMessage[]): Promise<void> {
  await stack.deps.bus.publish(
    topic,
    events.map((e) => encodeEvent(e, key, source)),
  );
}

/** AuditStack is the audit service on a fresh database and a consumer group of its own. */
export interface AuditStack {
  stack: TestStack;
  groupId: string;
}

/**
 * startAuditStack runs the audit service with a new consumer group that starts at the newest offsets
 * (no replay of other runs' history), and returns once that group is reading.
 */
export async function startAuditStack(env: Record<string, string> = {}): Promise<AuditStack> {
  const groupId = `audit-test-${crypto.randomUUID().slice(0, 8)}`;
  await startGroupsAtEnd([groupId], allTopics);
  const stack = await startTestStack([createAudit], { env: { AUDIT_CONSUMER_GROUP: groupId, ...env } });
  await untilConsuming(stack);
  return { stack, groupId };
}

/**
 * auditStackForFile starts an audit stack before the file's tests and stops it after them; its `stack` and
 * `groupId` are there once the tests run.
 */
export function auditStackForFile(): AuditStack {
  const audit = {} as AuditStack;
  beforeAll(async () => {
    Object.assign(audit, await startAuditStack());
  }, 60_000);
  afterAll(async () => {
    await audit.stack?.stop();
  }, 30_000);
  return audit;
}

/**
 * untilConsuming publishes probe events until one is recorded: a group starting at the newest offset
 * sees only what arrives after its partitions were assigned (and their offsets resolved, all at once).
 */
async function untilConsuming(stack: TestStack): Promise<void> {
  const probeUser = `probe-${crypto.randomUUID()}`;
  const recorded = async () =>
    (await stack.deps.database.db.select().from(auditEvents).where(eq(auditEvents.userId, probeUser)).limit(1)).length >
    0;
  const deadline = Date.now() + 30_000;
  while (!(await recorded())) {
    if (Date.now() > deadline) throw new Error("the audit consumer never started reading");
    await publish(
      stack,
      topics.taskEvents,
      probeUser,
      event(TaskCreatedSchema, probeUser, { task: { id: probeUser, title: "probe" } }),
    );
    await Bun.sleep(250);
  }
}
