import { Code, ConnectError } from "@connectrpc/connect";
import { InvalidArgumentError } from "../errors";
import type { Logger } from "../logger";
import type { Metrics } from "../metrics";
import { failedStatement, isTransientDependencyError, redactedError } from "../transient";
import type { ReceivedMessage, Subscription } from "./event-bus";
import { dlqTopic, PoisonMessageError } from "./event-codec";

/**
 * RetryPolicy: how a failing message is retried. A dependency outage (database, called service, broker) is
 * retried for as long as it takes, backing off up to `maxStallBackoffMs`; a failure of unknown kind is
 * retried `retries` times and then dead-lettered; a poison message is dead-lettered at once.
 */
export interface RetryPolicy {
  retries: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** maxStallBackoffMs caps the backoff while a dependency is down (default 2 s: back within that of its return). */
  maxStallBackoffMs?: number;
}

/** describe renders an error with its cause chain for the DLQ header. */
const describe = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const own = error.message.startsWith("Failed query:")
    ? `failed statement: ${failedStatement(error) ?? "unknown"}`
    : error.message;
  return error.cause ? `${own}: ${describe(error.cause)}` : own;
};

const defaultRetryPolicy: RetryPolicy = {
  retries: 4,
  initialBackoffMs: 100,
  maxBackoffMs: 2000,
  maxStallBackoffMs: 2000,
};

/** FailureKind is how a handler's failure is treated: poison → DLQ now, transient → wait it out, unknown → bounded retries. */
export type FailureKind = "poison" | "transient" | "unknown";

/** classifyFailure: undecodable or invalid input is poison; a dependency outage is transient. */
export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof PoisonMessageError || error instanceof InvalidArgumentError) return "poison";
  if (error instanceof ConnectError && error.code === Code.InvalidArgument) return "poison";
  if (isTransientDependencyError(error)) return "transient";
  return "unknown";
}

/** DeliveryHooks let the bus react while a dependency is down: pause the partition, keep its membership. */
export interface DeliveryHooks {
  /** stalled is called once when a message starts waiting for a dependency. */
  stalled?: (error: unknown) => void;
  /** recovered is called once the stalled message was handled. */
  recovered?: () => void;
  /** keepAlive runs during each backoff (a Kafka heartbeat), so a long outage does not cost the partition. */
  keepAlive?: () => Promise<void>;
}

/** DeliveryAbandoned: the consumer is stopping or lost the partition while waiting; the offset stays where it was. */
export class DeliveryAbandoned extends Error {
  constructor(cause: unknown) {
    super("delivery abandoned while retrying", { cause });
    this.name = "DeliveryAbandoned";
  }
}

/**
 * deliver runs a subscription's handler for one message. Poison goes to `<topic>.dlq` at once with the error
 * in headers; a dependency outage is retried with capped exponential backoff until it passes (never
 * dead-lettered); any other failure is retried `policy.retries` times and then dead-lettered. It resolves once
 * the message is handled or dead-lettered: only then may the caller commit its offset. When `stopping` turns
 * true during retries it throws DeliveryAbandoned, leaving the message to the next owner of the partition.
 */
export async function deliver(
  subscription: Subscription,
  message: ReceivedMessage,
  deadLetter: (topic: string, message: ReceivedMessage, headers: Record<string, string>) => Promise<void>,
  deps: { logger: Logger; metrics: Metrics; policy?: RetryPolicy; stopping?: () => boolean; hooks?: DeliveryHooks },
): Promise<void> {
  const policy = deps.policy ?? defaultRetryPolicy;
  const hooks = deps.hooks ?? {};
  const labels = { group: subscription.groupId, topic: message.topic };
  let attempt = 0;
  let unknownFailures = 0;
  let stalled = false;
  for (;;) {
    attempt += 1;
    try {
      await subscription.handle(message);
      if (stalled) hooks.recovered?.();
      deps.metrics.consumedEvents.inc({ ...labels, outcome: "ok" });
      return;
    } catch (error) {
      const kind = classifyFailure(error);
      if (kind === "unknown") unknownFailures += 1;
      const retry = kind === "transient" || (kind === "unknown" && unknownFailures <= policy.retries);
      if (retry) {
        if (deps.stopping?.()) throw new DeliveryAbandoned(error);
        const cap = kind === "transient" ? (policy.maxStallBackoffMs ?? 2000) : policy.maxBackoffMs;
        const backoff = Math.min(cap, policy.initialBackoffMs * 2 ** Math.min(attempt - 1, 20));
        if (kind === "transient" && !stalled) {
          stalled = true;
          hooks.stalled?.(error);
        }
        if (kind === "unknown" || attempt === 1 || attempt % 10 === 0) {
          deps.logger.warn(
            { err: redactedError(error), topic: message.topic, offset: message.offset, attempt, backoff, kind },
            "handler failed; retrying",
          );
        }
        await sleepAlive(backoff, hooks.keepAlive);
        continue;
      }
      if (stalled) hooks.recovered?.();
      deps.logger.error(
        { err: redactedError(error), topic: message.topic, offset: message.offset, attempt, kind },
        "dead-lettering message",
      );
      await deadLetter(dlqTopic(message.topic), message, {
        "x-dlq-error": describe(error).slice(0, 1000),
        "x-dlq-original-topic": message.topic,
        "x-dlq-original-partition": String(message.partition),
        "x-dlq-original-offset": message.offset,
        "x-dlq-consumer-group": subscription.groupId,
        "x-dlq-attempts": String(attempt),
        "x-dlq-kind": kind,
      });
      deps.metrics.consumedEvents.inc({ ...labels, outcome: "dead_lettered" });
      return;
    }
  }
}

/** sleepAlive waits `ms`, running keepAlive about every second so the consumer keeps its partitions. */
async function sleepAlive(ms: number, keepAlive?: () => Promise<void>): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const left = until - Date.now();
    if (left <= 0) return;
    await Bun.sleep(Math.min(left, 1000));
    await keepAlive?.().catch(() => {});
  }
}
