import type { Client } from "@connectrpc/connect";
import { randomUUIDv7 } from "bun";
import postgres from "postgres";
import type { TaskService } from "../gen/todo/v1/task_service_pb";
import { startOrchestratorProcess } from "./orchestrator-process";
import { loadRow, runLoad } from "./stats";

const concurrencies = (process.env.BENCH_CONCURRENCY ?? "50,200,500").split(",").map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const poolSize = Number(process.env.BENCH_POOL ?? 20);

/**
 * CreateTask and ListTasks over Connect (binary, HTTP/1.1 keep-alive) against the orchestrator running as
 * its own process in stack mode (Postgres + Kafka), at several concurrencies, beside a raw baseline: the
 * same task + outbox inserts done directly with postgres.js in one transaction (into copies of the tables, see
 * below), same pool size and concurrency.
 */
export async function benchTasks(): Promise<void> {
  const orchestrator = await startOrchestratorProcess(poolSize);
  try {
    const users = 50;
    const clients: Client<typeof TaskService>[] = [];
    for (let i = 0; i < users; i++) clients.push((await orchestrator.signIn()).tasks);

    const sql = postgres(orchestrator.databaseUrl, { max: poolSize, onnotice: () => {} });
    // The baseline writes into copies of the orchestrator's tables (same columns, defaults and indexes), so
    // its placeholder outbox rows are not published by the running orchestrator's relay — which would
    // otherwise spend the next cells' CPU sending them to Kafka and dead-lettering them in its consumers.
    await sql`create schema if not exists bench_raw`;
    await sql`create table if not exists bench_raw.tasks (like orchestrator.tasks including all)`;
    await sql`create table if not exists bench_raw.outbox (like orchestrator.outbox including all)`;
    const rows: Record<string, Record<string, string>> = {};
    const summary: string[] = [];
    for (const c of concurrencies) {
      const raw = await runLoad(c, seconds, (worker) =>
        sql.begin(async (tx) => {
          const id = randomUUIDv7();
          const now = new Date();
          // Every task lives in a project (the Inbox) at a rank since migration 0002: the row CreateTask writes.
          await tx`insert into bench_raw.tasks (id, user_id, project_id, rank, title, priority, time_zone, status, created_at, updated_at, version)
                   values (${id}, ${randomUUIDv7()}, ${randomUUIDv7()}, ${`e${now.getTime()}`}, ${`raw ${worker}`}, 1, 'UTC', 1, ${now}, ${now}, 1)`;
          await tx`insert into bench_raw.outbox (topic, key, event_id, event_type, payload, headers)
                   values ('task-events', ${id}, ${randomUUIDv7()}, 'x', ${Buffer.alloc(200)}, ${sql.json({})}),
                          ('task-updates', ${id}, ${randomUUIDv7()}, 'x', ${Buffer.alloc(200)}, ${sql.json({})})`;
        }),
      );
      const create = await runLoad(c, seconds, (worker, i) =>
        clients[worker % users]!.createTask({ title: `task ${worker}-${i}`, tags: ["bench"], priority: 3 }),
      );
      const list = await runLoad(c, seconds, (worker) => clients[worker % users]!.listTasks({ pageSize: 20, sort: 3 }));
      rows[`raw insert+outbox @${c}`] = loadRow(raw);
      rows[`CreateTask @${c}`] = loadRow(create);
      rows[`ListTasks @${c}`] = loadRow(list);
      summary.push(`@${c}: CreateTask ${(create.perSecond / raw.perSecond).toFixed(2)}× of raw baseline`);
    }
    await sql.end();
    console.log(
      `\ntasks (stack mode: orchestrator process on Postgres + Kafka; ${seconds}s per cell, pool ${poolSize})`,
    );
    console.table(rows);
    console.log(summary.join("\n"));
    console.log("aims at 500 concurrent: ≥ 2000 creates/s, p99 < 50 ms writes, < 20 ms reads");
  } finally {
    await orchestrator.stop();
  }
}
