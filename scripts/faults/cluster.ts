/**
 * The fault suite's own world: a Postgres and a Kafka started by scripts/infra/infra.sh in a private state
 * directory (inside a private network namespace, so on the usual ports without touching the shared pair),
 * and the consumer services as their own processes in stack mode, on stack.ts's ports.
 */
import { createWriteStream, existsSync, mkdtempSync, type WriteStream } from "node:fs";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { loadInternalToken, loadSigningKeys } from "../../services/platform/auth/keys";
import { grpcAddressVariable } from "../../services/platform/rpc/clients";
import { forEachLine } from "../output-lines";

const repoRoot = join(import.meta.dir, "..", "..");
export const databaseUrl = "postgres://taskmesh:taskmesh@127.0.0.1:55432/taskmesh";
export const kafkaBrokers = "127.0.0.1:59092";

/** The services the suite runs: the orchestrator (writes, outbox) and the three event consumers. */
const faultServices = ["orchestrator", "audit", "recurring", "notification"] as const;
export type FaultService = (typeof faultServices)[number];

/** stack.ts's ports (importing it would start a stack); alone in the namespace, so fixed ports are safe. */
const ports: Record<FaultService, { http: number; grpc: number; metrics: number }> = {
  orchestrator: { http: 3101, grpc: 50061, metrics: 9102 },
  notification: { http: 3103, grpc: 50063, metrics: 9103 },
  recurring: { http: 3104, grpc: 50064, metrics: 9104 },
  audit: { http: 3105, grpc: 50065, metrics: 9105 },
};
const portsOf = (name: FaultService) => ports[name];

interface ServiceHandle {
  name: FaultService;
  http: number;
  metricsPort: number;
  child: Subprocess;
  /** Exits nobody asked for: a crash. */
  crashes: number;
  killed: boolean;
}

export interface Cluster {
  stateDir: string;
  services: Map<FaultService, ServiceHandle>;
  /** infra runs infra.sh on the private pair; `env` adds e.g. PG_STOP_MODE=immediate. */
  infra(command: "pg-stop" | "pg-start" | "kafka-stop" | "kafka-start" | "down", env?: Record<string, string>): void;
  kill9(name: FaultService): Promise<void>;
  start(name: FaultService): Promise<void>;
  logLines(name: FaultService): string[];
  keys: { privateKeyPem: string };
  stop(): Promise<void>;
}

/** startCluster brings up the private infrastructure and the services; it throws with their output if one does not come up. */
export async function startCluster(): Promise<Cluster> {
  const stateDir = mkdtempSync("/tmp/taskmesh-faults-");
  const sharedLibs = join(repoRoot, ".data", "infra", "kafka", "libs");
  if (!existsSync(join(sharedLibs, ".complete"))) {
    throw new Error(
      `no Kafka jars in ${sharedLibs}: run \`bash scripts/infra/infra.sh up\` once (it needs the network), then the suite`,
    );
  }
  const infraEnv = {
    ...process.env,
    TASKMESH_INFRA_DIR: join(stateDir, "infra"),
    TASKMESH_KAFKA_LIBS: sharedLibs,
    KAFKA_HEAP_OPTS: "-Xms256m -Xmx512m",
  };
  const infra = (command: string, extra: Record<string, string> = {}) => {
    const result = Bun.spawnSync(["bash", "scripts/infra/infra.sh", command], {
      cwd: repoRoot,
      env: { ...infraEnv, ...extra },
      stdout: "pipe",
      stderr: "pipe",
    });
    if (result.exitCode !== 0) throw new Error(`infra.sh ${command} failed:\n${result.stdout}${result.stderr}`);
  };
  infra("up");

  const dataDir = join(stateDir, "data");
  const keys = await loadSigningKeys({}, dataDir, true);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    TASKMESH_MODE: "stack",
    HOST: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: kafkaBrokers,
    DATA_DIR: dataDir,
    JWT_PUBLIC_KEY: keys.publicKeyPem,
    JWT_PRIVATE_KEY: keys.privateKeyPem!,
    INTERNAL_TOKEN: loadInternalToken({}, dataDir, true),
    LOG_LEVEL: "info",
    // The workload is one user writing far faster than a person would.
    QUOTA_TASK_CREATES_PER_HOUR: "1000000",
    AUTH_LIMIT_PER_ADDRESS: "1000",
  };
  for (const name of faultServices) env[grpcAddressVariable(name)] = `127.0.0.1:${portsOf(name).grpc}`;
  const migrate = Bun.spawnSync([process.execPath, "scripts/migrate.ts"], {
    cwd: repoRoot,
    env,
    stdout: "pipe",
    stderr: "pipe",
  });
  if (migrate.exitCode !== 0) throw new Error(`migrations failed:\n${migrate.stdout}${migrate.stderr}`);

  const services = new Map<FaultService, ServiceHandle>();
  const logs = new Map<FaultService, { file: WriteStream; lines: string[] }>();

  const spawn = async (name: FaultService) => {
    const ports = portsOf(name);
    const child = Bun.spawn([process.execPath, `services/${name}/main.ts`], {
      cwd: repoRoot,
      env: { ...env, PORT: String(ports.http), GRPC_PORT: String(ports.grpc), METRICS_PORT: String(ports.metrics) },
      stdout: "pipe",
      stderr: "pipe",
    });
    let log = logs.get(name);
    if (!log) {
      log = { file: createWriteStream(join(stateDir, `${name}.log`), { flags: "a" }), lines: [] };
      logs.set(name, log);
    }
    const sink = log;
    for (const stream of [child.stdout, child.stderr]) {
      forEachLine(stream, (line) => {
        sink.file.write(`${line}\n`);
        sink.lines.push(line);
      });
    }
    const previous = services.get(name);
    const handle: ServiceHandle = {
      name,
      http: ports.http,
      metricsPort: ports.metrics,
      child,
      crashes: previous?.crashes ?? 0,
      killed: false,
    };
    services.set(name, handle);
    void child.exited.then(() => {
      if (!handle.killed) handle.crashes += 1;
    });
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`${name} exited (${child.exitCode}) while starting:\n${sink.lines.slice(-40).join("\n")}`);
      const ready = await fetch(`http://127.0.0.1:${ports.http}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) return;
      if (Date.now() > deadline) throw new Error(`${name} not ready in 120 s:\n${sink.lines.slice(-40).join("\n")}`);
      await Bun.sleep(200);
    }
  };

  // The orchestrator first: the others call it.
  for (const name of faultServices) await spawn(name);

  return {
    stateDir,
    services,
    keys: { privateKeyPem: keys.privateKeyPem! },
    infra,
    async kill9(name) {
      const handle = services.get(name)!;
      handle.killed = true;
      handle.child.kill("SIGKILL");
      await handle.child.exited;
    },
    start: spawn,
    logLines: (name) => logs.get(name)?.lines ?? [],
    async stop() {
      for (const handle of services.values()) {
        handle.killed = true;
        handle.child.kill("SIGTERM");
      }
      await Promise.all(
        [...services.values()].map((h) =>
          Promise.race([h.child.exited, Bun.sleep(20_000).then(() => h.child.kill("SIGKILL"))]),
        ),
      );
      try {
        infra("down");
      } catch (error) {
        console.error(String(error));
      }
    },
  };
}
