/**
 * `bun services/web/build.ts`: builds the web app into `$DATA_DIR/web` (default .data/web) ahead of the
 * first start, e.g. from the install step or an image build. Starting the service does the same when the
 * bundle for the current sources is missing, so this only moves that work earlier.
 */
import { join } from "node:path";
import { buildAppBundle, scriptBytes } from "./server/app-bundle";

const bundle = await buildAppBundle(join(process.env.DATA_DIR ?? ".data", "web"));
const bytes = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
for (const file of bundle.files.values()) {
  console.log(
    `${file.urlPath.padEnd(64)} ${bytes(file.body.byteLength).padStart(10)}${file.gzip ? `  gzip ${bytes(file.gzip.byteLength)}` : ""}${file.brotli ? `  br ${bytes(file.brotli.byteLength)}` : ""}`,
  );
}
const scripts = scriptBytes(bundle);
console.log(
  `scripts: entry ${bytes(scripts.entry)}, first screen (entry + static chunks) ${bytes(scripts.initial)} (br ${bytes(scripts.initialBrotli)}), all ${bundle.scripts.initial.length + bundle.scripts.lazy.length} files ${bytes(scripts.total)} (${bundle.scripts.lazy.length} loaded on demand)`,
);
console.log(`web app ${bundle.fromCache ? "already built" : "built"} in ${bundle.ms} ms (${bundle.hash})`);
