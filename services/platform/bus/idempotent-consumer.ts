import type { Db, Tx } from "../db/database";
import type { ProcessedEventsTable } from "../db/event-tables";
import { runInScope } from "../request-context";
import { decodeEvent, type DecodedEvent } from "./event-codec";
import type { ReceivedMessage } from "./event-bus";

/** EventHandler handles one decoded event inside the transaction that also records it as processed. */
export type EventHandler = (event: DecodedEvent, tx: Tx) => Promise<void>;

/**
 * idempotentHandler decodes a message (undecodable → DLQ), then, in one transaction, records
 * (consumer, event id) and runs the handler: a redelivered event finds its row and has no effect.
 * Events of types the consumer does not handle are acknowledged without effect.
 */
export function idempotentHandler(options: {
  db: Db;
  table: ProcessedEventsTable;
  consumer: string;
  handlers: Record<string, EventHandler>;
  /** afterCommit runs once the transaction committed, e.g. to push to live streams or arm a timer. */
  afterCommit?: (event: DecodedEvent) => void;
}): (message: ReceivedMessage) => Promise<void> {
  const { db, table, consumer, handlers } = options;
  return async (message) => {
    const decoded = decodeEvent(message);
    const handler = handlers[decoded.type];
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
        await handler(decoded, tx);
        return true;
      }),
    );
    if (applied) options.afterCommit?.(decoded);
  };
}
