import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { DatabaseHandle } from "../platform/db/database";

/** The services that own tables, in the order their migrations run. */
export const servicesWithTables = ["orchestrator", "notification", "recurring", "audit"] as const;

/** migrateAll applies every service's committed migrations (each journaled separately). */
export async function migrateAll(database: DatabaseHandle): Promise<string[]> {
  const applied: string[] = [];
  for (const service of servicesWithTables) {
    const folder = fileURLToPath(new URL(`../${service}/db/migrations`, import.meta.url));
    if (!existsSync(`${folder}/meta/_journal.json`)) continue;
    await database.migrate(folder, service);
    applied.push(service);
  }
  return applied;
}
