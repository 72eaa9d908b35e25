import { pgSchema } from "drizzle-orm/pg-core";
import { outboxTable, processedEventsTable } from "../../platform/db/event-tables";

/** The recurring service owns the `recurring` schema; no other service reads it. */
/** @public drizzle-kit reads the schema from this export. */
export const recurringSchema = pgSchema("recurring");

/** processedEvents records each completion whose next instance was created and announced. */
export const processedEvents = processedEventsTable(recurringSchema);

/** outbox holds RecurringTaskGenerated events until the relay publishes them to audit-events. */
export const outbox = outboxTable(recurringSchema);
