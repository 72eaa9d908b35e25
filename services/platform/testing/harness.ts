import { baseConfigShape, loadConfig } from "../config";
import { serveInProcess, startInProcess } from "../in-process";
import { limitsOf } from "../limits";
import type { RpcServer } from "../rpc/server";
import { openRuntime } from "../runtime";
import type { ServiceDeps, ServiceFactory, ServiceModule } from "../service";
import { createTestDatabase, testKafkaBrokers } from "./infra";

export interface TestStack {
  deps: ServiceDeps;
  databaseUrl: string;
  modules: ServiceModule[];
  server: RpcServer;
  /** baseUrl of the Connect/gRPC-Web listener. */
  baseUrl: string;
  /** grpcUrl of the HTTP/2 gRPC listener. */
  grpcUrl: string;
  stop(): Promise<void>;
}

/**
 * startTestStack runs service modules in this process like embedded mode does, but on a fresh real
 * Postgres database and (by default) real Kafka, with listeners on free ports.
 */
export async function startTestStack(
  factories: ServiceFactory[],
  options: {
    kafka?: boolean;
    env?: Record<string, string | undefined>;
    dataDir?: string;
    /** databaseUrl shares another stack's database, like a second replica; it is not dropped on stop. */
    databaseUrl?: string;
    /** publicOnly serves only public services on the listeners, as embedded mode does (internal ones stay in process). */
    publicOnly?: boolean;
  } = {},
): Promise<TestStack> {
  const database = options.databaseUrl
    ? { url: options.databaseUrl, drop: async () => {} }
    : await createTestDatabase();
  const env: Record<string, string | undefined> = {
    ...process.env,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "fatal",
    PORT: "0",
    GRPC_PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: database.url,
    KAFKA_BROKERS: options.kafka === false ? undefined : testKafkaBrokers,
    DATA_DIR: options.dataDir ?? ".data/test",
    ...options.env,
  };
  const config = loadConfig(baseConfigShape, env);
  const parts = await openRuntime("test", { ...config, TASKMESH_MODE: "embedded" }, env);
  const running = await startInProcess(parts, factories, 5000);
  const { deps, modules } = running;
  const server = await serveInProcess(running, {
    name: "test",
    host: "127.0.0.1",
    port: 0,
    grpcPort: 0,
    metricsPort: 0,
    limits: limitsOf(config),
    publicOnly: options.publicOnly,
  });
  return {
    deps,
    databaseUrl: database.url,
    modules,
    server,
    baseUrl: `http://127.0.0.1:${server.httpPort}`,
    grpcUrl: `http://127.0.0.1:${server.grpcPort}`,
    async stop() {
      await server.close();
      for (const module of modules) await module.stop?.();
      await deps.bus.close();
      await deps.database.close();
      await database.drop();
    },
  };
}
