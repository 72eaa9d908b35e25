import { expect, test } from "bun:test";
import { join } from "node:path";

const run = (throwing: string) => {
  const script = `
    import { createLifecycle } from ${JSON.stringify(join(import.meta.dir, "lifecycle.ts"))};
    import { createLogger } from ${JSON.stringify(join(import.meta.dir, "logger.ts"))};
    const lifecycle = createLifecycle(createLogger("crash-test", "info"), 2000);
    lifecycle.onStop("marker", () => console.log("stop hook ran"));
    setImmediate(() => { ${throwing} });
    setTimeout(() => { console.log("still alive"); process.exit(0); }, 300);
  `;
  const result = Bun.spawnSync([process.execPath, "-e", script], { stdout: "pipe", stderr: "pipe", timeout: 15_000 });
  return { code: result.exitCode, out: result.stdout.toString() + result.stderr.toString() };
};

test("an unknown uncaught error logs fatal, runs the stop hooks and exits with 1", () => {
  const { code, out } = run(`throw new TypeError("a bug")`);
  expect(code).toBe(1);
  expect(out).toContain("unexpected error; exiting to be restarted");
  expect(out).toContain("stop hook ran");
  expect(out).not.toContain("still alive");
});

test("an unhandled rejection of unknown kind exits with 1 too", () => {
  const { code, out } = run(`void Promise.reject(new RangeError("lost"))`);
  expect(code).toBe(1);
  expect(out).toContain("unhandledRejection");
});

test("a dependency outage escaping a callback is logged and the process lives", () => {
  const { code, out } = run(`throw Object.assign(new Error("write CONNECTION_CLOSED"), { code: "CONNECTION_CLOSED" })`);
  expect(code).toBe(0);
  expect(out).toContain("dependency error outside any request");
  expect(out).toContain("still alive");
});
