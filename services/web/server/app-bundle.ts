import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants as zlib } from "node:zlib";
import type { BuildOutput, BunPlugin } from "bun";
import { fontAssets } from "./font-assets";

/** BundleFile is one file the web app serves, held in memory with its gzip form. */
export interface BundleFile {
  /** urlPath is where the file is served, e.g. "/assets/main-1a2b3c.js". */
  urlPath: string;
  body: Uint8Array;
  /** gzip and brotli are the compressed bodies, for text files only (fonts and PNGs are compressed already). */
  gzip?: Uint8Array;
  brotli?: Uint8Array;
  contentType: string;
  /** immutable files have a content hash in their name and may be cached for a year. */
  immutable: boolean;
}

/**
 * Scripts sorts the app's JavaScript by when it loads: `entry` (named by index.html), `initial` (the entry
 * and every chunk it imports statically: what the first screen downloads, each preloaded by index.html) and
 * `lazy` (chunks fetched by an `import()` when a rarely used screen first opens). URL paths.
 */
interface Scripts {
  entry: string;
  initial: string[];
  lazy: string[];
}

/** ScriptBytes are the JavaScript sizes the budget test and `bun services/web/build.ts` report (uncompressed). */
export interface ScriptBytes {
  entry: number;
  /** initial: the entry and its static imports, what the first screen downloads. */
  initial: number;
  initialBrotli: number;
  /** total: every script, the on-demand chunks included. */
  total: number;
}

/** scriptBytes sums a bundle's scripts by when they load. */
export function scriptBytes(bundle: AppBundle): ScriptBytes {
  const size = (path: string) => bundle.files.get(path)?.body.byteLength ?? 0;
  const sum = (paths: string[], of: (path: string) => number) => paths.reduce((n, path) => n + of(path), 0);
  const { entry, initial, lazy } = bundle.scripts;
  return {
    entry: size(entry),
    initial: sum(initial, size),
    initialBrotli: sum(initial, (path) => bundle.files.get(path)?.brotli?.byteLength ?? size(path)),
    total: sum([...initial, ...lazy], size),
  };
}

/** AppBundle is the built single-page app. */
export interface AppBundle {
  hash: string;
  index: BundleFile;
  files: Map<string, BundleFile>;
  scripts: Scripts;
  /** fromCache is true when an earlier build of the same sources was reused. */
  fromCache: boolean;
  ms: number;
}

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const appDir = fileURLToPath(new URL("../app/", import.meta.url));
const iconDir = fileURLToPath(new URL("./icons/", import.meta.url));
const entry = join(appDir, "main.tsx");

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".map": "application/json",
  ".txt": "text/plain; charset=utf-8",
};

const compressible = (path: string) => /\.(html|js|css|json|webmanifest|svg|txt|map)$/.test(path);

/** contentTypeOf names a file's media type by its extension. */
const contentTypeOf = (path: string) => contentTypes[extname(path)] ?? "application/octet-stream";

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * sourceHash fingerprints everything a build reads: the app's sources, the pure skills modules it
 * imports (vocabulary/), the generated contracts, the locked dependency tree and the Bun version.
 * Same hash, same bundle: the build is reused.
 */
