import type { DescMessage } from "@bufbuild/protobuf";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { AccountDeletedSchema } from "../../../gen/todo/events/v1/audit_events_pb";
import { webhookEventTypes } from "../../../vocabulary/webhook-event-types";
import type { EventBus } from "../../platform/bus/event-bus";
import { eventRegistry, topics } from "../../platform/bus/event-codec";
import { idempotentHandler, on } from "../../platform/bus/idempotent-consumer";
import type { Db } from "../../platform/db/database";
import { forgetUser, keepEvent } from "../db/delivery-store";
import { processedEvents } from "../db/schema";
import { webhookPayload } from "../domain/webhook-payload";

/** The subscribable events' schemas, by type name, with their webhook names. */
const subscribable: { schema: DescMessage; type: string }[] = webhookEventTypes.map((entry) => {
  const schema = eventRegistry.getMessage(entry.event);
  if (!schema) throw new Error(`webhook event type ${entry.type} names an unknown event ${entry.event}`);
  return { schema, type: entry.type };
});
const webhookTypeOf = new Map(subscribable.map((entry) => [entry.schema.typeName, entry.type]));

/**
 * subscribeWebhookEvents consumes task-events and audit-events: each subscribable event of a user is kept (for
 * replay) and queued to the user's endpoints of its type, in the same transaction as its processed-event row,
 * so a redelivered message queues nothing twice. AccountDeleted removes the account's endpoints and history.
 * Partitions are handled concurrently; within one (one task's events) order is kept.
 */
export async function subscribeWebhookEvents(
  bus: EventBus,
  db: Db,
  groupId: string,
  queued: () => void,
): Promise<void> {
  await bus.subscribe({
    groupId,
    topics: [topics.taskEvents, topics.auditEvents],
    // Both topics' partitions at once (3 each): one task's events stay in order within their partition.
    concurrency: 6,
    handle: idempotentHandler({
      db,
      table: processedEvents,
      consumer: groupId,
      handlers: [
        on(
          subscribable.map((entry) => entry.schema),
          async (decoded, tx) => {
            const userId = decoded.meta.userId;
            // An event without an owner belongs to no one's endpoints.
            if (!userId) return;
            const type = webhookTypeOf.get(decoded.type)!;
            const occurredAt = decoded.meta.occurredAt ? timestampDate(decoded.meta.occurredAt) : new Date();
            await keepEvent(tx, {
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
            });
          },
        ),
        on(AccountDeletedSchema, async ({ meta }, tx) => {
          if (meta.userId) await forgetUser(tx, meta.userId);
        }),
      ],
      afterCommit: queued,
    }),
  });
}
