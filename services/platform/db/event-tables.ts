import { sql } from "drizzle-orm";
import { bigserial, customType, index, jsonb, type PgSchema, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => new Uint8Array(value),
});

/** outboxTable defines a service's transactional outbox in its own schema. */
export function outboxTable(schema: PgSchema) {
  return schema.table(
    "outbox",
    {
      id: bigserial("id", { mode: "number" }).primaryKey(),
      topic: text("topic").notNull(),
      key: text("key").notNull(),
      eventId: text("event_id").notNull(),
      eventType: text("event_type").notNull(),
      payload: bytea("payload").notNull(),
      headers: jsonb("headers").$type<Record<string, string>>().notNull(),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
      publishedAt: timestamp("published_at", { withTimezone: true }),
    },
    (t) => [index("outbox_unpublished_idx").on(t.id).where(sql`${t.publishedAt} is null`)],
  );
}
export type OutboxTable = ReturnType<typeof outboxTable>;

/** processedEventsTable records (consumer, event id) so a redelivered event has no second effect. */
export function processedEventsTable(schema: PgSchema) {
  return schema.table(
    "processed_events",
    {
      consumer: text("consumer").notNull(),
      eventId: text("event_id").notNull(),
      processedAt: timestamp("processed_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [primaryKey({ columns: [t.consumer, t.eventId] })],
  );
}
export type ProcessedEventsTable = ReturnType<typeof processedEventsTable>;
