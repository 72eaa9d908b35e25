import { expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

const buf = join(import.meta.dir, "..", "node_modules", ".bin", "buf");
const root = join(import.meta.dir, "..");
const run = (args: string[]) =>
  Bun.spawnSync([buf, ...args], {
    cwd: root,
    stdout: "pipe",
    stderr: "pipe",
    env: { ...process.env, PATH: `${join(root, "node_modules", ".bin")}:${process.env.PATH}` },
  });

const files = (dir: string): Map<string, string> => {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(dir, path), readFileSync(path, "utf8"));
    }
  };
  walk(dir);
  return out;
};

// buf runs the plugins as child processes: seconds on a busy machine, so these tests get a minute.
test("buf lint is clean", () => {
  const result = run(["lint"]);
  expect(result.stdout.toString() + result.stderr.toString()).toBe("");
  expect(result.exitCode).toBe(0);
}, 60_000);

test("gen/ is exactly what buf generate makes from proto/", () => {
  const out = mkdtempSync(join(tmpdir(), "taskmesh-gen-"));
  const result = run(["generate", "--template", "buf.gen.yaml", "-o", out]);
  expect(result.stderr.toString()).toBe("");
  const generated = files(join(out, "gen"));
  const committed = files(join(root, "gen"));
  expect([...committed.keys()].sort()).toEqual([...generated.keys()].sort());
  for (const [path, content] of generated) expect({ path, content: committed.get(path) }).toEqual({ path, content });
}, 60_000);
