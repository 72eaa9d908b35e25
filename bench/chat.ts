import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchChatLatency } from "../services/orchestrator/chat/bench/chat-latency";
import { startServiceProcess } from "../services/platform/testing/service-process";
import { signInAt } from "./orchestrator-process";
import { ms, runLoad } from "./stats";

/**
 * Chat on the deterministic path: SendMessage p50/p95 at 50 concurrent chats against embedded mode
 * (`npm start`, no Ollama), beside a baseline in the same run: ListTasks, the cheapest authenticated
 * RPC, at the same concurrency against the same process.
 */
export async function benchChat(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "taskmesh-chat-bench-"));
  const taskmesh = await startServiceProcess({
    entry: "services/embedded/main.ts",
    env: {
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      KAFKA_BROKERS: "",
      AUTH_LIMIT_PER_ADDRESS: "100000",
      QUOTA_CHAT_MESSAGES_PER_MINUTE: "1000000",
      QUOTA_TASK_CREATES_PER_HOUR: "1000000",
    },
  });
  const { baseUrl } = taskmesh;
  try {
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
      "SendMessage, 1 msg/s per chat": {
        n: paced.messages,
        p50: ms(paced.p50Ms),
        p95: ms(paced.p95Ms),
        p99: ms(paced.p99Ms),
      },
    });
    console.log(
      `errors ${chat.errors + paced.errors}; closed loop ${chat.messagesPerSecond.toFixed(0)} messages/s; aim p95 < 30 ms`,
    );
  } finally {
    await taskmesh.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
