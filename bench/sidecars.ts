import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { AuthService } from "../gen/todo/v1/auth_service_pb";
import { TaskService } from "../gen/todo/v1/task_service_pb";
import { freePortShift, startDaprStack } from "../scripts/dapr/stack";
import { createClientFactory } from "../services/platform/rpc/clients";
import { createTestDatabase, testKafkaBrokers } from "../services/platform/testing/infra";
import { ms, stats } from "./stats";

const calls = Number(process.env.BENCH_CALLS ?? 2000);

/**
 * The price of the Dapr sidecars: the same GetTask (one indexed read) against the orchestrator process,
 * `calls` times each, one at a time, in the same run with the rounds interleaved: gRPC straight to the app
 * (stack mode, the raw baseline), through its own sidecar only, and through two sidecars as on Kubernetes
 * (caller's sidecar → callee's sidecar → app; what web's and recurring's calls do). daprd 1.18.0 from
 * scripts/dapr/daprd.sh, every service as in `npm run dapr`.
 */
export async function benchSidecars(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "taskmesh-bench-dapr-"));
  const database = await createTestDatabase("bench_dapr");
  const stack = await startDaprStack({
    dir,
    databaseUrl: database.url,
    kafkaBrokers: testKafkaBrokers,
    portShift: await freePortShift(22_000),
    ownConsumerGroups: `bench-${crypto.randomUUID().slice(0, 8)}`,
    env: { LOG_LEVEL: "warn" },
  });
  try {
    const auth = createClient(AuthService, createConnectTransport({ baseUrl: stack.webUrl, httpVersion: "1.1" }));
    const { tokens } = await auth.register({
      email: `bench-${crypto.randomUUID().slice(0, 8)}@example.com`,
      password: `Pw-${crypto.randomUUID()}`,
      displayName: "bench",
      timeZone: "UTC",
      locale: "en",
    });
    const bearer: Interceptor = (next) => (req) => {
      req.header.set("authorization", `Bearer ${tokens!.accessToken}`);
      return next(req);
    };
    const ports = (app: string) => stack.apps.get(app)!.app.ports;
    const direct = createClient(
      TaskService,
      createGrpcTransport({ baseUrl: `http://127.0.0.1:${ports("orchestrator").grpc}`, interceptors: [bearer] }),
    );
    const viaSidecar = (daprGrpc: number) => {
      const factory = createClientFactory({ mode: "kubernetes", env: { DAPR_GRPC_PORT: String(daprGrpc) } });
      const client = factory.client(TaskService, "orchestrator");
      return {
        getTask: (id: string) =>
          client.getTask({ id }, { headers: { authorization: `Bearer ${tokens!.accessToken}` } }),
      };
    };
    const { task } = await direct.createTask({ title: "bench" });
    const paths: Record<string, (id: string) => Promise<unknown>> = {
      "direct gRPC (baseline)": (id) => direct.getTask({ id }),
      "one sidecar (orchestrator's own)": viaSidecar(ports("orchestrator").daprGrpc).getTask,
      "two sidecars (web's → orchestrator's)": viaSidecar(ports("web").daprGrpc).getTask,
    };
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(paths).map((k) => [k, []]));
    for (const call of Object.values(paths)) for (let i = 0; i < 200; i++) await call(task!.id); // warm-up
    const rounds = 4;
    for (let round = 0; round < rounds; round++) {
      for (const [name, call] of Object.entries(paths)) {
        for (let i = 0; i < calls / rounds; i++) {
          const t = performance.now();
          await call(task!.id);
          samples[name]!.push(performance.now() - t);
        }
      }
    }
    const rows: Record<string, Record<string, string>> = {};
    const base = stats(samples["direct gRPC (baseline)"]!);
    for (const [name, values] of Object.entries(samples)) {
      const s = stats(values);
      rows[name] = {
        calls: String(s.count),
        p50: ms(s.p50),
        p99: ms(s.p99),
        "p50 added": ms(s.p50 - base.p50),
        "p99 added": ms(s.p99 - base.p99),
      };
    }
    console.log(
      `\nsidecars (GetTask, ${calls} sequential calls per path, interleaved in ${rounds} rounds; daprd 1.18.0; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")})`,
    );
    console.table(rows);
  } finally {
    await stack.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
