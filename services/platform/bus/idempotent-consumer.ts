import type { Db } from "../db/database";
import type { ProcessedEventsTable } from "../db/event-tables";
import { runInScope } from "../request-context";
import type { ReceivedMessage } from "./event-bus";
import { type DecodedEvent, decodeEvent } from "./event-codec";
import { type EventHandler, handlerTable } from "./typed-events";

export { type EventHandler, on } from "./typed-events";

/**
 * idempotentHandler decodes a message (undecodable → DLQ), then, in one transaction, records
 * (consumer, event id) and runs the handler: a redelivered event finds its row and has no effect.
 * Events of types the consumer does not handle are acknowledged without effect. Handlers are keyed by
 * the generated schema: `handlers: [on(TaskCompletedSchema, async (event, tx) => …), …]`.
 */
export function idempotentHandler(options: {
  db: Db;
  table: ProcessedEventsTable;
  consumer: string;
  handlers: readonly EventHandler[];
  /** afterCommit runs once the transaction committed, e.g. to push to live streams or arm a timer. */
  afterCommit?: (event: DecodedEvent) => void;
}): (message: ReceivedMessage) => Promise<void> {
  const { db, table, consumer } = options;
  const handlers = handlerTable(options.handlers);
  return async (message) => {
    const decoded = decodeEvent(message);
    const handler = handlers.get(decoded.type);
    if (!handler) return;
    const scope = { correlationId: decoded.meta.correlationId || decoded.meta.eventId, userId: decoded.meta.userId };
    const applied = await runInScope(scope, () =>
      db.transaction(async (tx) => {
        const recorded = await tx
          .insert(table)
          .values({ consumer, eventId: decoded.meta.eventId })
          .onConflictDoNothing()
          .returning({ eventId: table.eventId });
        if (recorded.length === 0) return false;
        await handler.handle(decoded, tx);
        return true;
      }),
    );
    if (applied) options.afterCommit?.(decoded);
  };
}
