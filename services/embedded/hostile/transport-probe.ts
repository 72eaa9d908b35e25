import { readFileSync } from "node:fs";

/** HealthDuring is what /healthz did while an attack ran. */
export interface HealthDuring {
  samples: number;
  failures: number;
  medianMs: number;
  maxMs: number;
}

/**
 * whileProbingHealth runs `attack` while a worker thread calls `url` (a /healthz) every 20 ms, and
 * returns the attack's result beside what /healthz answered meanwhile.
 */
export async function whileProbingHealth<T>(
  url: string,
  attack: () => Promise<T>,
): Promise<{ result: T; health: HealthDuring }> {
  const worker = new Worker(new URL("./transport-health-worker.ts", import.meta.url).href);
  worker.postMessage({ start: { url, everyMs: 20 } });
  try {
    await Bun.sleep(50);
    const result = await attack();
    await Bun.sleep(50);
    const report = new Promise<{ latencies: number[]; failures: number }>((resolve) => {
      worker.onmessage = (event) => resolve(event.data);
    });
    worker.postMessage({ stop: true });
    const { latencies, failures } = await report;
    const sorted = [...latencies].sort((a, b) => a - b);
    const medianMs = sorted[Math.floor(sorted.length / 2)] ?? 0;
    return { result, health: { samples: latencies.length, failures, medianMs, maxMs: sorted.at(-1) ?? 0 } };
  } finally {
    worker.terminate();
  }
}

/** rssMb is a process's resident set size in MB, from /proc. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}
