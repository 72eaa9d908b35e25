/** Latency statistics in milliseconds. */
export interface Stats {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? 0 };
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;

/** runLoad keeps `concurrency` workers calling `op` for `seconds`, recording each call's latency. */
export async function runLoad(
  concurrency: number,
  seconds: number,
  op: (worker: number, i: number) => Promise<unknown>,
) {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; performance.now() < end; i++) {
        const t = performance.now();
        try {
          await op(worker, i);
          latencies.push(performance.now() - t);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { ...stats(latencies), errors, perSecond: latencies.length / elapsed };
}

/** loadRow is one row of a results table: a runLoad's throughput, latency percentiles and errors. */
export const loadRow = (r: Awaited<ReturnType<typeof runLoad>>) => ({
  "ops/s": r.perSecond.toFixed(0),
  p50: ms(r.p50),
  p95: ms(r.p95),
  p99: ms(r.p99),
  errors: String(r.errors),
});

/** freePort asks the OS for an unused port. */
export function freePort(): number {
  const server = Bun.serve({ port: 0, fetch: () => new Response() });
  const port = server.port!;
  server.stop(true);
  return port;
}

/** rssMb reads a process's resident set size from /proc. */
export function rssMb(pid: number): number {
  const status = require("node:fs").readFileSync(`/proc/${pid}/status`, "utf8") as string;
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return performance.now() - started;
    await Bun.sleep(20);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/**
 * childReport runs a benchmark script in its own process (its services on real Postgres + Kafka) and reads the
 * last line of its stdout that starts with `prefix` as its JSON report.
 */
export function childReport<T>(script: string, prefix: string, name: string): T {
  const run = Bun.spawnSync([process.execPath, script], { stdout: "pipe", stderr: "pipe" });
  const line = run.stdout
    .toString()
    .trim()
    .split("\n")
    .filter((l) => l.startsWith(prefix))
    .at(-1);
  if (run.exitCode !== 0 || !line) throw new Error(`${name} benchmark failed: ${run.stderr.toString().slice(-2000)}`);
  return JSON.parse(line) as T;
}
