import { eq, type Placeholder, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

/**
 * visibleTo is the one authorization rule for the caller's projects, sections and tasks: today the owner only.
 * Every query of the organise layer goes through it, so sharing (issue: "member with a role") changes this
 * function, not the queries. A row it hides answers NotFound, exactly like a row that does not exist.
 */
export function visibleTo(table: { userId: PgColumn }, callerId: string | Placeholder): SQL {
  return eq(table.userId, callerId);
}
