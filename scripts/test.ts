/**
 * `npm test`: makes sure the real Postgres and Kafka are reachable (starting them with
 * scripts/infra/infra.sh when they are not), then runs `bun test` over the whole repository.
 * With CI=true an unreachable dependency fails the run instead of skipping anything.
 */
import { existsSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { Kafka, logLevel } from "kafkajs";
import { ignoreKafkajsTimerWarning } from "../services/platform/bus/kafkajs-timer-warning";
import { daprVersion } from "./dapr/layout";

const databaseUrl = new URL(process.env.DATABASE_URL ?? "postgres://taskmesh:taskmesh@127.0.0.1:55432/taskmesh");
const kafka = (process.env.KAFKA_BROKERS ?? "127.0.0.1:59092").split(",")[0]!;

const reachable = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host, port, timeout: 1000 });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });

const [kafkaHost, kafkaPort] = kafka.split(":");
const up = async () =>
  (await reachable(databaseUrl.hostname, Number(databaseUrl.port || 5432))) &&
  (await reachable(kafkaHost!, Number(kafkaPort)));

if (!(await up())) {
  console.log("Postgres or Kafka is not reachable: starting them with scripts/infra/infra.sh up");
  const infra = Bun.spawnSync(["bash", "scripts/infra/infra.sh", "up"], { stdout: "inherit", stderr: "inherit" });
  if (infra.exitCode !== 0 || !(await up())) {
    console.error("could not start Postgres and Kafka; tests need the real ones (see docs/infra.md)");
    process.exit(1);
  }
}

// A freshly formatted broker creates its consumer-offsets topic on the first group request and answers
// "coordinator not available" until then; settle that once here rather than in every test.
ignoreKafkajsTimerWarning();
const admin = new Kafka({ clientId: "taskmesh-test-warmup", brokers: [kafka], logLevel: logLevel.NOTHING }).admin();
await admin.connect();
const coordinatorDeadline = Date.now() + 60_000;
for (;;) {
  try {
    await admin.describeGroups(["taskmesh-test-warmup"]);
    break;
  } catch (error) {
    if (Date.now() > coordinatorDeadline) throw error;
    await Bun.sleep(250);
  }
}
await admin.disconnect();

// The real-sidecar suite (*.dapr.test.ts) needs daprd, which takes minutes to build once (`npm run dapr --
// --build`, cached under .data/dapr). It runs whenever daprd is built, and always in CI, where a missing
// daprd is built by the test itself (.ci/run builds it first).
const daprd = join(import.meta.dir, "..", ".data/dapr", daprVersion, "daprd");
const daprArgs: string[] = [];
if (!existsSync(daprd) && process.env.CI !== "true") {
  console.log(`daprd ${daprVersion} is not built: leaving out *.dapr.test.ts (build it with: npm run dapr -- --build)`);
  daprArgs.push("--path-ignore-patterns=**/*.dapr.test.ts");
}

const tests = Bun.spawn([process.execPath, "test", ...daprArgs, ...process.argv.slice(2)], {
  stdout: "inherit",
  stderr: "inherit",
  env: { ...process.env, DATABASE_URL: databaseUrl.toString(), KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? kafka },
});
process.exit(await tests.exited);
