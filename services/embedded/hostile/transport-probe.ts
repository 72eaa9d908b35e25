import { expect } from "bun:test";
import { readFileSync } from "node:fs";

/** HealthDuring is what /healthz did while an attack ran. */
export interface HealthDuring {
  samples: number;
  failures: number;
  medianMs: number;
  /** p90Ms: nine probes in ten answered within this. */
  p90Ms: number;
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
  const ready = new Promise<void>((resolve) => {
    worker.onmessage = () => resolve();
  });
  worker.postMessage({ start: { url, everyMs: 20 } });
  try {
    await ready;
    const result = await attack();
    await Bun.sleep(50);
    const report = new Promise<{ latencies: number[]; failures: number }>((resolve) => {
      worker.onmessage = (event) => resolve(event.data);
    });
    worker.postMessage({ stop: true });
    const { latencies, failures } = await report;
    const sorted = [...latencies].sort((a, b) => a - b);
    const at = (quantile: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * quantile))] ?? 0;
    return {
      result,
      health: { samples: latencies.length, failures, medianMs: at(0.5), p90Ms: at(0.9), maxMs: sorted.at(-1) ?? 0 },
    };
  } finally {
    worker.terminate();
  }
}

/**
 * The bound on /healthz while an attack runs: under 200 ms, with every probe answered and none
 * past 2 s (unbounded, the server stalled 13–19 s). Asserted on the 90th percentile, since the machine
 * is shared and a probe can wait for a CPU now and then whatever the server does; for a flood (thousands
 * of requests from the test itself, which saturate both cores by design) on the median, with p90 printed.
 */
const healthBoundMs = { typical: 200, max: 2_000 } as const;

/** expectHealthy prints what /healthz did during `row` and checks it against healthBoundMs. */
export function expectHealthy(
  row: string,
  health: HealthDuring,
  options: { flood?: boolean; extra?: string } = {},
): void {
  console.log(
    `${row}: /healthz ${health.samples} probes, median ${health.medianMs.toFixed(0)} ms, p90 ${health.p90Ms.toFixed(0)} ms, max ${health.maxMs.toFixed(0)} ms${options.extra ?? ""}`,
  );
  expect(health.samples).toBeGreaterThan(0);
  expect(health.failures).toBe(0);
  expect(options.flood ? health.medianMs : health.p90Ms).toBeLessThan(healthBoundMs.typical);
  expect(health.maxMs).toBeLessThan(healthBoundMs.max);
}

/** rssMb is a process's resident set size in MB, from /proc. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}
