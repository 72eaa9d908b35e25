import { fromBinary } from "@bufbuild/protobuf";
import { eq, inArray } from "drizzle-orm";
import { AccountDeletedSchema, RecurringTaskGeneratedSchema } from "../../../gen/todo/events/v1/audit_events_pb";
import type { EventBus } from "../../platform/bus/event-bus";
import { topics } from "../../platform/bus/event-codec";
import { idempotentHandler, on } from "../../platform/bus/idempotent-consumer";
import type { Db } from "../../platform/db/database";
import { outbox, processedEvents } from "../db/schema";

/**
 * subscribeAccountDeletion erases what recurring holds for a deleted account: the only rows that name a
 * user are its outbox's RecurringTaskGenerated events (they carry task titles), found by decoding them,
 * since their key is the series id. processed_events holds event ids alone. Idempotent on the event id;
 * a redelivery would find nothing left anyway.
 */
export function subscribeAccountDeletion(bus: EventBus, db: Db, group: string): Promise<void> {
  const consumer = `${group}-accounts`;
  return bus.subscribe({
    groupId: consumer,
    topics: [topics.auditEvents],
    handle: idempotentHandler({
      db,
      table: processedEvents,
      consumer,
      handlers: [
        on(AccountDeletedSchema, async ({ meta }, tx) => {
          const rows = await tx
            .select({ id: outbox.id, payload: outbox.payload })
            .from(outbox)
            .where(eq(outbox.eventType, RecurringTaskGeneratedSchema.typeName));
          const theirs = rows.filter(
            (row) => fromBinary(RecurringTaskGeneratedSchema, row.payload).meta?.userId === meta.userId,
          );
          if (theirs.length > 0)
            await tx.delete(outbox).where(
              inArray(
                outbox.id,
                theirs.map((row) => row.id),
              ),
            );
        }),
      ],
    }),
  });
}