function sourceHash(): string {
  const hash = createHash("sha256").update(Bun.version);
  const inputs = [
    ...[appDir, iconDir, join(repoRoot, "vocabulary")].flatMap(filesUnder).filter((path) => !path.endsWith(".test.ts")),
    fileURLToPath(import.meta.url),
    ...filesUnder(join(repoRoot, "gen/todo/v1")),
    join(repoRoot, "package-lock.json"),
  ].sort();
  for (const path of inputs) {
    if (!existsSync(path)) continue;
    hash.update(relative(repoRoot, path)).update("\0").update(readFileSync(path)).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

const favicon =
  "data:image/svg+xml," +
  encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#4338ca"/><path d="M18 33l9 9 19-20" fill="none" stroke="#fff" stroke-width="7" stroke-linecap="round" stroke-linejoin="round"/></svg>`,
  );

/**
 * The generated contracts import buf/validate/validate.proto for its field rules. The browser never
 * reads those rules (the server enforces them), but bundling that file would also pull in
 * descriptor.proto: about 96 KB of minified descriptors. This plugin bundles an empty file of the same
 * name instead, which is all the generated descriptors need to resolve their import.
 */
const withoutValidationRules: BunPlugin = {
  name: "taskmesh-without-validation-rules",
  setup(build) {
    build.onLoad({ filter: /gen[\\/]buf[\\/]validate[\\/]validate_pb\.ts$/ }, () => {
      const descriptor = new Uint8Array([
        ...[0x0a, 27, ...new TextEncoder().encode("buf/validate/validate.proto")],
        ...[0x12, 12, ...new TextEncoder().encode("buf.validate")],
      ]);
      return {
        loader: "ts",
        contents: `import { fileDesc } from "@bufbuild/protobuf/codegenv2";
export const file_buf_validate_validate = /*@__PURE__*/ fileDesc(${JSON.stringify(Buffer.from(descriptor).toString("base64"))});`,
      };
    });
  },
};

function indexHtml(scripts: Scripts, styles: string[], preload: string): string {
  return `<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="theme-color" content="#4338ca">
<meta name="description" content="taskmesh: tasks you can type or say, in English and Urdu.">
<title>taskmesh</title>
<link rel="icon" href="${favicon}">
<link rel="manifest" href="/manifest.webmanifest">
<link rel="apple-touch-icon" href="/icons/icon-192.png">
${preload ? `<link rel="preload" href="${preload}" as="font" type="font/woff2" crossorigin>` : ""}
${styles.map((href) => `<link rel="stylesheet" href="${href}">`).join("\n")}
${scripts.initial
  .filter((src) => src !== scripts.entry)
  .map((href) => `<link rel="modulepreload" href="${href}">`)
  .join("\n")}
<script type="module" src="${scripts.entry}"></script>
</head>
<body>
<div id="root"><noscript>taskmesh needs JavaScript to run.</noscript></div>
</body>
</html>
`;
}

/**
 * webAppManifest makes the app installable: its name, colours, start page and icons (a maskable SVG
 * for any size, PNGs for launchers that want bitmaps).
 */
const webAppManifest = {
  name: "taskmesh",
  short_name: "taskmesh",
  description: "Tasks you can type or say, in English and Urdu.",
  start_url: "/",
  scope: "/",
  display: "standalone",
  background_color: "#f4f6fb",
  theme_color: "#4338ca",
  icons: [
    { src: "/icons/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any maskable" },
    { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any maskable" },
    { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any maskable" },
  ],
};

interface Manifest {
  files: { urlPath: string; file: string; immutable: boolean }[];
  scripts: Scripts;
}

function load(dir: string, hash: string, fromCache: boolean, started: number): AppBundle {
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Manifest;
  const files = new Map<string, BundleFile>();
  for (const item of manifest.files) {
    const body = readFileSync(join(dir, item.file));
    files.set(item.urlPath, {
      urlPath: item.urlPath,
      body,
      gzip: existsSync(join(dir, `${item.file}.gz`)) ? readFileSync(join(dir, `${item.file}.gz`)) : undefined,
      brotli: existsSync(join(dir, `${item.file}.br`)) ? readFileSync(join(dir, `${item.file}.br`)) : undefined,
      contentType: contentTypeOf(item.file),
      immutable: item.immutable,
    });
  }
  const index = files.get("/index.html");
  if (!index) throw new Error(`web bundle ${dir} has no index.html`);
  return { hash, index, files, scripts: manifest.scripts, fromCache, ms: Math.round(performance.now() - started) };
}

/**
 * sortScripts reads the build's metafile: the entry script, the chunks it imports statically (followed
 * transitively: they load with it) and the rest, which only an `import()` reaches.
 */
function sortScripts(result: BuildOutput, url: (path: string) => string): Scripts {
  if (!result.metafile) throw new Error("web app build: no metafile");
  // Metafile paths are relative to the output folder ("./main-1a2b.js"); a file name identifies each.
  const outputs = new Map(
    Object.entries(result.metafile.outputs)
      .filter(([path]) => path.endsWith(".js"))
      .map(([path, output]) => [basename(path), output]),
  );
  const entries = result.outputs.filter((o) => o.kind === "entry-point" && o.path.endsWith(".js"));
  if (entries.length !== 1) throw new Error(`web app build: ${entries.length} entry scripts, expected 1`);
  const entry = basename(entries[0]!.path);
  const initial = new Set([entry]);
  for (const name of initial) {
    for (const imported of outputs.get(name)?.imports ?? []) {
      if (imported.kind === "import-statement" && outputs.has(basename(imported.path)))
        initial.add(basename(imported.path));
    }
  }
  return {
    entry: url(entry),
    initial: [...initial].map(url),
    lazy: [...outputs.keys()].filter((name) => !initial.has(name)).map(url),
  };
}

async function build(outDir: string): Promise<void> {
  const result = await Bun.build({
    entrypoints: [entry],
    outdir: join(outDir, "assets"),
    target: "browser",
    format: "esm",
    minify: true,
    // Rarely used screens are `import()`ed (shell.tsx, app.tsx) and become chunks of their own.
    splitting: true,
    metafile: true,
    publicPath: "/assets/",
    naming: { entry: "[name]-[hash].[ext]", chunk: "[name]-[hash].[ext]", asset: "[name]-[hash].[ext]" },
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    plugins: [withoutValidationRules],
    throw: false,
  });
  if (!result.success) {
    throw new Error(`web app build failed:\n${result.logs.map((log) => String(log)).join("\n")}`);
  }
  const assets = result.outputs.map((output) => ({ path: output.path, kind: output.kind as string }));
  const fonts = fontAssets(appDir);
  const fontCss = join(
    outDir,
    "assets",
    `fonts-${createHash("sha256").update(fonts.css).digest("hex").slice(0, 10)}.css`,
  );
  writeFileSync(fontCss, fonts.css);
  assets.unshift({ path: fontCss, kind: "asset" });
  for (const file of fonts.files) {
    writeFileSync(join(outDir, "assets", file.name), file.body);
    assets.push({ path: join(outDir, "assets", file.name), kind: "asset" });
  }
  const url = (path: string) => `/assets/${basename(path)}`;
  const scripts = sortScripts(result, url);
  const styles = assets.filter((a) => a.path.endsWith(".css")).map((a) => url(a.path));
  writeFileSync(join(outDir, "index.html"), indexHtml(scripts, styles, fonts.preload));
  writeFileSync(join(outDir, "manifest.webmanifest"), JSON.stringify(webAppManifest, null, 2));
  mkdirSync(join(outDir, "icons"));
  const icons = readdirSync(iconDir);
  for (const name of icons) writeFileSync(join(outDir, "icons", name), readFileSync(join(iconDir, name)));

  const manifest: Manifest = {
    scripts,
    files: [
      { urlPath: "/index.html", file: "index.html", immutable: false },
      { urlPath: "/manifest.webmanifest", file: "manifest.webmanifest", immutable: false },
      ...icons.map((name) => ({ urlPath: `/icons/${name}`, file: `icons/${name}`, immutable: false })),
      ...assets.map((a) => ({ urlPath: url(a.path), file: relative(outDir, a.path), immutable: true })),
    ],
  };
  for (const item of manifest.files) {
    const path = join(outDir, item.file);
    if (!compressible(item.file)) continue;
    // Both forms are made once here, so no request waits for them. Brotli quality 9, not 11: on the
    // 481 KiB script 137 KiB (gzip -9: 148 KiB) in ≈1 s on a busy 2-core machine; 11 saves 10 KiB
    // more but takes ≈11 s, and every fresh data directory (each e2e run) builds cold.
    const body = readFileSync(path);
    writeFileSync(`${path}.gz`, Bun.gzipSync(body, { level: 9 }));
    writeFileSync(
      `${path}.br`,
      brotliCompressSync(body, {
        params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: body.byteLength },
      }),
    );
  }
  writeFileSync(join(outDir, "manifest.json"), JSON.stringify(manifest, null, 2));
}

/**
 * buildAppBundle returns the app built from the current sources, reusing `<cacheDir>/<hash>` when an
 * earlier start built the same sources (a cold build takes well under a second; a reuse a few ms).
 * Builds go to a temporary folder and are renamed into place, so a crash never leaves half a bundle.
 */
export async function buildAppBundle(cacheDir: string): Promise<AppBundle> {
  const started = performance.now();
  const hash = sourceHash();
  const dir = join(cacheDir, hash);
  if (existsSync(join(dir, "manifest.json"))) return load(dir, hash, true, started);

  mkdirSync(cacheDir, { recursive: true });
  const temporary = join(cacheDir, `.build-${hash}-${process.pid}-${Date.now()}`);
  try {
    await build(temporary);
    if (!existsSync(join(dir, "manifest.json"))) {
      rmSync(dir, { recursive: true, force: true });
      renameSync(temporary, dir);
    }
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
  for (const name of readdirSync(cacheDir)) {
    const path = join(cacheDir, name);
    // Older builds go; other processes' in-flight builds (".build-*") are theirs to clean.
    if (name !== hash && !name.startsWith(".build-") && statSync(path).isDirectory())
      rmSync(path, { recursive: true, force: true });
  }
  return load(dir, hash, false, started);
}
