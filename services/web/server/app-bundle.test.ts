import { expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { ur } from "../app/i18n/ur";
import { buildAppBundle, scriptBytes } from "./app-bundle";

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

    const script = built.files.get(built.scripts.entry)!;
    // The validation rules' descriptors (an embedded base64 descriptor) stay out of the browser bundle.
    const rules = /fileDesc\("([A-Za-z0-9+/]{60})/.exec(
      readFileSync(join(import.meta.dir, "../../../gen/buf/validate/validate_pb.ts"), "utf8"),
    )![1]!;
    const scripts = [...built.scripts.initial, ...built.scripts.lazy].map((path) => built.files.get(path)!);
    for (const chunk of scripts) expect(new TextDecoder().decode(chunk.body)).not.toContain(rules);

    // index.html names the entry and preloads its static chunks; the on-demand chunks are served (hashed,
    // compressed) but named nowhere in it: only an import() in a script reaches them.
    expect(html).toContain(`<script type="module" src="${built.scripts.entry}"></script>`);
    for (const path of built.scripts.initial.slice(1)) expect(html).toContain(`rel="modulepreload" href="${path}"`);
    // Rarely used screens, the Urdu dictionary (i18n/translate.ts) and the rarely used services' descriptors
    // (api/lazy-client.ts) are on-demand chunks.
    const lazyNames = ["activity-screen", "connections-screen", "profile-screen", "new-filter-screen", "chat-panel"];
    lazyNames.push("ur", "webhook_service_pb", "transfer_service_pb", "token_service_pb", "calendar_service_pb");
    lazyNames.push("audit_service_pb", "comment_service_pb");
    for (const name of lazyNames) {
      const chunk = built.scripts.lazy.find((path) => path.startsWith(`/assets/${name}-`));
      expect(chunk).toBeDefined();
      expect(html).not.toContain(chunk!);
      expect(built.files.get(chunk!)!.immutable).toBe(true);
      expect(built.files.get(chunk!)!.brotli).toBeDefined();
      expect(new TextDecoder().decode(script.body)).toContain(chunk!.replace("/assets/", ""));
    }
    // An English reader downloads no Urdu: no first-screen script holds an Urdu string.
    for (const path of built.scripts.initial)
      expect(new TextDecoder().decode(built.files.get(path)!.body)).not.toContain(ur["common.retry"]);

    // Budget. The first screen's scripts (the entry and its static chunks): 484 KiB before the Organise screens,
    // 510 KiB with them, 594 KiB in one file before the split (issue-15 screens), 605 KB with the share screens;
    // 556 KB with Urdu and the rarely used service clients on demand (3 Dec); the entry now printed below.
    // Past 560 KB, a rarely used screen loads on demand (shell.tsx) instead of raising this number. All the
    // scripts together have their own ceiling, so on-demand chunks cannot grow unnoticed either.
    const sizes = scriptBytes(built);
    console.log(
      `web scripts: entry ${sizes.entry} B, first screen ${sizes.initial} B (br ${sizes.initialBrotli} B), all ${sizes.total} B in ${scripts.length} files`,
    );

    // Installable: the manifest and its icons are in the bundle with their media types, and every text
    // file also comes brotli-compressed (smaller than its gzip).
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest">');
    const manifest = built.files.get("/manifest.webmanifest")!;
    expect(manifest.contentType).toBe("application/manifest+json");
    const icons = (JSON.parse(new TextDecoder().decode(manifest.body)) as { icons: { src: string; type: string }[] })
      .icons;
    expect(icons.map((i) => i.src)).toEqual(["/icons/icon.svg", "/icons/icon-192.png", "/icons/icon-512.png"]);
    for (const icon of icons) expect(built.files.get(icon.src)?.contentType).toBe(icon.type);
    expect(new TextDecoder().decode(built.files.get("/icons/icon-512.png")!.body.subarray(1, 4))).toBe("PNG");
    expect(script.brotli!.byteLength).toBeLessThan(script.gzip!.byteLength);
    expect(brotliDecompressSync(script.brotli!).equals(Buffer.from(script.body))).toBe(true);

    const again = await buildAppBundle(dir);
    expect(again.fromCache).toBe(true);
    expect(again.hash).toBe(built.hash);
    expect(readdirSync(dir)).toEqual([built.hash]);

    // Last, so a budget overrun does not hide the checks above.
    expect(sizes.initial).toBeLessThan(560_000);
    expect(sizes.total).toBeLessThan(700_000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 30_000);
