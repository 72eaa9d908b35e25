import { describe, expect, test } from "bun:test";
import { brotliCompressSync, brotliDecompressSync } from "node:zlib";
import type { AppBundle, BundleFile } from "./app-bundle";
import { appServer } from "./static-files";

const file = (urlPath: string, text: string, contentType: string, immutable: boolean): BundleFile => ({
  urlPath,
  body: new TextEncoder().encode(text),
  gzip: Bun.gzipSync(new TextEncoder().encode(text)),
  brotli: brotliCompressSync(new TextEncoder().encode(text)),
  contentType,
  immutable,
});
const index = file("/index.html", "<!doctype html><title>taskmesh</title>", "text/html; charset=utf-8", false);
const script = file("/assets/main-abc123.js", "console.log(1)", "text/javascript; charset=utf-8", true);
const chunk = file("/assets/connections-screen-def456.js", "export{a as C}", "text/javascript; charset=utf-8", true);
const webManifest = file("/manifest.webmanifest", '{"name":"taskmesh"}', "application/manifest+json", false);
const bundle: AppBundle = {
  hash: "h1",
  index,
  files: new Map([
    [index.urlPath, index],
    [script.urlPath, script],
    [chunk.urlPath, chunk],
    [webManifest.urlPath, webManifest],
  ]),
  scripts: { entry: script.urlPath, initial: [script.urlPath], lazy: [chunk.urlPath] },
  fromCache: false,
  ms: 1,
};
const serve = appServer(bundle);
const get = (path: string, headers: Record<string, string> = {}) =>
  serve(new Request(`http://app${path}`, { headers }));

describe("serving the app", () => {
  test("client routes get index.html, revalidated on every load, with a strict CSP", async () => {
    for (const path of ["/", "/activity", "/tasks/0190f7a4-0000-7000-8000-000000000001", "/index.html"]) {
      const res = get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(res.headers.get("cache-control")).toBe("no-cache");
      expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
      expect(await res.text()).toContain("<title>taskmesh</title>");
    }
  });

  test("hashed assets are cached for a year and sent gzipped when accepted", async () => {
    const plain = get("/assets/main-abc123.js");
    expect(plain.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(plain.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await plain.text()).toBe("console.log(1)");
    const zipped = get("/assets/main-abc123.js", { "accept-encoding": "gzip, deflate" });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(new TextDecoder().decode(Bun.gunzipSync(new Uint8Array(await zipped.arrayBuffer())))).toBe("console.log(1)");
  });

  test("brotli is preferred when accepted, and never sent when refused with q=0", async () => {
    const br = get("/assets/main-abc123.js", { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("vary")).toBe("accept-encoding");
    expect(Number(br.headers.get("content-length"))).toBe(script.brotli!.byteLength);
    expect(brotliDecompressSync(new Uint8Array(await br.arrayBuffer())).toString()).toBe("console.log(1)");
    expect(get("/", { "accept-encoding": "br" }).headers.get("content-encoding")).toBe("br");
    expect(get("/", { "accept-encoding": "br;q=0, gzip" }).headers.get("content-encoding")).toBe("gzip");
  });

  test("a chunk loaded on demand is served like the entry script: cached a year, brotli, its own ETag", async () => {
    const headersOf = (res: Response) => {
      const { etag, "content-length": _, ...rest } = Object.fromEntries(res.headers);
      return { etag, rest };
    };
    for (const encoding of ["br, gzip", "gzip", ""]) {
      const entry = headersOf(get(script.urlPath, { "accept-encoding": encoding }));
      const lazy = get(chunk.urlPath, { "accept-encoding": encoding });
      expect(lazy.status).toBe(200);
      expect(headersOf(lazy).rest).toEqual(entry.rest);
      expect(headersOf(lazy).etag).toBe('"connections-screen-def456.js"');
    }
    const br = get(chunk.urlPath, { "accept-encoding": "br" });
    expect(br.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("x-content-type-options")).toBe("nosniff");
    expect(brotliDecompressSync(new Uint8Array(await br.arrayBuffer())).toString()).toBe("export{a as C}");
    expect(get(chunk.urlPath, { "if-none-match": '"connections-screen-def456.js"' }).status).toBe(304);
    // A chunk of an earlier build (a tab open across a deploy) is a 404, never index.html as a script.
    expect(get("/assets/connections-screen-old.js").status).toBe(404);
  });

  test("the web app manifest is served as application/manifest+json, revalidated, with a bundle-scoped ETag", async () => {
    const res = get("/manifest.webmanifest");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/manifest+json");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(res.headers.get("etag")).toBe('"h1-manifest.webmanifest"');
    expect(await res.json()).toEqual({ name: "taskmesh" });
  });

  test("missing files are 404, not the app", () => {
    expect(get("/assets/main-old.js").status).toBe(404);
    expect(get("/favicon.ico").status).toBe(404);
  });

  test("/metrics and RPC paths the port does not serve are 404, not the app", () => {
    expect(get("/metrics").status).toBe(404);
    expect(get("/todo.skills.v1.SkillService/NextOccurrence").status).toBe(404);
    expect(get("/grpc.health.v1.Health/Check").status).toBe(404);
  });

  test("a matching ETag answers 304", () => {
    const etag = get("/").headers.get("etag")!;
    expect(get("/", { "if-none-match": etag }).status).toBe(304);
    expect(get("/", { "if-none-match": '"index-old"' }).status).toBe(200);
    const assetEtag = get("/assets/main-abc123.js").headers.get("etag")!;
    expect(assetEtag).not.toBe(etag);
    expect(get("/assets/main-abc123.js", { "if-none-match": assetEtag }).status).toBe(304);
  });
});
