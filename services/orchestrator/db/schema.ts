import { getTableColumns, sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { outboxTable } from "../../platform/db/event-tables";
import type { ReminderSpec } from "../domain/reminders";

/** The orchestrator owns the `orchestrator` schema; no other service reads it. */
/** @public drizzle-kit reads the schema from this export. */
export const orchestratorSchema = pgSchema("orchestrator");

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * rankText holds a fractional-indexing order key. Keys compare by bytes ("A" < "Z" < "a"), so the column is
 * collated "C": under a language collation "a0" and "Zz" would sort case-insensitively and break the order.
 */
const rankText = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });

export const users = orchestratorSchema.table(
  "users",
  {
    id: uuid("id").primaryKey(),
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    displayName: text("display_name").notNull(),
    timeZone: text("time_zone").notNull(),
    locale: text("locale").notNull(),
    // Until its owner follows the link mailed to it, an address is only a claim: no email goes there,
    // and several unverified accounts may name it (so Register never tells whether an address is taken).
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    // A deleted account keeps only its id (revoked sessions name it) and this; its profile fields are blanked.
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("users_verified_email_idx").on(t.email).where(sql`${t.emailVerifiedAt} is not null`),
    index("users_email_idx").on(t.email),
  ],
);

/** sessions: one per sign-in; its refresh tokens are one family, its access tokens carry its id (`sid`). */
export const sessions = orchestratorSchema.table(
  "sessions",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedReason: text("revoked_reason"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_revoked_idx").on(t.revokedAt)],
);

/** emailVerifications: one per mailed link; the link's secret is derived from the id (never stored or published). */
export const emailVerifications = orchestratorSchema.table(
  "email_verifications",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    email: text("email").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("email_verifications_user_idx").on(t.userId)],
);

