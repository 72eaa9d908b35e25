import type { EventBus } from "./bus/event-bus";
import type { DatabaseHandle } from "./db/database";

/** ReadinessCheck is one dependency /readyz asks about; a throw (or the server's timeout) means not ready. */
export interface DependencyCheck {
  name: string;
  check: () => Promise<void>;
}

/**
 * dependencyChecks is what a stateful service's /readyz asks: the database over its own connection with a
 * short timeout (db/database.ts), the broker, and whether any consumer is paused waiting for a dependency
 * (it still runs, but is not keeping up: the partitions are named in the answer).
 */
export function dependencyChecks(database: DatabaseHandle, bus: EventBus): DependencyCheck[] {
  return [
    { name: "database", check: () => database.ping() },
    { name: "event bus", check: () => bus.ping() },
    {
      name: "event consumers",
      check: async () => {
        const stalled = bus.stalledConsumers?.() ?? [];
        if (stalled.length > 0) throw new Error(`paused until a dependency is back: ${stalled.slice(0, 5).join(", ")}`);
      },
    },
  ];
}
