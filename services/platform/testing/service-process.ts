import { join } from "node:path";
import type { Subprocess } from "bun";

const repoRoot = join(import.meta.dir, "..", "..", "..");

/** A taskmesh service started as its own process, listening on ports the OS chose. */
export interface ServiceProcess {
  baseUrl: string;
  httpPort: number;
  grpcPort: number;
  metricsPort: number;
  pid: number;
  /** exited resolves with the exit code once the process has ended. */
  exited: Promise<number>;
  /** output returns the last lines the process wrote to stdout and stderr, for a failure message. */
  output(): string;
  /** stop sends SIGTERM and returns the exit code (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<number>;
}

export interface ServiceProcessOptions {
  /** Entry point relative to the repository root, e.g. "services/embedded/main.ts". */
  entry: string;
  env?: Record<string, string>;
  /** Arguments for Bun before the entry point (profiling flags, say). */
  bunArgs?: string[];
  timeoutMs?: number;
}

const keptLines = 200;

/**
 * startServiceProcess spawns a service with PORT=0, GRPC_PORT=0 and METRICS_PORT=0, reads the ports it bound from its
 * "listening" log line, and resolves once /readyz answers 200. There is no window between choosing a port
 * and binding it for another process to take it. If the process exits or does not become ready in time the
 * error carries what it printed. LOG_LEVEL is at least "info", since the ports come from that line; the
 * output is kept, not echoed.
 */
export async function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const timeoutMs = options.timeoutMs ?? 90_000;
  const requestedLevel = options.env?.LOG_LEVEL;
  const child = Bun.spawn([process.execPath, ...(options.bunArgs ?? []), options.entry], {
    cwd: repoRoot,
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      ...options.env,
      PORT: "0",
      GRPC_PORT: "0",
      METRICS_PORT: "0",
      LOG_LEVEL: requestedLevel === "debug" || requestedLevel === "trace" ? requestedLevel : "info",
    },
    stdout: "pipe",
    stderr: "pipe",
  });

  const lines: string[] = [];
  let listening: { httpPort: number; grpcPort: number; metricsPort: number } | undefined;
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > keptLines) lines.shift();
    if (listening || !line.startsWith("{")) return;
    try {
      const entry = JSON.parse(line) as { msg?: string; httpPort?: number; grpcPort?: number; metricsPort?: number };
      if (entry.msg === "listening" && entry.httpPort && entry.grpcPort && entry.metricsPort) {
        listening = { httpPort: entry.httpPort, grpcPort: entry.grpcPort, metricsPort: entry.metricsPort };
      }
    } catch {
      // Not a log line; kept as text.
    }
  };
  void drainLines(child.stdout, keep);
  void drainLines(child.stderr, keep);
  const output = () => lines.join("\n");

  const failure = (why: string) => {
    child.kill("SIGKILL");
    return new Error(`${options.entry} ${why}; it printed:\n${output()}`);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await Bun.sleep(50); // let the last output arrive
      throw failure(`exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    }
    if (listening) {
      const ready = await fetch(`http://127.0.0.1:${listening.httpPort}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) break;
    }
    if (Date.now() > deadline) throw failure(`was not ready within ${timeoutMs} ms`);
    await Bun.sleep(50);
  }

  const { httpPort, grpcPort, metricsPort } = listening;
  return {
    baseUrl: `http://127.0.0.1:${httpPort}`,
    httpPort,
    grpcPort,
    metricsPort,
    pid: child.pid,
    exited: child.exited,
    output,
    stop: (graceMs = 15_000) => stopProcess(child, graceMs),
  };
}

async function stopProcess(child: Subprocess, graceMs: number): Promise<number> {
  if (child.exitCode !== null) return child.exitCode;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  const code = await child.exited;
  clearTimeout(timer);
  return code;
}

async function drainLines(stream: ReadableStream<Uint8Array>, onLine: (line: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  let pending = "";
  for await (const chunk of stream) {
    pending += decoder.decode(chunk, { stream: true });
    let newline = pending.indexOf("\n");
    while (newline >= 0) {
      onLine(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
      newline = pending.indexOf("\n");
    }
  }
  if (pending) onLine(pending);
}
