import { expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildAppBundle } from "./app-bundle";

test("the app builds once per source hash; a second start reuses it", async () => {
  const dir = mkdtempSync(join(tmpdir(), "taskmesh-web-bundle-"));
  try {
    const built = await buildAppBundle(dir);
    expect(built.fromCache).toBe(false);
    const html = new TextDecoder().decode(built.index.body);
    const referenced = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(referenced.length).toBeGreaterThanOrEqual(3);
    for (const path of referenced) expect(built.files.has(path)).toBe(true);

    const fonts = [...built.files.values()].find((f) => /\/fonts-.*\.css$/.test(f.urlPath))!;
    for (const [, path] of new TextDecoder().decode(fonts.body).matchAll(/url\((\/assets\/[^)]+)\)/g))
      expect(built.files.has(path!)).toBe(true);

    const script = [...built.files.values()].find((f) => f.urlPath.endsWith(".js"))!;
    // The validation rules' descriptors (an embedded base64 descriptor) stay out of the browser bundle.
    const rules = /fileDesc\("([A-Za-z0-9+/]{60})/.exec(
      readFileSync(join(import.meta.dir, "../../../gen/buf/validate/validate_pb.ts"), "utf8"),
    )![1]!;
    expect(new TextDecoder().decode(script.body)).not.toContain(rules);
    expect(script.body.byteLength).toBeLessThan(520_000);

    const again = await buildAppBundle(dir);
    expect(again.fromCache).toBe(true);
    expect(again.hash).toBe(built.hash);
    expect(readdirSync(dir)).toEqual([built.hash]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 30_000);
