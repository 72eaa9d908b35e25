import { fileURLToPath } from "node:url";
import { openDatabase } from "../platform/db/database";

/**
 * Runs after `npm install`: creates the embedded PGlite database and applies every service's migrations,
 * so the first `npm start` does not pay for initdb (several seconds in WASM) and is ready in under 3 s.
 */
const migrations = ["orchestrator", "notification", "recurring", "audit"]
  .map((service) => ({ service, folder: fileURLToPath(new URL(`../${service}/db/migrations`, import.meta.url)) }))
  .filter(({ folder }) => Bun.file(`${folder}/meta/_journal.json`).size > 0);
const started = performance.now();
const database = await openDatabase({ dataDir: process.env.DATA_DIR ?? ".data" });
for (const { service, folder } of migrations) await database.migrate(folder, service);
await database.close();
console.log(`embedded database ready in ${Math.round(performance.now() - started)} ms`);
