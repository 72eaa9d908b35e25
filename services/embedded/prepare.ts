import { openDatabase } from "../platform/db/database";
import { migrateAll } from "./migrations";

/**
 * Runs after `npm install`: creates the embedded PGlite database and applies every service's migrations,
 * so the first `npm start` does not pay for initdb (several seconds in WASM) and is ready in under 3 s.
 */
const started = performance.now();
const database = await openDatabase({ dataDir: process.env.DATA_DIR ?? ".data" });
await migrateAll(database);
await database.close();
console.log(`embedded database ready in ${Math.round(performance.now() - started)} ms`);
