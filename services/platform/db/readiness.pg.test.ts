import { expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { openDatabase } from "./database";

const url = process.env.DATABASE_URL;

test("readiness answers while every pooled connection is busy: it has a connection of its own (pg)", async () => {
  if (!url) throw new Error("DATABASE_URL is required for *.pg.test.ts");
  const database = await openDatabase({ url, dataDir: "/tmp", poolSize: 2 });
  try {
    await database.ping();
    // Four slow statements on a pool of two: a ping queued behind them would wait ~3 s and miss its 1 s bound.
    const busy = Array.from({ length: 4 }, () => database.db.execute(sql`select pg_sleep(1.5)`));
    await Bun.sleep(100);
    const first = await Promise.race([database.ping().then(() => "ping"), Promise.all(busy).then(() => "pool")]);
    expect(first).toBe("ping");
    await Promise.all(busy);
  } finally {
    await database.close();
  }
}, 30_000);

test("readiness of a database nobody answers for is refused, not hung (pg)", async () => {
  const database = await openDatabase({
    url: "postgres://taskmesh:taskmesh@127.0.0.1:9/taskmesh",
    dataDir: "/tmp",
    poolSize: 1,
  });
  try {
    await expect(database.ping()).rejects.toThrow();
  } finally {
    await database.close();
  }
});
