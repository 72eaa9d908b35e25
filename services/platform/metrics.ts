import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** Metrics is the Prometheus registry a service exposes on /metrics. */
export interface Metrics {
  registry: Registry;
  rpcRequests: Counter<"service" | "method" | "code">;
  rpcDuration: Histogram<"service" | "method">;
  consumerLag: Gauge<"group" | "topic" | "partition">;
  consumedEvents: Counter<"group" | "topic" | "outcome">;
  outboxBacklog: Gauge<"service">;
  outboxPublished: Counter<"service">;
}

/** createMetrics builds a fresh registry (one per process) with the standard taskmesh metrics. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    rpcRequests: new Counter({
      name: "rpc_requests_total",
      help: "RPCs handled, by service, method and Connect code",
      labelNames: ["service", "method", "code"],
      registers: [registry],
    }),
    rpcDuration: new Histogram({
      name: "rpc_duration_seconds",
      help: "RPC handling latency",
      labelNames: ["service", "method"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    consumerLag: new Gauge({
      name: "event_consumer_lag",
      help: "Messages between the consumer's position and the partition's end",
      labelNames: ["group", "topic", "partition"],
      registers: [registry],
    }),
    consumedEvents: new Counter({
      name: "events_consumed_total",
      help: "Events handled by consumers, by outcome (ok, duplicate, dead_lettered)",
      labelNames: ["group", "topic", "outcome"],
      registers: [registry],
    }),
    outboxBacklog: new Gauge({
      name: "outbox_backlog",
      help: "Outbox rows not yet published",
      labelNames: ["service"],
      registers: [registry],
    }),
    outboxPublished: new Counter({
      name: "outbox_published_total",
      help: "Outbox rows published to the event bus",
      labelNames: ["service"],
      registers: [registry],
    }),
  };
}
