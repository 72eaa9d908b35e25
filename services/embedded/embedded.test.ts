import { expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dir, "..", "..");
const freePort = () => {
  const server = Bun.serve({ port: 0, fetch: () => new Response() });
  const port = server.port!;
  server.stop(true);
  return port;
};
const grpcurl = [join(process.env.HOME ?? "/root", "go", "bin", "grpcurl"), "/usr/local/bin/grpcurl", "grpcurl"].find((p) =>
  Bun.spawnSync(["sh", "-c", `command -v ${p}`]).exitCode === 0,
);

test("a bad environment value stops the process, naming the variable", () => {
  const result = Bun.spawnSync([process.execPath, "services/embedded/main.ts"], { cwd: root, env: { ...process.env, PORT: "abc" }, stderr: "pipe" });
  expect(result.exitCode).toBe(78);
  expect(result.stderr.toString()).toContain('PORT="abc"');
});

test("stack mode without DATABASE_URL refuses to start, naming it", () => {
  const env = { ...process.env, TASKMESH_MODE: "stack", DATABASE_URL: "", KAFKA_BROKERS: "127.0.0.1:59092" };
  const result = Bun.spawnSync([process.execPath, "services/orchestrator/main.ts"], { cwd: root, env, stderr: "pipe" });
  expect(result.exitCode).toBe(78);
  expect(result.stderr.toString()).toContain("DATABASE_URL");
});

test("embedded mode answers /healthz and /readyz, lists the todo.v1 services over gRPC reflection, and stops cleanly on SIGTERM", async () => {
  const [port, grpcPort] = [freePort(), freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), "taskmesh-embedded-"));
  const child = Bun.spawn([process.execPath, "services/embedded/main.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), GRPC_PORT: String(grpcPort), DATA_DIR: dataDir, LOG_LEVEL: "warn", DATABASE_URL: "", KAFKA_BROKERS: "" },
    stdout: "pipe",
    stderr: "pipe",
  });
  const deadline = Date.now() + 30_000;
  let health = 0;
  while (Date.now() < deadline) {
    health = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status, () => 0);
    if (health === 200) break;
    await Bun.sleep(100);
  }
  expect(health).toBe(200);
  expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  expect(metrics).toContain("rpc_requests_total");
  expect(metrics).toContain("outbox_backlog");

  expect(grpcurl).toBeDefined();
  const list = Bun.spawnSync([grpcurl!, "-plaintext", `127.0.0.1:${grpcPort}`, "list"], { stdout: "pipe", stderr: "pipe" });
  const services = list.stdout.toString().trim().split("\n");
  expect(services).toContain("todo.v1.AuthService");
  expect(services).toContain("todo.v1.TaskService");
  const describe = Bun.spawnSync([grpcurl!, "-plaintext", `127.0.0.1:${grpcPort}`, "describe", "todo.v1.TaskService"], { stdout: "pipe" });
  expect(describe.stdout.toString()).toContain("rpc CreateTask ( .todo.v1.CreateTaskRequest ) returns ( .todo.v1.CreateTaskResponse );");

  child.kill("SIGTERM");
  expect(await child.exited).toBe(0);
}, 60_000);
