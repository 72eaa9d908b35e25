import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type SQL, sql } from "drizzle-orm";
import { generateKeyBetween } from "fractional-indexing";
import { type DatabaseHandle, openDatabase, rowsOf } from "../../platform/db/database";
import { createTestDatabase } from "../../platform/testing/infra";

const folder = join(import.meta.dir, "migrations");

/** migrationsUpTo copies the committed migrations up to `tag` into a folder of their own, journal cut there. */
function migrationsUpTo(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), "orchestrator-migrations-"));
  const journal = JSON.parse(readFileSync(join(folder, "meta/_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
  const end = journal.entries.findIndex((e) => e.tag === tag);
  if (end < 0) throw new Error(`no migration ${tag}`);
  const entries = journal.entries.slice(0, end + 1);
  mkdirSync(join(dir, "meta"));
  writeFileSync(join(dir, "meta/_journal.json"), JSON.stringify({ ...journal, entries }));
  for (const e of entries) cpSync(join(folder, `${e.tag}.sql`), join(dir, `${e.tag}.sql`));
  return dir;
}

const alice = "0190d7a0-0000-7000-8000-00000000000a";
const bob = "0190d7a0-0000-7000-8000-00000000000b";
// An owner of tasks with no users row (as tests and imports make): still gets an Inbox.
const orphan = "0190d7a0-0000-7000-8000-00000000000c";

describe("migration 0002 on a database filled with the 0001 schema and data", () => {
  let database: DatabaseHandle;
  let drop: () => Promise<void>;
  let oldFolder: string;
  const aliceTasks = 70; // past 62, so the ranks carry into a second base-62 digit

  beforeAll(async () => {
    const created = await createTestDatabase("migrate0002");
    drop = created.drop;
    database = await openDatabase({ url: created.url, dataDir: "" });
    oldFolder = migrationsUpTo("0001_sessions_and_email_verification");
    await database.migrate(oldFolder, "orchestrator");
    const db = database.db;
    for (const [id, email] of [
      [alice, "alice@example.com"],
      [bob, "bob@example.com"],
    ] as const) {
      await db.execute(sql`insert into orchestrator.users (id, email, password_hash, display_name, time_zone, locale)
        values (${id}, ${email}, 'x', ${email}, 'Asia/Karachi', 'en')`);
    }
    const insertTask = (userId: string, n: number, createdAt: string) =>
      db.execute(sql`insert into orchestrator.tasks (id, user_id, title, priority, time_zone, status, created_at, updated_at, version)
        values (gen_random_uuid(), ${userId}, ${`task ${n}`}, 1, 'UTC', 1, ${createdAt}::timestamptz, now(), 1)`);
    // Inserted out of creation order: the migration must order by created_at, not by insertion.
    for (let n = aliceTasks; n >= 1; n--) {
      await insertTask(alice, n, new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString());
    }
    await insertTask(orphan, 1, "2026-02-01T00:00:00Z");
    await database.migrate(folder, "orchestrator");
  });

  /** run executes a statement as a real Promise (drizzle's query is only a thenable). */
  const run = async (statement: SQL) => {
    await database.db.execute(statement);
  };

  afterAll(async () => {
    await database?.close();
    await drop?.();
    if (oldFolder) rmSync(oldFolder, { recursive: true, force: true });
  });

  test("every user and every task owner gets exactly one Inbox, and no other project", async () => {
    const rows = rowsOf<{ user_id: string; name: string; is_inbox: boolean; rank: string }>(
      await database.db.execute(sql`select user_id, name, is_inbox, rank from orchestrator.projects order by user_id`),
    );
    expect(rows).toEqual([
      { user_id: alice, name: "Inbox", is_inbox: true, rank: "a0" },
      { user_id: bob, name: "Inbox", is_inbox: true, rank: "a0" },
      { user_id: orphan, name: "Inbox", is_inbox: true, rank: "a0" },
    ]);
  });

  test("every task lands in its owner's Inbox, top level, no section", async () => {
    const rows = rowsOf<{ misplaced: number }>(
      await database.db.execute(sql`select count(*)::int as misplaced from orchestrator.tasks t
        left join orchestrator.projects p on p.id = t.project_id
        where p.user_id is distinct from t.user_id or not p.is_inbox or t.section_id is not null or t.parent_id is not null`),
    );
    expect(rows[0]!.misplaced).toBe(0);
    const count = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from orchestrator.tasks`),
    );
    expect(count[0]!.n).toBe(aliceTasks + 1);
  });

  test("ranks are valid fractional-indexing keys in creation order, so the next move writes one row", async () => {
    const rows = rowsOf<{ title: string; rank: string }>(
      await database.db.execute(
        sql`select title, rank from orchestrator.tasks where user_id = ${alice} order by rank, id`,
      ),
    );
    expect(rows.map((r) => r.title)).toEqual(Array.from({ length: aliceTasks }, (_, i) => `task ${i + 1}`));
    expect(new Set(rows.map((r) => r.rank)).size).toBe(aliceTasks);
    // The library accepts every key as a bound: a task can be put between any two, or after the last.
    for (let i = 1; i < rows.length; i++) {
      const between = generateKeyBetween(rows[i - 1]!.rank, rows[i]!.rank);
      expect(between > rows[i - 1]!.rank && between < rows[i]!.rank).toBe(true);
    }
    expect(generateKeyBetween(rows.at(-1)!.rank, null) > rows.at(-1)!.rank).toBe(true);
  });

  test("the new columns are required from now on", async () => {
    await expect(
      run(sql`insert into orchestrator.tasks (id, user_id, title, priority, time_zone, status, created_at, updated_at, version)
        values (gen_random_uuid(), ${bob}, 'no project', 1, 'UTC', 1, now(), now(), 1)`),
    ).rejects.toThrow();
  });

  test("a second Inbox for the same user is refused by the database", async () => {
    await expect(
      run(sql`insert into orchestrator.projects (id, user_id, name, rank, is_inbox, created_at, updated_at, version)
        values (gen_random_uuid(), ${bob}, 'Inbox', 'a1', true, now(), now(), 1)`),
    ).rejects.toThrow();
  });
});
