import { expect } from "bun:test";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ChatSession, chatSession } from "../../orchestrator/testing/chat-session";
import { type ServiceProcess, startServiceProcess } from "../../platform/testing/service-process";
import { expectHealthy, rssMb, whileProbingHealth } from "./transport-probe";

/** Target is a real embedded process (`npm start`) under test, with one signed-up user. */
export interface Target {
  taskmesh: ServiceProcess;
  user: ChatSession;
  grpcUrl: string;
  /**
   * underAttack runs `attack` while a worker thread calls /healthz, and checks the bounds every row holds:
   * /healthz within healthBoundMs (transport-probe.ts), and RSS grown by less than `rssBoundMb` (the
   * unbounded server grew by 0.4–2 GB). The figures are printed.
   */
  underAttack<T>(row: string, attack: () => Promise<T>, options?: { rssBoundMb?: number; flood?: boolean }): Promise<T>;
  stop(): Promise<void>;
}

const root = join(import.meta.dir, "..", "..", "..");

/** startTarget starts embedded mode with `env` (limits) over a copy of the database `npm install` prepared. */
export async function startTarget(env: Record<string, string>): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), "taskmesh-transport-"));
  // Start from the database `npm install` prepared, as `npm start` does; a fresh one only costs time.
  const prepared = join(root, ".data", "pglite");
  if (existsSync(prepared)) cpSync(prepared, join(dataDir, "pglite"), { recursive: true });
  const taskmesh = await startServiceProcess({
    entry: "services/embedded/main.ts",
    env: { DATA_DIR: dataDir, DATABASE_URL: "", KAFKA_BROKERS: "", ...env },
  });
  const user = await chatSession(taskmesh.baseUrl);
  return {
    taskmesh,
    user,
    grpcUrl: `http://127.0.0.1:${taskmesh.grpcPort}`,
    async underAttack(row, attack, { rssBoundMb = 64, flood = false } = {}) {
      const before = rssMb(taskmesh.pid);
      const { result, health } = await whileProbingHealth(`${taskmesh.baseUrl}/healthz`, attack);
      const grown = rssMb(taskmesh.pid) - before;
      expectHealthy(row, health, { flood, extra: `; RSS ${before.toFixed(0)} → ${(before + grown).toFixed(0)} MB` });
      expect(grown).toBeLessThan(rssBoundMb);
      return result;
    },
    async stop() {
      if (process.env.TRANSPORT_DEBUG) console.log(taskmesh.output());
      await taskmesh.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
