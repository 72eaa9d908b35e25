import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgSchema,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { outboxTable, processedEventsTable } from "../../platform/db/event-tables";
import type { ScheduleState } from "../domain/schedule";

/** The notification service owns the `notification` schema; no other service reads it. */
/** @public drizzle-kit reads the schema from this export. */
export const notificationSchema = pgSchema("notification");

/** reminderSchedules holds one row per task: its current reminder and how its delivery is going. */
export const reminderSchedules = notificationSchema.table(
  "reminder_schedules",
  {
    taskId: text("task_id").primaryKey(),
    userId: text("user_id").notNull(),
    // remindAt is null only for a cancellation that arrived before any schedule (a tombstone).
    remindAt: timestamp("remind_at", { withTimezone: true, mode: "date" }),
    dueAt: timestamp("due_at", { withTimezone: true, mode: "date" }),
    title: text("title").notNull().default(""),
    timeZone: text("time_zone").notNull().default("UTC"),
    taskVersion: bigint("task_version", { mode: "number" }).notNull(),
    state: text("state").$type<ScheduleState>().notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" }),
    leaseUntil: timestamp("lease_until", { withTimezone: true, mode: "date" }),
    leaseId: uuid("lease_id"),
    // notificationId is set once the in-app notification exists: a retry for email does not repeat it.
    notificationId: uuid("notification_id"),
    emailDone: boolean("email_done").notNull().default(false),
    lastError: text("last_error"),
    correlationId: text("correlation_id").notNull().default(""),
    causationId: text("causation_id").notNull().default(""),
    deliveredAt: timestamp("delivered_at", { withTimezone: true, mode: "date" }),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("reminder_schedules_due_idx").on(t.nextAttemptAt).where(sql`${t.state} = 'pending'`),
    index("reminder_schedules_lease_idx").on(t.leaseUntil).where(sql`${t.state} = 'leased'`),
    check(
      "reminder_schedules_state_check",
      sql`${t.state} in ('pending', 'leased', 'delivered', 'failed', 'cancelled')`,
    ),
  ],
);

/** notifications is each user's in-app inbox. */
export const notifications = notificationSchema.table(
  "notifications",
  {
    id: uuid("id").primaryKey(),
    userId: text("user_id").notNull(),
    taskId: text("task_id").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    remindAt: timestamp("remind_at", { withTimezone: true, mode: "date" }).notNull(),
    dueAt: timestamp("due_at", { withTimezone: true, mode: "date" }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true, mode: "date" }).notNull(),
    readAt: timestamp("read_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.deliveredAt.desc(), t.id.desc()),
    index("notifications_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
    // One inbox entry per reminder occurrence, whatever happens to the schedule row.
    uniqueIndex("notifications_reminder_idx").on(t.taskId, t.remindAt),
  ],
);

/** preferences says how each user wants reminders; no row means both channels on. */
export const preferences = notificationSchema.table("preferences", {
  userId: text("user_id").primaryKey(),
  emailEnabled: boolean("email_enabled").notNull(),
  inAppEnabled: boolean("in_app_enabled").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const processedEvents = processedEventsTable(notificationSchema);
export const outbox = outboxTable(notificationSchema);
