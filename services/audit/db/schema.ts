import { sql } from "drizzle-orm";
import { bigint, check, index, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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
    // projectId is the project the event is about (a task's, a section's, a comment's, the project itself; a
    // sub-project's own id, its top-level project is found through `projects` when read), "" for none.
    // actorUserId is the person who acted (the envelope's actor_user_id, else the event's actor_id), "" for the
    // system. Both are covered by the hash (audit-hash.ts, form v2); records written before them have "".
    projectId: text("project_id").notNull().default(""),
    actorUserId: text("actor_user_id").notNull().default(""),
  },
  (t) => [
    uniqueIndex("audit_events_event_id_idx").on(t.eventId),
    uniqueIndex("audit_events_user_sequence_idx").on(t.userId, t.sequence),
    index("audit_events_user_task_idx").on(t.userId, t.taskId, t.sequence),
    // A member's reads of a shared project's slice (of its owner's chain): newest first by id (UUIDv7).
    index("audit_events_project_idx").on(t.projectId, t.id).where(sql`${t.projectId} <> ''`),
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

/**
 * projects is the audit service's projection of the project tree, from the project and share events it records
 * (it reads no other service's database): each project's parent ("" for a top-level one) and, for a top-level
 * project, its owner (whose chain its records join). Upserted from each event, so a repeat changes nothing.
 */
export const projects = auditSchema.table(
  "projects",
  {
    projectId: text("project_id").primaryKey(),
    parentId: text("parent_id").notNull().default(""),
    ownerId: text("owner_id").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_projects_parent_idx").on(t.parentId)],
);

/**
 * projectMembers are the members (any role) of each shared top-level project: who may read that project's slice
 * of its owner's chain. Added by InvitationAccepted, removed by MemberRemoved (at once), swapped by
 * ProjectOwnershipTransferred (the former owner stays as a member, the new owner is the owner).
 */
export const projectMembers = auditSchema.table(
  "project_members",
  {
    projectId: text("project_id").notNull(),
    userId: text("user_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] }), index("audit_project_members_user_idx").on(t.userId)],
);

export const processedEvents = processedEventsTable(auditSchema);
