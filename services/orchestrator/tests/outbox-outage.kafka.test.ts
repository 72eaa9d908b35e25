import { afterAll, beforeAll, expect, test } from "bun:test";
import { count, isNull } from "drizzle-orm";
import type { TaskCreated, TaskUpdated } from "../../../gen/todo/events/v1/task_events_pb";
import { decodeEvent, topics } from "../../platform/bus/event-codec";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { outbox } from "../db/schema";
import { createOrchestrator } from "../orchestrator";
import { registerSession, type Session } from "../testing/session";

// Stops and restarts the real broker: `scripts/infra/infra.sh kafka-stop|kafka-start` for the project's own
// broker, or the shell commands in KAFKA_STOP_COMMAND / KAFKA_START_COMMAND where the broker is someone
// else's (the GitHub workflow's service container: `docker stop|start <container>`).
const brokerCommands: Record<string, string | undefined> = {
  "kafka-stop": process.env.KAFKA_STOP_COMMAND,
  "kafka-start": process.env.KAFKA_START_COMMAND,
};
const infra = (command: "kafka-stop" | "kafka-start") => {
  const custom = brokerCommands[command];
  const argv = custom ? ["bash", "-c", custom] : ["bash", "scripts/infra/infra.sh", command];
  const result = Bun.spawnSync(argv, { stdout: "pipe", stderr: "pipe" });
  if (result.exitCode !== 0) throw new Error(`${argv.join(" ")} failed: ${result.stderr.toString()}`);
};

let stack: TestStack;
let session: Session;

beforeAll(async () => {
  stack = await startTestStack([createOrchestrator]);
  session = await registerSession(stack.baseUrl);
}, 60_000);
afterAll(async () => {
  infra("kafka-start");
  await stack.stop();
}, 120_000);

const backlog = async () =>
  (await stack.deps.database.db.select({ n: count() }).from(outbox).where(isNull(outbox.publishedAt)))[0]!.n;

test("with Kafka stopped, 200 creates succeed; once it is back every event arrives once per change, in order per task", async () => {
  while ((await backlog()) > 0) await Bun.sleep(50);
  infra("kafka-stop");
  const created: string[] = [];
  for (let i = 0; i < 200; i++) {
    const { task } = await session.tasks.createTask({ title: `offline ${i}` });
    created.push(task!.id);
  }
  // Twenty of them change twice more, so each has three events whose order matters.
  const reordered = created.slice(0, 20);
  for (const id of reordered) {
    await session.tasks.updateTask({ id, updateMask: { paths: ["title"] }, title: `${id} v2` });
    await session.tasks.updateTask({ id, updateMask: { paths: ["title"] }, title: `${id} v3` });
  }
  // Every change is in the outbox (task-events + task-updates per change), nothing published.
  expect(await backlog()).toBe((200 + 40) * 2);

  infra("kafka-start");
  const deadline = Date.now() + 60_000;
  while ((await backlog()) > 0 && Date.now() < deadline) await Bun.sleep(200);
  expect(await backlog()).toBe(0);

  // Read task-events back from the beginning and keep this user's events.
  const seen: { id: string; taskId: string; version: bigint }[] = [];
  await stack.deps.bus.subscribe({
    groupId: `outage-check-${crypto.randomUUID()}`,
    topics: [topics.taskEvents],
    fromBeginning: true,
    handle: async (message) => {
      // The topic is shared with other test runs; anything that is not an event of this user is skipped.
      if (!message.headers.ce_type?.startsWith("todo.events.v1.Task")) return;
      const decoded = decodeEvent(message);
      if (decoded.meta.userId !== session.userId) return;
      const task = (decoded.event as TaskCreated | TaskUpdated).task!;
      seen.push({ id: decoded.meta.eventId, taskId: task.id, version: task.version });
    },
  });
  const readDeadline = Date.now() + 60_000;
  while (seen.length < 240 && Date.now() < readDeadline) await Bun.sleep(100);
  await Bun.sleep(500);

  expect(seen).toHaveLength(240);
  expect(new Set(seen.map((e) => e.id)).size).toBe(240);
  expect(new Set(seen.map((e) => e.taskId))).toEqual(new Set(created));
  for (const id of reordered) {
    expect(seen.filter((e) => e.taskId === id).map((e) => e.version)).toEqual([1n, 2n, 3n]);
  }
}, 180_000);
