import { type Client, createClient, type Interceptor, type Transport } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-web";
import { randomUUIDv7 } from "bun";
import { AuthService } from "../gen/todo/v1/auth_service_pb";
import { TaskService } from "../gen/todo/v1/task_service_pb";
import { loadInternalToken, loadSigningKeys } from "../services/platform/auth/keys";
import { createTestDatabase, testKafkaBrokers } from "../services/platform/testing/infra";
import { startServiceProcess } from "../services/platform/testing/service-process";

/** A stack-mode orchestrator process on a fresh database, for benchmarks. */
export interface OrchestratorProcess {
  baseUrl: string;
  databaseUrl: string;
  /** signIn registers a fresh user and returns a TaskService client sending its token. */
  signIn(): Promise<SignedIn>;
  stop(): Promise<void>;
}

export async function startOrchestratorProcess(poolSize: number): Promise<OrchestratorProcess> {
  const database = await createTestDatabase("bench");
  const dataDir = ".data/bench";
  const keys = await loadSigningKeys({}, dataDir, true);
  const orchestrator = await startServiceProcess({
    entry: "services/orchestrator/main.ts",
    bunArgs: process.env.BENCH_PROFILE ? ["--cpu-prof-md", "--cpu-prof-dir=/tmp/prof"] : [],
    env: {
      TASKMESH_MODE: "stack",
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers,
      DATA_DIR: dataDir,
      JWT_PUBLIC_KEY: keys.publicKeyPem,
      JWT_PRIVATE_KEY: keys.privateKeyPem!,
      INTERNAL_TOKEN: loadInternalToken({}, dataDir, true),
      DATABASE_POOL_SIZE: String(poolSize),
      AUTH_LIMIT_PER_ADDRESS: "100000",
      // The benchmark measures throughput, not the per-user quota (50 users creating hundreds of tasks a second).
      QUOTA_TASK_CREATES_PER_HOUR: "999999999",
      // The load generator is one address with up to 500 calls in flight; the per-address cap would refuse it.
      REQUESTS_PER_ADDRESS: "100000",
    },
  });
  const { baseUrl } = orchestrator;
  return {
    baseUrl,
    databaseUrl: database.url,
    signIn: () => signInAt(baseUrl),
    async stop() {
      await orchestrator.stop();
      await database.drop();
    },
  };
}

/** SignedIn is a fresh user: a TaskService client sending its token, and the transport for other services. */
export interface SignedIn {
  userId: string;
  tasks: Client<typeof TaskService>;
  transport: Transport;
}

/** signInAt registers a fresh user on a running taskmesh and returns a TaskService client with its token. */
export async function signInAt(baseUrl: string): Promise<SignedIn> {
  const anonymous = createClient(AuthService, createConnectTransport({ baseUrl, useBinaryFormat: true }));
  const { user, tokens } = await anonymous.register({
    email: `bench-${randomUUIDv7()}@example.com`,
    password: "bench password",
    displayName: "Bench",
  });
  const bearer: Interceptor = (next) => (req) => (
    req.header.set("authorization", `Bearer ${tokens!.accessToken}`), next(req)
  );
  const transport = createConnectTransport({ baseUrl, useBinaryFormat: true, interceptors: [bearer] });
  return { userId: user!.id, tasks: createClient(TaskService, transport), transport };
}
