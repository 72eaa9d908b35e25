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
import type { ScheduleKind, ScheduleState } from "../domain/schedule";

/** The notification service owns the `notification` schema; no other service reads it. */
/** @public drizzle-kit reads the schema from this export. */
export const notificationSchema = pgSchema("notification");

/**
 * reminderSchedules holds one row per reminder of a task (its id is `<task id>@<ISO time>`, so a time's delivery
 * state survives the other reminders changing) plus at most one snooze per task (`<task id>@snooze`), and how
 * each delivery is going.
 */
export const reminderSchedules = notificationSchema.table(
  "reminder_schedules",
  {
    id: text("id").primaryKey(),
    taskId: text("task_id").notNull(),
    kind: text("kind").$type<ScheduleKind>().notNull().default("reminder"),
    // userId is who the reminder goes to: the task's assignee, else its owner (reminder_tasks), moved with them
    // until its delivery starts.
    userId: text("user_id").notNull(),
    // remindAt is when this delivery is due (for a snooze: when it comes back).
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
    index("reminder_schedules_task_idx").on(t.taskId),
    index("reminder_schedules_due_idx").on(t.nextAttemptAt).where(sql`${t.state} = 'pending'`),
    index("reminder_schedules_lease_idx").on(t.leaseUntil).where(sql`${t.state} = 'leased'`),
    check(
      "reminder_schedules_state_check",
      sql`${t.state} in ('pending', 'leased', 'delivered', 'failed', 'cancelled')`,
    ),
    check("reminder_schedules_kind_check", sql`${t.kind} in ('reminder', 'snooze')`),
  ],
);

/**
 * reminderTasks holds, per task, the newest task version any reminder event carried (an older event changes
 * nothing, even for a time that has no row yet) and whether the task is done or deleted (no snooze then).
 */
export const reminderTasks = notificationSchema.table(
  "reminder_tasks",
  {
    taskId: text("task_id").primaryKey(),
    // userId is the task's owner: the newest owner an event stated (ownerAt orders them; a transfer moves it).
    userId: text("user_id").notNull(),
    taskVersion: bigint("task_version", { mode: "number" }).notNull(),
    ended: boolean("ended").notNull().default(false),
    // assigneeId is who holds the task (empty: nobody) as of assigneeVersion, the newest task version that said
    // so; projectId is the task's project as of that version. Reminders go to the assignee, else the owner.
    assigneeId: text("assignee_id").notNull().default(""),
    assigneeVersion: bigint("assignee_version", { mode: "number" }).notNull().default(0),
    projectId: text("project_id").notNull().default(""),
    // ownerAt is when the event that named userId happened (a late event from before a transfer changes nothing).
    ownerAt: timestamp("owner_at", { withTimezone: true, mode: "date" }),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("reminder_tasks_owner_project_idx").on(t.userId, t.projectId),
    index("reminder_tasks_assignee_idx").on(t.assigneeId).where(sql`${t.assigneeId} <> ''`),
  ],
);

/**
 * digests holds, per user with the daily digest on, when it is next due and which local day was last sent:
 * a replica leases a due row (SKIP LOCKED), sends, and records the day, so each local day is sent once.
 */
export const digests = notificationSchema.table(
  "digests",
  {
    userId: text("user_id").primaryKey(),
    // nextRunAt is the next digest_time in timeZone (the profile zone when it was last computed).
    nextRunAt: timestamp("next_run_at", { withTimezone: true, mode: "date" }).notNull(),
    timeZone: text("time_zone").notNull(),
    // lastSentDate is the local day (YYYY-MM-DD) of the last digest sent.
    lastSentDate: text("last_sent_date"),
    attempts: integer("attempts").notNull().default(0),
    leaseId: uuid("lease_id"),
    leaseUntil: timestamp("lease_until", { withTimezone: true, mode: "date" }),
    lastError: text("last_error"),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("digests_next_run_idx").on(t.nextRunAt)],
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
    // One inbox entry per reminder occurrence, whatever happens to the schedule row, per user: a comment's
    // mentions (issue 15) are entries of the task at the comment's time, one for each person mentioned.
    uniqueIndex("notifications_occurrence_idx").on(t.taskId, t.remindAt, t.userId),
  ],
);

/** preferences says how each user wants reminders; no row means both channels on. */
export const preferences = notificationSchema.table("preferences", {
  userId: text("user_id").primaryKey(),
  emailEnabled: boolean("email_enabled").notNull(),
  inAppEnabled: boolean("in_app_enabled").notNull(),
  digestEnabled: boolean("digest_enabled").notNull().default(false),
  // digestTime is "HH:MM" local; empty: DIGEST_DEFAULT_TIME.
  digestTime: text("digest_time").notNull().default(""),
  // digestLanguage is "en", "ur" or "roman-ur"; empty: the profile's language.
  digestLanguage: text("digest_language").notNull().default(""),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const processedEvents = processedEventsTable(notificationSchema);
export const outbox = outboxTable(notificationSchema);
