import { expect, test } from "bun:test";

// postgres.js 3.4.9 writes a query queued on a connection whose backend has gone from a setImmediate, and
// threw `null is not an object (evaluating 'socket.write')` there: no try/catch can take it, the process
// ends (porsager/postgres#1066, #1154, #1208; issue 11). patches/postgres+3.4.9.patch settles the query
// with CONNECTION_CLOSED instead. A reserved connection whose backend is terminated hits the path every time.
const script = `
  import postgres from "postgres";
  const url = process.env.DATABASE_URL;
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  const admin = postgres(url, { max: 1 });
  const reserved = await sql.reserve();
  const [{ pid }] = await reserved\`select pg_backend_pid() as pid\`;
  await admin\`select pg_terminate_backend(\${pid})\`;
  await Bun.sleep(200);
  for (let i = 0; i < 3; i++) {
    try { await reserved\`select 1\`; console.log("answered"); } catch (e) { console.log("rejected " + e.code); }
  }
  console.log("alive");
  await admin.end();
  process.exit(0);
`;

test("a query on a connection whose backend died is rejected with CONNECTION_CLOSED; the process lives (pg)", () => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is required for *.pg.test.ts");
  const result = Bun.spawnSync([process.execPath, "-e", script], {
    cwd: `${import.meta.dir}/../../..`,
    env: { ...process.env, DATABASE_URL: url },
    stdout: "pipe",
    stderr: "pipe",
    timeout: 30_000,
  });
  const out = result.stdout.toString();
  expect(result.stderr.toString()).not.toContain("socket.write");
  expect(result.exitCode).toBe(0);
  expect(out).toContain("rejected CONNECTION_CLOSED");
  expect(out).toContain("alive");
});
