import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchChatLatency } from "../services/orchestrator/chat/bench/chat-latency";
import { signInAt } from "./orchestrator-process";
import { freePort, ms, runLoad, waitForHttp } from "./stats";

/**
 * Chat on the deterministic path: SendMessage p50/p95 at 50 concurrent chats against embedded mode
 * (`npm start`, no Ollama), beside a baseline in the same run: ListTasks, the cheapest authenticated
 * RPC, at the same concurrency against the same process.
 */
export async function benchChat(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "taskmesh-chat-bench-"));
  const port = freePort();
  const child = Bun.spawn([process.execPath, "services/embedded/main.ts"], {
    env: { ...process.env, PORT: String(port), GRPC_PORT: String(freePort()), DATA_DIR: dataDir, LOG_LEVEL: "fatal", DATABASE_URL: "", KAFKA_BROKERS: "", AUTH_LIMIT_PER_ADDRESS: "100000" },
    stdout: "ignore",
    stderr: "inherit",
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${baseUrl}/readyz`, 60_000);
    // Closed loop (each chat sends its next message the moment a reply arrives) and at a person's pace
    // (a message a second per chat): 50 people chatting is the second; the first is the saturation point.
    const chat = await benchChatLatency({ baseUrl, sessions: 50, messagesPerSession: 20 });
    const paced = await benchChatLatency({ baseUrl, sessions: 50, messagesPerSession: 10, thinkTimeMs: 1000 });
    const { tasks } = await signInAt(baseUrl);
    const list = await runLoad(50, 5, () => tasks.listTasks({ pageSize: 20 }));
    console.log("\nchat SendMessage, deterministic path, 50 concurrent chats (embedded mode)");
    console.table({
      "ListTasks baseline": { n: list.count, p50: ms(list.p50), p95: ms(list.p95), p99: ms(list.p99) },
      "SendMessage, closed loop": { n: chat.messages, p50: ms(chat.p50Ms), p95: ms(chat.p95Ms), p99: ms(chat.p99Ms) },
      "SendMessage, 1 msg/s per chat": { n: paced.messages, p50: ms(paced.p50Ms), p95: ms(paced.p95Ms), p99: ms(paced.p99Ms) },
    });
    console.log(`errors ${chat.errors + paced.errors}; closed loop ${chat.messagesPerSecond.toFixed(0)} messages/s; aim p95 < 30 ms`);
  } finally {
    child.kill("SIGTERM");
    await child.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

