/**
 * One-shot migration (the Kubernetes Job, or by hand before `npm run stack`): applies every service's
 * committed drizzle-kit migrations to DATABASE_URL (or the embedded PGlite database when it is unset).
 */
import { migrateAll } from "../services/embedded/migrations";
import { openDatabase } from "../services/platform/db/database";
import { resolveSecrets } from "../services/platform/secrets";

// The Job has no sidecar and gets DATABASE_URL from its Secret; under `npm run dapr` it is set directly.
const env = await resolveSecrets("migrate", process.env);
const database = await openDatabase({ url: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR ?? ".data" });
try {
  const applied = await migrateAll(database);
  console.log(JSON.stringify({ msg: "migrations applied", services: applied, database: database.kind }));
} finally {
  await database.close();
}
