import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

/** Db is a drizzle database over either driver; services write to this type only. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;
/** Tx is a transaction of Db. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Executor is anything a query can run on: the database or a transaction. */
export type Executor = Db | Tx;

/** DatabaseHandle owns the connection pool (postgres.js) or the embedded PGlite instance. */
export interface DatabaseHandle {
  db: Db;
  kind: "postgres" | "pglite" | "none";
  /** migrate applies a service's committed drizzle-kit migrations, journaled as drizzle.<schema>_migrations. */
  migrate(migrationsFolder: string, schema: string): Promise<void>;
  /** ping answers within `readinessTimeoutMs` over a connection of its own, never waiting behind requests in the pool. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** readinessTimeoutMs bounds a readiness ping: a database that takes longer is reported unavailable. */
const readinessTimeoutMs = 1000;

/** noDatabase is the handle of a service that owns no tables (skills, web): any use of it is a bug. */
export function noDatabase(owner: string): DatabaseHandle {
  const refuse = (): never => {
    throw new Error(`${owner} owns no tables and opened no database`);
  };
  return {
    get db(): Db {
      return refuse();
    },
    kind: "none",
    migrate: async () => refuse(),
    ping: async () => {},
    close: async () => {},
  };
}

/** rowsOf normalizes raw `execute` results: postgres.js returns the rows, PGlite an object with rows. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

type Migrator = (
  db: never,
  config: { migrationsFolder: string; migrationsSchema: string; migrationsTable: string },
) => Promise<void>;

/** handleOf is what both drivers share: migrations journaled per schema, and a ping. */
function handleOf(
  kind: "postgres" | "pglite",
  db: Db,
  migrator: Migrator,
  close: () => Promise<void>,
  ping: () => Promise<void> = async () => void (await db.execute(sql`select 1`)),
): DatabaseHandle {
  return {
    db,
    kind,
    async migrate(migrationsFolder, schema) {
      await migrator(db as never, {
        migrationsFolder,
        migrationsSchema: "drizzle",
        migrationsTable: `${schema}_migrations`,
      });
    },
    ping,
    close,
  };
}

/** openDatabase connects to DATABASE_URL with postgres.js, or opens PGlite under dataDir when no URL is set. */
export async function openDatabase(options: {
  url?: string;
  dataDir: string;
  poolSize?: number;
}): Promise<DatabaseHandle> {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.poolSize ?? 10,
      onnotice: () => {},
      connect_timeout: 5,
    });
    // Readiness has a connection of its own: under load the pool's queue would make a healthy database look
    // down (issue 11: 503 at 40 req/s), and a dead one must be reported quickly.
    const probe = postgres(options.url, {
      max: 1,
      onnotice: () => {},
      connect_timeout: 2,
      idle_timeout: 60,
      prepare: false,
    });
    const ping = () =>
      withTimeout(
        probe`select 1`.then(() => undefined),
        readinessTimeoutMs,
        "database",
      );
    const close = async () => {
      await Promise.allSettled([client.end({ timeout: 5 }), probe.end({ timeout: 1 })]);
    };
    return handleOf("postgres", drizzlePostgres({ client }) as unknown as Db, migratePostgres as Migrator, close, ping);
  }
  const dir = join(options.dataDir, "pglite");
  mkdirSync(dir, { recursive: true });
  // A small buffer cache: the embedded database is one user's data, and 128 MB of WASM heap would
  // double the process's idle memory.
  const client = await PGlite.create(dir, { startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"] });
  return handleOf("pglite", drizzlePglite({ client }) as unknown as Db, migratePglite as Migrator, () =>
    client.close(),
  );
}

/** withTimeout rejects when `work` takes longer than `ms`; the timer never outlives the work. */
async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A late failure after the timeout has nobody waiting for it; it must not surface as an unhandled rejection.
  work.catch(() => {});
  try {
    return await Promise.race([
      work,
      new Promise<never>(
        (_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms)),
      ),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
