/**
 * `npm run stack`: every service as its own process against real Postgres and Kafka, calling each other
 * over gRPC — what Kubernetes runs, on one machine. Starts the infrastructure if it is not running,
 * migrates once, then starts the services with prefixed logs. Ctrl-C stops them all cleanly.
 */
import { existsSync } from "node:fs";
import { loadInternalToken, loadSigningKeys } from "../services/platform/auth/keys";
import { grpcAddressVariable } from "../services/platform/rpc/clients";
import { type SecretVariable, secretVariables, serviceSecrets } from "../services/platform/secrets";
import { forEachLine } from "./output-lines";

/** Ports per service on one machine (in Kubernetes every pod uses 8080/50051, and 9464 for metrics). */
export const stackServices = [
  { name: "skills", http: 3102, grpc: 50062, metrics: 9103 },
  { name: "orchestrator", http: 3101, grpc: 50061, metrics: 9102 },
  { name: "notification", http: 3103, grpc: 50063, metrics: 9104 },
  { name: "recurring", http: 3104, grpc: 50064, metrics: 9105 },
  { name: "audit", http: 3105, grpc: 50065, metrics: 9106 },
  { name: "webhooks", http: 3107, grpc: 50067, metrics: 9107 },
  { name: "web", http: 3000, grpc: 50066, metrics: 9101 },
] as const;

const databaseUrl = process.env.DATABASE_URL ?? "postgres://taskmesh:taskmesh@127.0.0.1:55432/taskmesh";
const kafkaBrokers = process.env.KAFKA_BROKERS ?? "127.0.0.1:59092";
const dataDir = process.env.DATA_DIR ?? ".data/stack";

if (!process.env.DATABASE_URL) {
  const infra = Bun.spawnSync(["bash", "scripts/infra/infra.sh", "up"], { stdout: "inherit", stderr: "inherit" });
  if (infra.exitCode !== 0) process.exit(infra.exitCode ?? 1);
}

// One key pair and one service credential for all processes, made once under .data/stack.
const keys = await loadSigningKeys({}, dataDir, true);
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  TASKMESH_MODE: "stack",
  DATABASE_URL: databaseUrl,
  KAFKA_BROKERS: kafkaBrokers,
  DATA_DIR: dataDir,
  JWT_PUBLIC_KEY: keys.publicKeyPem,
  JWT_PRIVATE_KEY: keys.privateKeyPem!,
  INTERNAL_TOKEN: loadInternalToken({}, dataDir, true),
};
const available = stackServices.filter((s) => existsSync(`services/${s.name}/main.ts`));
for (const service of available) env[grpcAddressVariable(service.name)] = `127.0.0.1:${service.grpc}`;

const migrate = Bun.spawnSync([process.execPath, "scripts/migrate.ts"], { env, stdout: "inherit", stderr: "inherit" });
if (migrate.exitCode !== 0) process.exit(migrate.exitCode ?? 1);

/** Each service gets only the secrets it uses (serviceSecrets): only the orchestrator holds the JWT private key. */
const ownSecretsOnly = (name: string, all: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(all).filter(
      ([key]) =>
        !(secretVariables as readonly string[]).includes(key) || serviceSecrets[name]?.includes(key as SecretVariable),
    ),
  );

const children = available.map((service) => {
  const child = Bun.spawn([process.execPath, `services/${service.name}/main.ts`], {
    env: {
      ...ownSecretsOnly(service.name, env),
      PORT: String(service.http),
      GRPC_PORT: String(service.grpc),
      METRICS_PORT: String(service.metrics),
    },
    stdout: "pipe",
    stderr: "pipe",
  });
  const prefix = `${service.name.padEnd(12)}| `;
  for (const stream of [child.stdout, child.stderr])
    forEachLine(stream, (line) => process.stdout.write(`${prefix}${line}\n`));
  return { service, child };
});

console.log(
  `taskmesh stack: ${available.map((s) => `${s.name} http:${s.http} grpc:${s.grpc} metrics:${s.metrics}`).join(", ")}`,
);

let stopping = false;
const stop = async (signal: "SIGTERM" | "SIGINT") => {
  if (stopping) return;
  stopping = true;
  for (const { child } of children) child.kill("SIGTERM");
  const codes = await Promise.all(children.map(({ child }) => child.exited));
  console.log(`stack stopped (${signal}); exit codes ${codes.join(",")}`);
  process.exit(0);
};
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
for (const { service, child } of children) {
  void child.exited.then((code) => {
    if (!stopping) {
      console.error(`${service.name} exited with ${code}; stopping the stack`);
      void stop("SIGTERM");
    }
  });
}
