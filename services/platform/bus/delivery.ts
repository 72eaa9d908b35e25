import type { Logger } from "../logger";
import type { Metrics } from "../metrics";
import { dlqTopic, PoisonMessageError } from "./event-codec";
import type { ReceivedMessage, Subscription } from "./event-bus";

/** RetryPolicy: how often and how patiently a failing message is retried before the DLQ. */
export interface RetryPolicy {
  retries: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
}

/** describe renders an error with its cause chain for the DLQ header. */
const describe = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  return error.cause ? `${error.message}: ${describe(error.cause)}` : error.message;
};

export const defaultRetryPolicy: RetryPolicy = { retries: 4, initialBackoffMs: 100, maxBackoffMs: 2000 };

/**
 * deliver runs a subscription's handler for one message with retries and exponential backoff; a poison
 * message or one that keeps failing is published to `<topic>.dlq` with the error in headers, and the
 * consumer goes on. It resolves once the message is handled or dead-lettered: only then may the
 * caller commit its offset.
 */
export async function deliver(
  subscription: Subscription,
  message: ReceivedMessage,
  deadLetter: (topic: string, message: ReceivedMessage, headers: Record<string, string>) => Promise<void>,
  deps: { logger: Logger; metrics: Metrics; policy?: RetryPolicy; stopping?: () => boolean },
): Promise<void> {
  const policy = deps.policy ?? defaultRetryPolicy;
  const labels = { group: subscription.groupId, topic: message.topic };
  let attempt = 0;
  for (;;) {
    attempt += 1;
    try {
      await subscription.handle(message);
      deps.metrics.consumedEvents.inc({ ...labels, outcome: "ok" });
      return;
    } catch (error) {
      const poison = error instanceof PoisonMessageError;
      if (!poison && attempt <= policy.retries && !deps.stopping?.()) {
        const backoff = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** (attempt - 1));
        deps.logger.warn({ err: error, topic: message.topic, offset: message.offset, attempt, backoff }, "handler failed; retrying");
        await Bun.sleep(backoff);
        continue;
      }
      if (!poison && deps.stopping?.()) throw error;
      deps.logger.error({ err: error, topic: message.topic, offset: message.offset, attempt }, "dead-lettering message");
      await deadLetter(dlqTopic(message.topic), message, {
        "x-dlq-error": describe(error).slice(0, 1000),
        "x-dlq-original-topic": message.topic,
        "x-dlq-original-partition": String(message.partition),
        "x-dlq-original-offset": message.offset,
        "x-dlq-consumer-group": subscription.groupId,
        "x-dlq-attempts": String(attempt),
      });
      deps.metrics.consumedEvents.inc({ ...labels, outcome: "dead_lettered" });
      return;
    }
  }
}
