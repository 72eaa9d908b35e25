import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, ms, rssMb, waitForHttp } from "./stats";

/**
 * Embedded mode: time from spawn to /healthz and /readyz, and idle RSS after 5 s, beside a raw baseline
 * (a bare Bun.serve process) measured in the same run. Target: idle < 300 MB, ready < 3 s.
 */
export async function benchStartup(): Promise<void> {
  const root = join(import.meta.dir, "..");
  const prepared = join(root, ".data");
  const dataDir = mkdtempSync(join(tmpdir(), "taskmesh-bench-"));
  // Start from the database `npm install` prepared, as a user's first `npm start` does.
  cpSync(join(prepared, "pglite"), join(dataDir, "pglite"), { recursive: true });

  const measure = async (argv: string[], env: Record<string, string>, path: string) => {
    const port = freePort();
    const started = performance.now();
    const child = Bun.spawn(argv, {
      cwd: root,
      env: { ...process.env, ...env, PORT: String(port), GRPC_PORT: String(freePort()), METRICS_PORT: "0" },
      stdout: "ignore",
      stderr: "ignore",
    });
    await waitForHttp(`http://127.0.0.1:${port}${path}`);
    const ready = performance.now() - started;
    await Bun.sleep(5000);
    const rss = rssMb(child.pid);
    child.kill("SIGTERM");
    await child.exited;
    return { ready, rss };
  };

  const baseline = await measure(
    [process.execPath, "-e", "Bun.serve({ port: Number(process.env.PORT), fetch: () => new Response('ok') })"],
    {},
    "/",
  );
  const embedded = await measure(
    [process.execPath, "services/embedded/main.ts"],
    { DATA_DIR: dataDir, LOG_LEVEL: "warn", DATABASE_URL: "", KAFKA_BROKERS: "" },
    "/readyz",
  );
  rmSync(dataDir, { recursive: true, force: true });

  console.log("\nstartup (embedded mode, `npm start`)");
  console.table({
    "raw Bun.serve baseline": { ready: ms(baseline.ready), "idle RSS": `${baseline.rss.toFixed(0)} MB` },
    "taskmesh embedded": { ready: ms(embedded.ready), "idle RSS": `${embedded.rss.toFixed(0)} MB` },
  });
  console.log(
    `ratio to baseline: start ×${(embedded.ready / baseline.ready).toFixed(1)}, RSS ×${(embedded.rss / baseline.rss).toFixed(1)}`,
  );
  console.log(
    `targets: ready < 3000 ms → ${embedded.ready < 3000 ? "met" : "missed"}; idle RSS < 300 MB → ${embedded.rss < 300 ? "met" : "missed"}`,
  );
}
