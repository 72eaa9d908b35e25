import { randomUUIDv7 } from "bun";
import { createClient, type Client, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-web";
import postgres from "postgres";
import { AuthService } from "../gen/todo/v1/auth_service_pb";
import { TaskService } from "../gen/todo/v1/task_service_pb";
import { loadInternalToken, loadSigningKeys } from "../services/platform/auth/keys";
import { createTestDatabase, testKafkaBrokers } from "../services/platform/testing/infra";
import { freePort, ms, runLoad, waitForHttp } from "./stats";

const concurrencies = (process.env.BENCH_CONCURRENCY ?? "50,200,500").split(",").map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const poolSize = Number(process.env.BENCH_POOL ?? 20);

/**
 * CreateTask and ListTasks over Connect (binary, HTTP/1.1 keep-alive) against the orchestrator running as
 * its own process in stack mode (Postgres + Kafka), at several concurrencies, beside a raw baseline: the
 * same task + outbox inserts done directly with postgres.js in one transaction, same pool size and concurrency.
 */
export async function benchTasks(): Promise<void> {
  const database = await createTestDatabase("bench");
  const dataDir = ".data/bench";
  const keys = await loadSigningKeys({}, dataDir, true);
  const port = freePort();
  const server = Bun.spawn([process.execPath, "services/orchestrator/main.ts"], {
    env: {
      ...process.env,
      TASKMESH_MODE: "stack",
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers,
      PORT: String(port),
      GRPC_PORT: String(freePort()),
      DATA_DIR: dataDir,
      JWT_PUBLIC_KEY: keys.publicKeyPem,
      JWT_PRIVATE_KEY: keys.privateKeyPem!,
      INTERNAL_TOKEN: loadInternalToken({}, dataDir, true),
      DATABASE_POOL_SIZE: String(poolSize),
      AUTH_LIMIT_PER_ADDRESS: "100000",
      LOG_LEVEL: "warn",
    },
    stdout: "inherit",
    stderr: "inherit",
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${baseUrl}/readyz`);
    const users = 50;
    const clients: Client<typeof TaskService>[] = [];
    const anonymous = createClient(AuthService, createConnectTransport({ baseUrl, useBinaryFormat: true }));
    for (let i = 0; i < users; i++) {
      const { tokens } = await anonymous.register({ email: `bench-${randomUUIDv7()}@example.com`, password: "bench password", displayName: "Bench" });
      const bearer: Interceptor = (next) => (req) => (req.header.set("authorization", `Bearer ${tokens!.accessToken}`), next(req));
      clients.push(createClient(TaskService, createConnectTransport({ baseUrl, useBinaryFormat: true, interceptors: [bearer] })));
    }

    const sql = postgres(database.url, { max: poolSize, onnotice: () => {} });
    const rows: Record<string, Record<string, string>> = {};
    const summary: string[] = [];
    for (const c of concurrencies) {
      const raw = await runLoad(c, seconds, (worker) =>
        sql.begin(async (tx) => {
          const id = randomUUIDv7();
          const now = new Date();
          await tx`insert into orchestrator.tasks (id, user_id, title, priority, time_zone, status, created_at, updated_at, version)
                   values (${id}, ${randomUUIDv7()}, ${`raw ${worker}`}, 1, 'UTC', 1, ${now}, ${now}, 1)`;
          await tx`insert into orchestrator.outbox (topic, key, event_id, event_type, payload, headers)
                   values ('task-events', ${id}, ${randomUUIDv7()}, 'x', ${Buffer.alloc(200)}, ${sql.json({})}),
                          ('task-updates', ${id}, ${randomUUIDv7()}, 'x', ${Buffer.alloc(200)}, ${sql.json({})})`;
        }),
      );
      const create = await runLoad(c, seconds, (worker, i) => clients[worker % users]!.createTask({ title: `task ${worker}-${i}`, tags: ["bench"], priority: 3 }));
      const list = await runLoad(c, seconds, (worker) => clients[worker % users]!.listTasks({ pageSize: 20, sort: 3 }));
      const row = (r: Awaited<ReturnType<typeof runLoad>>) => ({
        "ops/s": r.perSecond.toFixed(0),
        p50: ms(r.p50),
        p95: ms(r.p95),
        p99: ms(r.p99),
        errors: String(r.errors),
      });
      rows[`raw insert+outbox @${c}`] = row(raw);
      rows[`CreateTask @${c}`] = row(create);
      rows[`ListTasks @${c}`] = row(list);
      summary.push(`@${c}: CreateTask ${(create.perSecond / raw.perSecond).toFixed(2)}× of raw baseline`);
    }
    await sql.end();
    console.log(`\ntasks (stack mode: orchestrator process on Postgres + Kafka; ${seconds}s per cell, pool ${poolSize})`);
    console.table(rows);
    console.log(summary.join("\n"));
    console.log("aims at 500 concurrent: ≥ 2000 creates/s, p99 < 50 ms writes, < 20 ms reads");
  } finally {
    server.kill("SIGTERM");
    await server.exited;
    await database.drop();
  }
}
