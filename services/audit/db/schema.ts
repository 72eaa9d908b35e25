import { sql } from "drizzle-orm";
import { bigint, check, index, pgSchema, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { processedEventsTable } from "../../platform/db/event-tables";

/** The audit service owns the `audit` schema; no other service reads it. */
/** @public drizzle-kit reads the schema from this export. */
export const auditSchema = pgSchema("audit");

/**
 * auditEvents is the append-only log: one row per event, chained per user by previous_hash → hash.
 * A trigger (migration 0001) rejects UPDATE, DELETE and TRUNCATE. payload_json is text, not jsonb:
 * jsonb would reformat it and the stored text is what the hash covers.
 */
export const auditEvents = auditSchema.table(
  "audit_events",
  {
    id: uuid("id").primaryKey(),
    userId: text("user_id").notNull(),
    sequence: bigint("sequence", { mode: "number" }).notNull(),
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    topic: text("topic").notNull(),
    taskId: text("task_id").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
    summary: text("summary").notNull(),
    payloadJson: text("payload_json").notNull(),
    previousHash: text("previous_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    uniqueIndex("audit_events_event_id_idx").on(t.eventId),
    uniqueIndex("audit_events_user_sequence_idx").on(t.userId, t.sequence),
    index("audit_events_user_task_idx").on(t.userId, t.taskId, t.sequence),
    check("audit_events_sequence_positive", sql`${t.sequence} > 0`),
  ],
);

/**
 * chainHeads holds each user's last sequence and hash. Appends lock the user's row, so concurrent
 * consumers extend a chain one at a time; verification compares the chain's end with it. When the
 * account is deleted its records are erased and the head stays as a tombstone: erased_at set (never
 * unset again, migration 0002), the last sequence and hash kept, and nothing appended after.
 */
export const chainHeads = auditSchema.table("chain_heads", {
  userId: text("user_id").primaryKey(),
  sequence: bigint("sequence", { mode: "number" }).notNull(),
  hash: text("hash").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  erasedAt: timestamp("erased_at", { withTimezone: true }),
});

export const processedEvents = processedEventsTable(auditSchema);
