import { WebhookService } from "../../gen/todo/v1/webhook_service_pb";
import { loadConfig } from "../platform/config";
import type { ServiceFactory } from "../platform/service";
import { webhooksConfigShape } from "./config";
import type { ClaimedDelivery } from "./db/delivery-store";
import { Dispatcher } from "./delivery/dispatcher";
import type { Resolver } from "./delivery/resolve-target";
import { subscribeWebhookEvents } from "./events/event-consumer";
import { webhookService } from "./rpc/webhook-service";

/** WebhooksOptions are test seams: a DNS resolver, and a hook on each delivery that succeeded (the benchmark). */
export interface WebhooksOptions {
  resolve?: Resolver;
  delivered?: (delivery: ClaimedDelivery, at: Date) => void;
}

/**
 * webhooksFactory wires the webhooks service: WebhookService (the caller's endpoints, delivery log, redeliver,
 * replay), the consumer of task-events and audit-events that keeps each user's events and queues deliveries,
 * and the dispatcher that sends them. Its own process in stack and Kubernetes modes, so a slow receiver never
 * delays another service's work.
 */
export function webhooksFactory(options: WebhooksOptions = {}): ServiceFactory {
  return async (deps) => {
    const config = loadConfig(webhooksConfigShape, deps.env);
    const db = deps.database.db;
    const dispatcher = new Dispatcher({
      db,
      logger: deps.logger.child({ component: "webhook-dispatcher" }),
      registry: deps.metrics.registry,
      limits: {
        timeoutMs: config.WEBHOOKS_ATTEMPT_TIMEOUT_MS,
        responseMaxBytes: config.WEBHOOKS_RESPONSE_MAX_BYTES,
        policy: config.WEBHOOKS_ALLOWED_TARGETS,
        resolve: options.resolve,
      },
      schedule: config.WEBHOOKS_RETRY_SCHEDULE_MS,
      concurrency: config.WEBHOOKS_CONCURRENCY,
      endpointConcurrency: config.WEBHOOKS_ENDPOINT_CONCURRENCY,
      pollMs: config.WEBHOOKS_POLL_MS,
      historyDays: config.WEBHOOKS_HISTORY_DAYS,
      attemptsLog: { kept: config.WEBHOOKS_ATTEMPTS_KEPT, days: config.WEBHOOKS_ATTEMPT_RETENTION_DAYS },
      delivered: options.delivered,
    });
    const queued = () => dispatcher.wake();
    return {
      appId: "webhooks",
      services: [WebhookService],
      routes: (router) =>
        router.service(WebhookService, webhookService({ db, config, queued, resolve: options.resolve })),
      migrations: { folder: `${import.meta.dir}/db/migrations`, schema: "webhooks" },
      async start() {
        await subscribeWebhookEvents(deps.bus, db, config.WEBHOOKS_CONSUMER_GROUP, queued);
        dispatcher.start();
        deps.logger.info({ group: config.WEBHOOKS_CONSUMER_GROUP }, "webhooks consumer and dispatcher started");
      },
      async stop() {
        await dispatcher.stop();
      },
    };
  };
}

/** createWebhooks is the webhooks service as embedded mode and its own process run it. */
export const createWebhooks: ServiceFactory = webhooksFactory();
