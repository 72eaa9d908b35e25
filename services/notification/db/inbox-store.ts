import { and, count, desc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import type { Executor } from "../../platform/db/database";
import { NotFoundError } from "../../platform/errors";
import { notifications, preferences } from "./schema";

/** NotificationRow is one stored in-app notification. */
export type NotificationRow = typeof notifications.$inferSelect;

/** InboxCursor is the position after the last notification of a page (newest first). */
export interface InboxCursor {
  deliveredAt: Date;
  id: string;
}

/** DeliveryPreferences says which channels a user wants, and whether and when the daily digest goes out. */
export interface DeliveryPreferences {
  emailEnabled: boolean;
  inAppEnabled: boolean;
  digestEnabled: boolean;
  /** digestTime is "HH:MM" local; empty: DIGEST_DEFAULT_TIME. */
  digestTime: string;
  /** digestLanguage is "en", "ur" or "roman-ur"; empty: the profile's. */
  digestLanguage: string;
}

/** Both channels are on and the digest is off until the user says otherwise. */
const defaultPreferences: DeliveryPreferences = {
  emailEnabled: true,
  inAppEnabled: true,
  digestEnabled: false,
  digestTime: "",
  digestLanguage: "",
};

const preferenceColumns = {
  emailEnabled: preferences.emailEnabled,
  inAppEnabled: preferences.inAppEnabled,
  digestEnabled: preferences.digestEnabled,
  digestTime: preferences.digestTime,
  digestLanguage: preferences.digestLanguage,
};

/** readPreferences returns the user's preferences, or the defaults when they never set any. */
export async function readPreferences(db: Executor, userId: string): Promise<DeliveryPreferences> {
  const [row] = await db.select(preferenceColumns).from(preferences).where(eq(preferences.userId, userId));
  return row ?? defaultPreferences;
}

/** writePreferences replaces the user's preferences. */
export async function writePreferences(
  db: Executor,
  userId: string,
  prefs: DeliveryPreferences,
): Promise<DeliveryPreferences> {
  const values = {
    emailEnabled: prefs.emailEnabled,
    inAppEnabled: prefs.inAppEnabled,
    digestEnabled: prefs.digestEnabled,
    digestTime: prefs.digestTime,
    digestLanguage: prefs.digestLanguage,
  };
  await db
    .insert(preferences)
    .values({ userId, ...values, updatedAt: new Date() })
    .onConflictDoUpdate({ target: preferences.userId, set: { ...values, updatedAt: new Date() } });
  return values;
}

/** readPreferencesOf returns the preferences of several users at once (defaults where unset). */
export async function readPreferencesOf(db: Executor, userIds: string[]): Promise<Map<string, DeliveryPreferences>> {
  const unique = [...new Set(userIds)];
  const rows =
    unique.length === 0
      ? []
      : await db
          .select({ userId: preferences.userId, ...preferenceColumns })
          .from(preferences)
          .where(inArray(preferences.userId, unique));
  const byUser = new Map(unique.map((userId) => [userId, defaultPreferences]));
  for (const { userId, ...prefs } of rows) byUser.set(userId, prefs);
  return byUser;
}

/** occurrenceKey names one reminder occurrence (task, time): the inbox holds one notification for each. */
export const occurrenceKey = (row: { taskId: string; remindAt: Date }) => `${row.taskId}@${row.remindAt.toISOString()}`;

/**
 * insertNotifications adds in-app notifications, one per reminder occurrence (task, time): an
 * occurrence that already has one keeps it. It returns, by occurrenceKey, the stored row and whether it
 * is new (only a new one is pushed live).
 */
export async function insertNotifications(
  tx: Executor,
  rows: NotificationRow[],
): Promise<Map<string, { row: NotificationRow; created: boolean }>> {
  const out = new Map<string, { row: NotificationRow; created: boolean }>();
  if (rows.length === 0) return out;
  const inserted = await tx.insert(notifications).values(rows).onConflictDoNothing().returning();
  for (const row of inserted) out.set(occurrenceKey(row), { row, created: true });
  for (const wanted of rows.filter((r) => !out.has(occurrenceKey(r)))) {
    const [existing] = await tx
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.taskId, wanted.taskId),
          eq(notifications.remindAt, wanted.remindAt),
          eq(notifications.userId, wanted.userId),
        ),
      );
    if (!existing) throw new Error(`notification for task ${wanted.taskId} conflicted but cannot be found`);
    out.set(occurrenceKey(existing), { row: existing, created: false });
  }
  return out;
}

/** readNotification reads one of the user's notifications by id (another user's id finds nothing). */
export async function readNotification(db: Executor, userId: string, id: string): Promise<NotificationRow | undefined> {
  const [row] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.id, id)));
  return row;
}

/** unreadCount counts the user's unread notifications. */
export async function unreadCount(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** listNotifications reads one page of the user's notifications, newest first, after `cursor`. */
export async function listNotifications(
  db: Executor,
  userId: string,
  options: { unreadOnly: boolean; limit: number; after?: InboxCursor },
): Promise<NotificationRow[]> {
  const { after } = options;
  return db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        options.unreadOnly ? isNull(notifications.readAt) : undefined,
        after
          ? or(
              lt(notifications.deliveredAt, after.deliveredAt),
              and(eq(notifications.deliveredAt, after.deliveredAt), lt(notifications.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(notifications.deliveredAt), desc(notifications.id))
    .limit(options.limit);
}

/**
 * markRead marks the named notifications of the user read (all of them with `all`). An id that is
 * not the caller's answers NotFound and nothing changes.
 */
export async function markRead(db: Executor, userId: string, target: { ids: string[]; all: boolean }): Promise<void> {
  const now = new Date();
  const mine = and(eq(notifications.userId, userId), isNull(notifications.readAt));
  if (target.all) {
    await db.update(notifications).set({ readAt: now }).where(mine);
    return;
  }
  const ids = [...new Set(target.ids.map((id) => id.toLowerCase()))];
  if (ids.length === 0) return;
  const owned = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), inArray(notifications.id, ids)));
  if (owned.length !== ids.length) throw new NotFoundError("notification not found");
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(mine, inArray(notifications.id, ids)));
}
