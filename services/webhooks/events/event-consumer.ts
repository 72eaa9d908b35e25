import type { DescMessage } from "@bufbuild/protobuf";
import { type Timestamp, timestampDate } from "@bufbuild/protobuf/wkt";
import { AccountDeletedSchema } from "../../../gen/todo/events/v1/audit_events_pb";
import {
  InvitationAcceptedSchema,
  MemberRemovedSchema,
  ProjectOwnershipTransferredSchema,
} from "../../../gen/todo/events/v1/share_events_pb";
import type { Project } from "../../../gen/todo/v1/project_pb";
import type { Task } from "../../../gen/todo/v1/task_pb";
import { webhookEventTypes } from "../../../vocabulary/webhook-event-types";
import type { EventBus } from "../../platform/bus/event-bus";
import { type DecodedEvent, decodeEvent, eventRegistry, topics } from "../../platform/bus/event-codec";
import { idempotentHandler, on } from "../../platform/bus/idempotent-consumer";
import type { Db } from "../../platform/db/database";
import { addMember, forgetUser, type KeptEvent, keepEvents, removeMember, transferProject } from "../db/delivery-store";
import { processedEvents } from "../db/schema";
import { webhookPayload } from "../domain/webhook-payload";

/** The subscribable events' schemas, by type name, with their webhook names. */
const subscribable: { schema: DescMessage; type: string }[] = webhookEventTypes.map((entry) => {
  const schema = eventRegistry.getMessage(entry.event);
  if (!schema) throw new Error(`webhook event type ${entry.type} names an unknown event ${entry.event}`);
  return { schema, type: entry.type };
});
const webhookTypeOf = new Map(subscribable.map((entry) => [entry.schema.typeName, entry.type]));

const occurredAtOf = (meta: { occurredAt?: Timestamp }) =>
  meta.occurredAt ? timestampDate(meta.occurredAt) : new Date();

/**
 * projectOf is where a task or project event sits in the project tree, for the members of its top-level project:
 * a task event starts at the task's project; a project event at its parent (or itself at the top level), and
 * records its own place. Other subscribable events (a reminder, a recurring instance) go to their owner only.
 */
function projectOf(decoded: DecodedEvent): KeptEvent["project"] {
  const event = decoded.event as { task?: Task; project?: Project };
  if (decoded.type.startsWith("todo.events.v1.Task") && event.task?.projectId) return { start: event.task.projectId };
  if (decoded.type.startsWith("todo.events.v1.Project") && event.project?.id) {
    const { id, parentId } = event.project;
    return { start: parentId || id, tree: { id, parentId } };
  }
  return null;
}

/**
 * subscribeWebhookEvents consumes task-events and audit-events. Each subscribable event is recorded as processed,
 * kept (for replay) and queued to the endpoints of its owner and of the members of its project; a fetched batch of
 * them in one statement (keepEvents), so a redelivered message queues nothing twice and the consumer keeps up with
 * hundreds of events a second. The share events keep the service's copy of who is a member of which project; AccountDeleted removes
 * the account's endpoints and history. Partitions are handled concurrently; within one (one task's events, one
 * project's share events) order is kept.
 */
export async function subscribeWebhookEvents(
  bus: EventBus,
  db: Db,
  groupId: string,
  queued: () => void,
): Promise<void> {
  const others = idempotentHandler({
    db,
    table: processedEvents,
    consumer: groupId,
    handlers: [
      on(InvitationAcceptedSchema, async ({ meta, event }, tx) =>
        addMember(tx, event.projectId, event.memberId, occurredAtOf(meta)),
      ),
      on(MemberRemovedSchema, async ({ event }, tx) => removeMember(tx, event.projectId, event.memberId)),
      on(ProjectOwnershipTransferredSchema, async ({ meta, event }, tx) =>
        transferProject(tx, {
          projectId: event.projectId,
          fromUserId: event.fromUserId,
          toUserId: event.toUserId,
          projectIds: event.projectIds,
          at: occurredAtOf(meta),
        }),
      ),
      on(AccountDeletedSchema, async ({ meta }, tx) => {
        if (meta.userId) await forgetUser(tx, meta.userId);
      }),
    ],
  });
  /** kept is a subscribable event as stored and queued; null for other events and for events without an owner. */
  const kept = (decoded: DecodedEvent): KeptEvent | null => {
    const type = webhookTypeOf.get(decoded.type);
    const userId = decoded.meta.userId;
    // An event without an owner belongs to no one's endpoints.
    if (!type || !userId) return null;
    const occurredAt = occurredAtOf(decoded.meta);
    return {
      eventId: decoded.meta.eventId,
      userId,
      eventType: type,
      orderingKey: decoded.key || decoded.meta.eventId,
      occurredAt,
      payload: webhookPayload({
        type,
        occurredAt,
        schema: eventRegistry.getMessage(decoded.type)!,
        event: decoded.event,
        registry: eventRegistry,
      }),
      project: projectOf(decoded),
    };
  };
  const keep = async (events: KeptEvent[]) => {
    if (events.length > 0 && (await keepEvents(db, groupId, events)) > 0) queued();
  };
  const othersTypes: ReadonlySet<string> = new Set(
    [InvitationAcceptedSchema, MemberRemovedSchema, ProjectOwnershipTransferredSchema, AccountDeletedSchema].map(
      (schema) => schema.typeName,
    ),
  );
  await bus.subscribe({
    groupId,
    topics: [topics.taskEvents, topics.auditEvents],
    // Both topics' partitions at once (3 each): one task's events stay in order within their partition.
    concurrency: 6,
    handle: async (message) => {
      const decoded = decodeEvent(message);
      if (othersTypes.has(decoded.type)) return others(message);
      const event = kept(decoded);
      if (event) await keep([event]);
    },
    // A fetched batch in one statement per run of subscribable events; a run ends after a project event (the next
    // events see its place in the tree) and before a share or account event (its own transaction, in order).
    handleBatch: async (messages) => {
      let run: KeptEvent[] = [];
      for (const message of messages) {
        const decoded = decodeEvent(message);
        if (othersTypes.has(decoded.type)) {
          await keep(run);
          run = [];
          await others(message);
          continue;
        }
        const event = kept(decoded);
        if (!event) continue;
        run.push(event);
        if (event.project?.tree) {
          await keep(run);
          run = [];
        }
      }
      await keep(run);
    },
  });
}
