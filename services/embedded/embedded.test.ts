import { expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServiceProcess } from "../platform/testing/service-process";

const root = join(import.meta.dir, "..", "..");
const grpcurl = [join(process.env.HOME ?? "/root", "go", "bin", "grpcurl"), "/usr/local/bin/grpcurl", "grpcurl"].find(
  (p) => Bun.spawnSync(["sh", "-c", `command -v ${p}`]).exitCode === 0,
);

test("a bad environment value stops the process, naming the variable", () => {
  const result = Bun.spawnSync([process.execPath, "services/embedded/main.ts"], {
    cwd: root,
    env: { ...process.env, PORT: "abc" },
    stderr: "pipe",
  });
  expect(result.exitCode).toBe(78);
  expect(result.stderr.toString()).toContain('PORT="abc"');
});

test("stack mode without DATABASE_URL refuses to start, naming it", () => {
  const env = { ...process.env, TASKMESH_MODE: "stack", DATABASE_URL: "", KAFKA_BROKERS: "127.0.0.1:59092" };
  const result = Bun.spawnSync([process.execPath, "services/orchestrator/main.ts"], { cwd: root, env, stderr: "pipe" });
  expect(result.exitCode).toBe(78);
  expect(result.stderr.toString()).toContain("DATABASE_URL");
});

test("embedded mode answers /healthz and /readyz, serves /metrics on METRICS_PORT only, lists the public todo.v1 services (not SkillService) over gRPC reflection, and stops cleanly on SIGTERM", async () => {
  // A fresh data directory: this start pays for initdb and every migration, as a first run without
  // `npm install`'s prepared database would.
  const dataDir = mkdtempSync(join(tmpdir(), "taskmesh-embedded-"));
  const taskmesh = await startServiceProcess({
    entry: "services/embedded/main.ts",
    env: { DATA_DIR: dataDir, DATABASE_URL: "", KAFKA_BROKERS: "" },
  });
  try {
    expect((await fetch(`${taskmesh.baseUrl}/healthz`)).status).toBe(200);
    const metrics = await (await fetch(`http://127.0.0.1:${taskmesh.metricsPort}/metrics`)).text();
    expect(metrics).toContain("rpc_requests_total");
    expect(metrics).toContain("outbox_backlog");
    expect((await fetch(`${taskmesh.baseUrl}/metrics`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${taskmesh.metricsPort}/readyz`)).status).toBe(200);

    expect(grpcurl).toBeDefined();
    const address = `127.0.0.1:${taskmesh.grpcPort}`;
    const list = Bun.spawnSync([grpcurl!, "-plaintext", address, "list"], { stdout: "pipe", stderr: "pipe" });
    const services = list.stdout.toString().trim().split("\n");
    expect(services).toContain("todo.v1.AuthService");
    expect(services).toContain("todo.v1.TaskService");
    // SkillService is internal: the other services reach it in process, the public ports neither serve nor list it.
    expect(services).not.toContain("todo.skills.v1.SkillService");
    const skill = await fetch(`${taskmesh.baseUrl}/todo.skills.v1.SkillService/NextOccurrence`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(skill.status).toBe(404);
    const describe = Bun.spawnSync([grpcurl!, "-plaintext", address, "describe", "todo.v1.TaskService"], {
      stdout: "pipe",
    });
    expect(describe.stdout.toString()).toContain(
      "rpc CreateTask ( .todo.v1.CreateTaskRequest ) returns ( .todo.v1.CreateTaskResponse );",
    );
  } finally {
    const code = await taskmesh.stop();
    rmSync(dataDir, { recursive: true, force: true });
    expect(code).toBe(0);
    expect(taskmesh.output()).toContain('"msg":"stopped"');
  }
}, 120_000);
