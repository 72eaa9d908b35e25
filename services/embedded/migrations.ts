import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { DatabaseHandle } from "../platform/db/database";

const servicesDir = fileURLToPath(new URL("..", import.meta.url));

/**
 * servicesWithTables are the services that own tables, found by the layout every service follows
 * (`services/<name>/db/migrations/`, applied into pgSchema("<name>")) rather than kept by hand: a new
 * service with migrations is migrated without an edit here. Sorted, so the order is stable.
 */
export function servicesWithTables(): string[] {
  return readdirSync(servicesDir, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(`${servicesDir}/${entry.name}/db/migrations/meta/_journal.json`),
    )
    .map((entry) => entry.name)
    .sort();
}

/** migrateAll applies every service's committed migrations (each journaled separately, in its own schema). */
export async function migrateAll(database: DatabaseHandle): Promise<string[]> {
  const applied: string[] = [];
  for (const service of servicesWithTables()) {
    await database.migrate(`${servicesDir}/${service}/db/migrations`, service);
    applied.push(service);
  }
  return applied;
}