/** passwordResets: one per mailed reset link (single use, 30 minutes); its secret is derived from the id, never stored. */
export const passwordResets = orchestratorSchema.table(
  "password_resets",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

export const refreshTokens = orchestratorSchema.table(
  "refresh_tokens",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    tokenHash: text("token_hash").notNull(),
    // sessionId is the token family: presenting a spent token revokes the whole family (RFC 9700).
    sessionId: uuid("session_id"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("refresh_tokens_hash_idx").on(t.tokenHash), index("refresh_tokens_user_idx").on(t.userId)],
);

export const tasks = orchestratorSchema.table(
  "tasks",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    priority: smallint("priority").notNull(),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    dueAt: timestamp("due_at", { withTimezone: true }),
    dueDateOnly: boolean("due_date_only").notNull().default(false),
    timeZone: text("time_zone").notNull(),
    remindAt: timestamp("remind_at", { withTimezone: true }),
    remindBeforeSeconds: integer("remind_before_seconds"),
    // moreReminders are the task's 2nd to 5th reminders; the first stays in remind_at / remind_before_seconds,
    // which older readers (calendar feed, recurring carry-over) know.
    moreReminders: jsonb("more_reminders").$type<ReminderSpec[]>().notNull().default(sql`'[]'::jsonb`),
    rrule: text("rrule"),
    repeatFrom: smallint("repeat_from"),
    seriesId: uuid("series_id"),
    occurrence: integer("occurrence"),
    status: smallint("status").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    version: bigint("version", { mode: "number" }).notNull(),
    requestId: text("request_id"),
    // projectId is never null: a task given no project lives in its owner's Inbox.
    projectId: uuid("project_id").notNull(),
    sectionId: uuid("section_id"),
    // parentId makes the task a subtask; a subtask lives in its parent's project and section.
    parentId: uuid("parent_id"),
    // rank orders the task among its siblings (same project, section and parent): a move rewrites only this.
    rank: rankText("rank").notNull(),
    // assigneeId is the member (or owner) of the task's shared project it is assigned to; null: nobody.
    assigneeId: uuid("assignee_id"),
    // 'simple' text search: language-neutral, so Urdu and English titles are both searchable.
    search: tsvector("search")
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(description, ''))`),
  },
  (t) => [
    index("tasks_user_due_idx").on(t.userId, t.status, t.dueAt),
    index("tasks_user_created_idx").on(t.userId, t.createdAt),
    index("tasks_search_idx").using("gin", t.search),
    index("tasks_tags_idx").using("gin", t.tags),
    uniqueIndex("tasks_user_request_idx").on(t.userId, t.requestId),
    index("tasks_project_rank_idx").on(t.projectId, t.rank, t.id),
    index("tasks_section_rank_idx").on(t.sectionId, t.rank, t.id).where(sql`${t.sectionId} is not null`),
    index("tasks_parent_rank_idx").on(t.parentId, t.rank, t.id).where(sql`${t.parentId} is not null`),
    // "assigned to me" (ListTasks assigned_to_me, the filter term `assigned to: me`).
    index("tasks_assignee_idx").on(t.assigneeId, t.status, t.dueAt).where(sql`${t.assigneeId} is not null`),
  ],
);

/**
 * projects group a user's tasks. Every user has exactly one Inbox (is_inbox), which cannot be renamed, moved,
 * archived or deleted. Deleting a project is a soft delete (undoable), like deleting a task.
 */
export const projects = orchestratorSchema.table(
  "projects",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id").notNull(),
    name: text("name").notNull(),
    colour: text("colour").notNull().default(""),
    parentId: uuid("parent_id"),
    rank: rankText("rank").notNull(),
    isInbox: boolean("is_inbox").notNull().default(false),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    version: bigint("version", { mode: "number" }).notNull(),
  },
  (t) => [
    index("projects_user_rank_idx").on(t.userId, t.parentId, t.rank),
    uniqueIndex("projects_user_inbox_idx").on(t.userId).where(sql`${t.isInbox}`),
    // Sharing reaches a shared project's sub-projects by parent (db/access.ts).
    index("projects_parent_idx").on(t.parentId).where(sql`${t.parentId} is not null`),
  ],
);

/**
 * projectMembers: who besides its owner (projects.user_id) may see a top-level project, and with which role.
 * Sub-projects inherit their top-level project's members; every row of a shared tree keeps the owner's user_id.
 */
export const projectMembers = orchestratorSchema.table(
  "project_members",
  {
    projectId: uuid("project_id").notNull(),
    userId: uuid("user_id").notNull(),
    role: text("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.userId] }),
    index("project_members_user_idx").on(t.userId, t.projectId),
    check("project_members_role_check", sql`${t.role} in ('editor', 'viewer')`),
  ],
);

/**
 * projectInvitations: one per invitation by email, single use, expiring. The link's secret is an HMAC of the id
 * (platform/auth/email-link.ts), so neither this table nor the MemberInvited event holds it.
 */
export const projectInvitations = orchestratorSchema.table(
  "project_invitations",
  {
    id: uuid("id").primaryKey(),
    projectId: uuid("project_id").notNull(),
    inviterId: uuid("inviter_id").notNull(),
    email: text("email").notNull(),
    role: text("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    // answeredAt and outcome ('accepted', 'declined', 'revoked') end it: an invitation works once.
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    outcome: text("outcome"),
  },
  (t) => [
    index("project_invitations_project_idx").on(t.projectId),
    index("project_invitations_email_idx").on(t.email).where(sql`${t.answeredAt} is null`),
    check("project_invitations_role_check", sql`${t.role} in ('editor', 'viewer')`),
  ],
);

/** sections divide a project's tasks into ordered groups (a board's columns). */
export const sections = orchestratorSchema.table(
  "sections",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id").notNull(),
    projectId: uuid("project_id").notNull(),
    name: text("name").notNull(),
    rank: rankText("rank").notNull(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    version: bigint("version", { mode: "number" }).notNull(),
  },
  (t) => [index("sections_project_rank_idx").on(t.projectId, t.rank), index("sections_user_idx").on(t.userId)],
);

/** savedFilters are a user's named filter queries (the filter language, docs/filters.md), shown in the sidebar. */
export const savedFilters = orchestratorSchema.table(
  "saved_filters",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id").notNull(),
    name: text("name").notNull(),
    query: text("query").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("saved_filters_user_name_idx").on(t.userId, sql`lower(${t.name})`)],
);

/**
 * calendarFeeds: a user's secret calendar feed URLs, one for all their tasks (project_id null) and one per project.
 * The URL's secret is an HMAC of the row id under a key derived from the internal credential, so the row keeps only
 * its SHA-256 (secret_hash, how a fetch finds the feed): the table alone opens no feed. Regenerating gives the row a
 * new id, hence a new secret and hash, and the old URL finds nothing.
 */
export const calendarFeeds = orchestratorSchema.table(
  "calendar_feeds",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id").notNull(),
    projectId: uuid("project_id"),
    secretHash: text("secret_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("calendar_feeds_secret_hash_idx").on(t.secretHash),
    uniqueIndex("calendar_feeds_user_project_idx").on(
      t.userId,
      sql`coalesce(${t.projectId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
  ],
);

/**
 * personalAccessTokens: a user's long-lived bearer tokens for scripts and MCP clients. The secret is 256 random
 * bits, so its SHA-256 (secret_hash, how a presented token is found) is all that is kept; prefix is its first
 * characters, shown to tell tokens apart. scopes are the TokenScope names ("read", "write", "delete"). A revoked
 * row stays (revoked_at set) so the audit trail and a late replica agree it is dead.
 */
export const personalAccessTokens = orchestratorSchema.table(
  "personal_access_tokens",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id").notNull(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    secretHash: text("secret_hash").notNull(),
    scopes: text("scopes").array().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("personal_access_tokens_secret_hash_idx").on(t.secretHash),
    index("personal_access_tokens_user_idx").on(t.userId, t.createdAt),
  ],
);

