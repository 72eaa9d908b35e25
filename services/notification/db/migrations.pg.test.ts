import { afterAll, beforeAll, expect, test } from "bun:test";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { type DatabaseHandle, openDatabase, rowsOf } from "../../platform/db/database";
import { createTestDatabase } from "../../platform/testing/infra";

const folder = join(import.meta.dir, "migrations");

/** migrationsUpTo copies the committed migrations up to `tag` into a folder of their own, journal cut there. */
function migrationsUpTo(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), "notification-migrations-"));
  const journal = JSON.parse(readFileSync(join(folder, "meta/_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
  const entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === tag) + 1);
  mkdirSync(join(dir, "meta"));
  writeFileSync(join(dir, "meta/_journal.json"), JSON.stringify({ ...journal, entries }));
  for (const e of entries) cpSync(join(folder, `${e.tag}.sql`), join(dir, `${e.tag}.sql`));
  return dir;
}

let database: DatabaseHandle;
let drop: () => Promise<void>;

beforeAll(async () => {
  const created = await createTestDatabase("notifymigrate");
  drop = created.drop;
  database = await openDatabase({ url: created.url, dataDir: "" });
  await database.migrate(migrationsUpTo("0000_init"), "notification");
  // One pending reminder, one delivered, and a tombstone (a cancellation that came before any schedule).
  await database.db.execute(sql`insert into notification.reminder_schedules (task_id, user_id, remind_at, task_version, state, next_attempt_at)
    values ('t1', 'u1', '2031-05-01T11:00:00.250Z', 3, 'pending', '2031-05-01T11:00:00.250Z'),
           ('t2', 'u1', '2026-01-01T08:00:00Z', 2, 'delivered', null),
           ('t3', 'u2', null, 5, 'cancelled', null)`);
  await database.migrate(folder, "notification");
}, 60_000);
afterAll(async () => {
  await database.close();
  await drop();
});

test("0001: one row per reminder time keyed <task>@<ISO time>; versions and tombstones move to reminder_tasks", async () => {
  const schedules = rowsOf<{ id: string; task_id: string; kind: string; state: string }>(
    await database.db.execute(sql`select id, task_id, kind, state from notification.reminder_schedules order by id`),
  );
  expect(schedules).toEqual([
    { id: "t1@2031-05-01T11:00:00.250Z", task_id: "t1", kind: "reminder", state: "pending" },
    { id: "t2@2026-01-01T08:00:00.000Z", task_id: "t2", kind: "reminder", state: "delivered" },
  ]);
  const tasks = rowsOf<{ task_id: string; user_id: string; task_version: string | number; ended: boolean }>(
    await database.db.execute(
      sql`select task_id, user_id, task_version, ended from notification.reminder_tasks order by task_id`,
    ),
  );
  expect(tasks.map((t) => [t.task_id, t.user_id, Number(t.task_version), t.ended])).toEqual([
    ["t1", "u1", 3, false],
    ["t2", "u1", 2, false],
    ["t3", "u2", 5, false],
  ]);
  const prefs = rowsOf<{ column_name: string }>(
    await database.db.execute(
      sql`select column_name from information_schema.columns where table_schema = 'notification' and table_name = 'preferences' and column_name like 'digest%' order by 1`,
    ),
  );
  expect(prefs.map((c) => c.column_name)).toEqual(["digest_enabled", "digest_language", "digest_time"]);
});
