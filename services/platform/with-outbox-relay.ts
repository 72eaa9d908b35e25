import { type OutboxRelay, startOutboxRelay } from "./bus/outbox";
import type { OutboxTable } from "./db/event-tables";
import type { ServiceDeps, ServiceModule } from "./service";

/** RelayWaker is the side of a service's outbox relay its code sees: wake() after a commit that wrote events. */
export interface RelayWaker {
  /** wake asks the relay to publish now; before the module started (or after it stopped) it does nothing. */
  wake(): void;
}

/**
 * withOutboxRelay gives a module the relay of its outbox: `build` receives a waker it may hand to stores
 * and consumers at once (before start it is a no-op: the relay's first pass publishes whatever is pending),
 * and the returned module starts the relay before its own start() and stops it after its own stop(), so
 * events written while stopping still go out. The relay's name, and its advisory lock, is the module's appId.
 */
export function withOutboxRelay(
  deps: Pick<ServiceDeps, "database" | "bus" | "logger" | "metrics">,
  table: OutboxTable,
  build: (relay: RelayWaker) => ServiceModule,
): ServiceModule {
  let relay: OutboxRelay | undefined;
  const module = build({ wake: () => relay?.wake() });
  const { start, stop } = module;
  return {
    ...module,
    async start() {
      relay ??= startOutboxRelay({
        db: deps.database.db,
        table,
        bus: deps.bus,
        service: module.appId,
        logger: deps.logger,
        metrics: deps.metrics,
      });
      await start?.call(module);
    },
    async stop() {
      try {
        await stop?.call(module);
      } finally {
        const running = relay;
        relay = undefined;
        await running?.stop();
      }
    },
  };
}
