import { sql } from "drizzle-orm";
import { bigserial, index, integer, pgSchema, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { processedEventsTable } from "../../platform/db/event-tables";

/** The webhooks service owns the `webhooks` schema; no other service reads it. */
/** @public drizzle-kit reads the schema from this export. */
export const webhooksSchema = pgSchema("webhooks");

/** processedEvents records each consumed event, so a redelivered one queues nothing twice. */
export const processedEvents = processedEventsTable(webhooksSchema);

/** endpoints are the users' subscribed URLs; secret is the whsec_ signing key. */
export const endpoints = webhooksSchema.table(
  "endpoints",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id").notNull(),
    url: text("url").notNull(),
    eventTypes: text("event_types").array().notNull(),
    secret: text("secret").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("endpoints_user_idx").on(t.userId, t.createdAt)],
);

/**
 * events is the history replay reads: each user's subscribable events as consumed, kept WEBHOOKS_HISTORY_DAYS
 * (and longer while a delivery of it is pending or dead). payload is the JSON body sent.
 */
export const events = webhooksSchema.table(
  "events",
  {
    // Text, not uuid: an envelope's ids are strings in the contract; a malformed one must not stall the consumer.
    eventId: text("event_id").primaryKey(),
    userId: text("user_id").notNull(),
    eventType: text("event_type").notNull(),
    /** orderingKey is the aggregate (task, project) the event is about: deliveries of one key go in order. */
    orderingKey: text("ordering_key").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    payload: text("payload").notNull(),
    consumedAt: timestamp("consumed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("events_user_time_idx").on(t.userId, t.occurredAt), index("events_consumed_idx").on(t.consumedAt)],
);

/**
 * deliveries: one row per (endpoint, event), whose id is the stable webhook-id. sequence orders an endpoint's
 * deliveries of one ordering key; status is pending, succeeded or dead. leased_until keeps two replicas (or
 * two passes of one) from sending the same delivery at once.
 */
export const deliveries = webhooksSchema.table(
  "deliveries",
  {
    id: uuid("id").primaryKey(),
    sequence: bigserial("sequence", { mode: "number" }).notNull(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull(),
    eventId: text("event_id")
      .notNull()
      .references(() => events.eventId, { onDelete: "cascade" }),
    orderingKey: text("ordering_key").notNull(),
    status: text("status", { enum: ["pending", "succeeded", "dead"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    leasedUntil: timestamp("leased_until", { withTimezone: true }),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    lastStatusCode: integer("last_status_code").notNull().default(0),
    lastError: text("last_error").notNull().default(""),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("deliveries_endpoint_event_idx").on(t.endpointId, t.eventId),
    index("deliveries_log_idx").on(t.endpointId, t.sequence),
    index("deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("deliveries_key_idx").on(t.endpointId, t.orderingKey, t.sequence).where(sql`${t.status} = 'pending'`),
    index("deliveries_event_idx").on(t.eventId),
  ],
);
