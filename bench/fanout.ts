import type { Client } from "@connectrpc/connect";
import type { TaskService } from "../gen/todo/v1/task_service_pb";
import { startOrchestratorProcess } from "./orchestrator-process";
import { ms, stats } from "./stats";

const writesPerSecond = Number(process.env.BENCH_WRITES_PER_SECOND ?? 500);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);

/** pace calls `op` at `rate` per second for `seconds`, without waiting for answers (open loop). */
async function pace(rate: number, durationS: number, op: (i: number) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  const inFlight: Promise<unknown>[] = [];
  let failed = 0;
  for (let i = 0; performance.now() - started < durationS * 1000; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await Bun.sleep(wait);
    inFlight.push(op(i).catch(() => (failed += 1)));
  }
  await Promise.all(inFlight);
  return failed;
}

/**
 * Fan-out: UpdateTask on one client → the change on another client's WatchTasks stream (through the
 * outbox, Kafka `task-updates` and the live-view consumer), under an open-loop load of 500 writes/s.
 * Baseline in the same run: the write's own round trip (the change cannot arrive before it commits).
 */
export async function benchFanout(): Promise<void> {
  const orchestrator = await startOrchestratorProcess(20);
  try {
    const watcher = await orchestrator.signIn();
    // The watched user's second device: same account, its own connection.
    const { task } = await watcher.tasks.createTask({ title: "probe" });
    const background: Client<typeof TaskService>[] = [];
    for (let i = 0; i < 10; i++) background.push((await orchestrator.signIn()).tasks);
    const backgroundTasks = await Promise.all(
      background.map(async (c) => ({ c, id: (await c.createTask({ title: "load" })).task!.id })),
    );

    const sentAt = new Map<bigint, number>();
    const latencies: number[] = [];
    const controller = new AbortController();
    const stream = (async () => {
      try {
        for await (const change of watcher.tasks.watchTasks({}, { signal: controller.signal })) {
          const sent = change.task && sentAt.get(change.task.version);
          if (sent) latencies.push(performance.now() - sent);
        }
      } catch {
        // aborted at the end
      }
    })();
    await Bun.sleep(2000);

    const writeLatencies: number[] = [];
    const load = pace(writesPerSecond, seconds, (i) => {
      const { c, id } = backgroundTasks[i % backgroundTasks.length]!;
      return c.updateTask({ id, updateMask: { paths: ["title"] }, title: `load ${i}` });
    });
    let version = 1n;
    const probes = (async () => {
      const end = performance.now() + seconds * 1000;
      while (performance.now() < end) {
        const started = performance.now();
        version += 1n;
        sentAt.set(version, started);
        await watcher.tasks.updateTask({ id: task!.id, updateMask: { paths: ["title"] }, title: `probe ${version}` });
        writeLatencies.push(performance.now() - started);
        await Bun.sleep(50);
      }
    })();
    const failed = await load;
    await probes;
    await Bun.sleep(1000);
    controller.abort();
    await stream;

    const delivered = stats(latencies);
    const write = stats(writeLatencies);
    console.log(
      `\nfan-out (stack mode, ${writesPerSecond} background writes/s for ${seconds}s, ${failed} failed writes)`,
    );
    console.table({
      "UpdateTask round trip (baseline)": {
        n: write.count,
        p50: ms(write.p50),
        p99: ms(write.p99),
        max: ms(write.max),
      },
      "UpdateTask → other client's WatchTasks": {
        n: delivered.count,
        p50: ms(delivered.p50),
        p99: ms(delivered.p99),
        max: ms(delivered.max),
      },
    });
    console.log(
      `probes delivered: ${delivered.count}/${sentAt.size}; p99 ratio to write round trip ×${(delivered.p99 / write.p99).toFixed(1)}; aim p99 < 200 ms`,
    );
  } finally {
    await orchestrator.stop();
  }
}
