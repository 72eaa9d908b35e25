import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
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
    /**
     * sharedRoot is the top-level project of a task or project event (as the project tree was known when it was
     * consumed): the members of that project receive it too. Null for events that go to their owner only.
     */
    sharedRoot: text("shared_root"),
  },
  (t) => [
    index("events_user_time_idx").on(t.userId, t.occurredAt),
    index("events_consumed_idx").on(t.consumedAt),
    index("events_shared_time_idx").on(t.sharedRoot, t.occurredAt).where(sql`${t.sharedRoot} is not null`),
  ],
);

/**
 * projectTree is each project's parent as the project events told it (a top-level project has none), so an event
 * of a sub-project finds the top-level project its members are members of.
 */
export const projectTree = webhooksSchema.table("project_tree", {
  projectId: text("project_id").primaryKey(),
  parentId: text("parent_id"),
});

/**
 * projectMembers are the members of top-level projects as the share events told them (InvitationAccepted adds,
 * MemberRemoved removes, ProjectOwnershipTransferred swaps the two owners): their endpoints receive the project's
 * events that occurred since they joined.
 */
export const projectMembers = webhooksSchema.table(
  "project_members",
  {
    projectId: text("project_id").notNull(),
    userId: uuid("user_id").notNull(),
    since: timestamp("since", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] }), index("project_members_user_idx").on(t.userId)],
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
    /** sharedProjectId: the delivery goes to a member of this (top-level) project; sent only while they are one. */
    sharedProjectId: text("shared_project_id"),
  },
  (t) => [
    uniqueIndex("deliveries_endpoint_event_idx").on(t.endpointId, t.eventId),
    index("deliveries_log_idx").on(t.endpointId, t.sequence),
    // The claim's order (next_attempt_at, sequence) straight from the index: with a backlog of thousands, a claim
    // reads its few rows instead of sorting every pending one.
    index("deliveries_due_idx").on(t.nextAttemptAt, t.sequence).where(sql`${t.status} = 'pending'`),
    index("deliveries_key_idx").on(t.endpointId, t.orderingKey, t.sequence).where(sql`${t.status} = 'pending'`),
    index("deliveries_event_idx").on(t.eventId),
  ],
);

/**
 * attempts is every attempt of a delivery (the delivery row keeps only the latest): at most WEBHOOKS_ATTEMPTS_KEPT
 * per delivery and WEBHOOKS_ATTEMPT_RETENTION_DAYS old, trimmed by the hourly prune.
 */
export const attempts = webhooksSchema.table(
  "attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => deliveries.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull(),
    statusCode: integer("status_code").notNull(),
    error: text("error").notNull(),
    durationMs: integer("duration_ms").notNull(),
    succeeded: boolean("succeeded").notNull(),
  },
  (t) => [index("attempts_delivery_idx").on(t.deliveryId, t.id), index("attempts_time_idx").on(t.attemptedAt)],
);
