import type { Logger } from "../logger";
import type { Metrics } from "../metrics";
import { deliver, type RetryPolicy } from "./delivery";
import type { EventBus, ReceivedMessage, Subscription } from "./event-bus";
import type { BusMessage } from "./event-codec";

interface Group {
  subscription: Subscription;
  queue: ReceivedMessage[];
  draining: Promise<void> | undefined;
}

/**
 * createMemoryBus is the EventBus for embedded mode: one process, no broker. Each consumer group
 * gets every message of its topics in publish order, handled one at a time with the same retry and
 * DLQ rules as Kafka. Nothing survives a restart — the outbox is the durable part.
 */
export function createMemoryBus(deps: { logger: Logger; metrics: Metrics; retryPolicy?: RetryPolicy }): EventBus {
  const groups: Group[] = [];
  const stalled = new Set<string>();
  const offsets = new Map<string, number>();
  let closed = false;

  const drain = (group: Group): Promise<void> => {
    group.draining ??= (async () => {
      while (group.queue.length > 0 && !closed) {
        const message = group.queue.shift()!;
        await deliver(
          group.subscription,
          message,
          (topic, m, headers) =>
            publish(topic, [{ key: m.key, value: m.value, headers: { ...m.headers, ...headers } }]),
          {
            ...deps,
            policy: deps.retryPolicy,
            stopping: () => closed,
            hooks: {
              stalled: () => stalled.add(group.subscription.groupId),
              recovered: () => stalled.delete(group.subscription.groupId),
            },
          },
        ).catch((error) => deps.logger.error({ err: error }, "memory bus delivery failed"));
      }
      group.draining = undefined;
    })();
    return group.draining;
  };

  const publish = async (topic: string, messages: BusMessage[]) => {
    for (const message of messages) {
      const offset = offsets.get(topic) ?? 0;
      offsets.set(topic, offset + 1);
      for (const group of groups) {
        if (!group.subscription.topics.includes(topic)) continue;
        group.queue.push({ ...message, topic, partition: 0, offset: String(offset) });
        void drain(group);
      }
    }
  };

  return {
    kind: "memory",
    async ensureTopics() {},
    publish,
    async publishAll(batches) {
      for (const { topic, messages } of batches) await publish(topic, messages);
    },
    async subscribe(subscription) {
      // Like Kafka, a group consumes each message once: a second subscriber of the same group gets nothing
      // a first one already has (in one process that is only ever the same consumer registered twice).
      if (groups.some((g) => g.subscription.groupId === subscription.groupId)) return;
      groups.push({ subscription, queue: [], draining: undefined });
    },
    async ping() {},
    stalledConsumers: () => [...stalled],
    async close() {
      closed = true;
      await Promise.allSettled(groups.map((g) => g.draining));
    },
  };
}