export const conversations = orchestratorSchema.table(
  "conversations",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id").notNull(),
    title: text("title").notNull(),
    /** pending is the action waiting on a clarification or confirmation, as JSON. */
    pending: text("pending"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("conversations_user_idx").on(t.userId, t.updatedAt)],
);

export const messages = orchestratorSchema.table(
  "messages",
  {
    id: uuid("id").primaryKey(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id),
    userId: uuid("user_id").notNull(),
    role: smallint("role").notNull(),
    text: text("text").notNull(),
    /** actions and pending question of an assistant message, as JSON. */
    details: text("details"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("messages_conversation_idx").on(t.conversationId, t.createdAt)],
);

/**
 * taskComments: the discussion on a task. user_id is the task's owner (the account the data belongs to, as on every
 * row of a shared tree), author_id who wrote it. Deleting a comment deletes the row; a task's comments go with it.
 */
export const taskComments = orchestratorSchema.table(
  "task_comments",
  {
    id: uuid("id").primaryKey(),
    taskId: uuid("task_id").notNull(),
    userId: uuid("user_id").notNull(),
    authorId: uuid("author_id").notNull(),
    body: text("body").notNull(),
    /** mentions are the ids of the project's people the body @mentions, in order. */
    mentions: jsonb("mentions").$type<string[]>().notNull().default([]),
    edited: boolean("edited").notNull().default(false),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("task_comments_task_idx").on(t.taskId, t.id),
    index("task_comments_author_idx").on(t.authorId),
    index("task_comments_user_idx").on(t.userId),
    check("task_comments_body_check", sql`char_length(${t.body}) between 1 and 4000`),
  ],
);

export const outbox = outboxTable(orchestratorSchema);

/** taskColumns is every task column but the search vector, which is for the index, not for reading. */
export const taskColumns = (() => {
  const { search: _search, ...columns } = getTableColumns(tasks);
  return columns;
})();
