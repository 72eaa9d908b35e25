/**
 * `npm run dapr`: every taskmesh service beside its own Dapr sidecar on this machine, as on Kubernetes
 * (docs/deployment.md, "Dapr on your machine"). Builds daprd v1.18.0 once (scripts/dapr/daprd.sh, cached
 * under .data/dapr), starts Postgres and Kafka if needed, writes the secret store file and the sidecar
 * configurations under .data/dapr-run, then runs until Ctrl-C.
 *
 *   npm run dapr                 start everything (ports: dapr.yaml)
 *   npm run dapr -- --build      only build (or find) daprd and print its path; CI runs this
 *   SMTP_URL=smtp://127.0.0.1:1025 npm run dapr   send reminder emails to a mail catcher
 */
import { join } from "node:path";
import { ensureDaprd, repoRoot, startDaprStack } from "./stack";

if (process.argv.includes("--build")) {
  const started = Date.now();
  const path = ensureDaprd();
  console.log(`daprd: ${path} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exit(0);
}

const databaseUrl = process.env.DATABASE_URL ?? "postgres://taskmesh:taskmesh@127.0.0.1:55432/taskmesh";
const kafkaBrokers = process.env.KAFKA_BROKERS ?? "127.0.0.1:59092";
if (!process.env.DATABASE_URL) {
  const infra = Bun.spawnSync(["bash", "scripts/infra/infra.sh", "up"], {
    cwd: repoRoot,
    stdout: "inherit",
    stderr: "inherit",
  });
  if (infra.exitCode !== 0) process.exit(infra.exitCode ?? 1);
}

const stack = await startDaprStack({
  dir: join(repoRoot, ".data/dapr-run"),
  databaseUrl,
  kafkaBrokers,
  smtpUrl: process.env.SMTP_URL,
  echo: true,
});
const summary = [...stack.apps.values()]
  .map(({ app }) => `${app.appId} grpc:${app.ports.grpc} dapr-grpc:${app.ports.daprGrpc}`)
  .join(", ");
console.log(`taskmesh with Dapr sidecars: ${stack.webUrl} (${summary})`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await stack.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
