/**
 * `bun services/orchestrator/chat/bench/run-chat-latency.ts`: starts taskmesh in embedded mode as its own
 * process (every service, in-memory bus, no Ollama) on a fresh Postgres database — or on PGlite with
 * BENCH_PGLITE=1, or uses BENCH_URL — and prints chat latency at 50 concurrent chats.
 */
import { createTestDatabase } from "../../../platform/testing/infra";
import { startServiceProcess } from "../../../platform/testing/service-process";
import { benchChatLatency } from "./chat-latency";

const sessions = Number(process.env.BENCH_SESSIONS ?? 50);
const messagesPerSession = Number(process.env.BENCH_MESSAGES ?? 40);
const thinkTimes = (process.env.BENCH_THINK_MS ?? "0").split(",").map(Number);

let baseUrl = process.env.BENCH_URL;
let stop = async () => {};
if (!baseUrl) {
  const pglite = process.env.BENCH_PGLITE === "1";
  const database = pglite ? undefined : await createTestDatabase("chatbench");
  const dataDir = `.data/bench-chat-${crypto.randomUUID().slice(0, 8)}`;
  const taskmesh = await startServiceProcess({
    entry: "services/embedded/main.ts",
    env: {
      DATA_DIR: dataDir,
      DATABASE_URL: database?.url ?? "",
      KAFKA_BROKERS: "",
      OLLAMA_HOST: "",
      AUTH_LIMIT_PER_ADDRESS: "100000",
      AUTH_LIMIT_PER_ACCOUNT: "100000",
      // The benchmark measures latency, not the per-user quotas.
      QUOTA_CHAT_MESSAGES_PER_MINUTE: "1000000",
      QUOTA_TASK_CREATES_PER_HOUR: "1000000",
    },
  });
  baseUrl = taskmesh.baseUrl;
  stop = async () => {
    await taskmesh.stop();
    await database?.drop();
    await Bun.$`rm -rf ${dataDir}`.quiet();
  };
  console.log(`taskmesh embedded on ${pglite ? "PGlite" : "Postgres"} at ${baseUrl}`);
}

try {
  for (const thinkTimeMs of thinkTimes) {
    const result = await benchChatLatency({ baseUrl, sessions, messagesPerSession, thinkTimeMs });
    console.log(
      `chat SendMessage, ${result.sessions} concurrent chats, think ${thinkTimeMs} ms: ${result.messages} messages, ` +
        `p50 ${result.p50Ms.toFixed(1)} ms, p95 ${result.p95Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, ` +
        `max ${result.maxMs.toFixed(1)} ms, ${result.messagesPerSecond.toFixed(0)} msg/s, ${result.errors} errors`,
    );
  }
} finally {
  await stop();
}
