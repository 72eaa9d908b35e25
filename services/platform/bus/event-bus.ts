import type { BusMessage } from "./event-codec";

/** ReceivedMessage is a bus message with where it came from. */
export interface ReceivedMessage extends BusMessage {
  topic: string;
  partition: number;
  offset: string;
}

/** Subscription is a consumer group's interest in topics; handle throws to retry, then dead-letter. */
export interface Subscription {
  groupId: string;
  topics: string[];
  handle: (message: ReceivedMessage) => Promise<void>;
  /**
   * handleBatch, when given, takes a run of one partition's messages at once (Kafka: up to 500 of a fetched
   * batch), e.g. to write them in one statement. If it throws, the bus handles those messages again one at a
   * time with `handle`, with its usual retries and dead-lettering (so, as always, handling must be idempotent).
   * The in-memory bus always uses `handle`.
   */
  handleBatch?: (messages: ReceivedMessage[]) => Promise<void>;
  /** fromBeginning: a new group reads retained history (durable consumers) or only new messages (live views). */
  fromBeginning?: boolean;
  /** concurrency: partitions handled at once (order is kept within a partition, i.e. per key). Default 1. */
  concurrency?: number;
  /** ephemeral: a live view's group, which commits nothing and is deleted when the replica stops. */
  ephemeral?: boolean;
}

/** EventBus is the one interface over Kafka (stack, Kubernetes) and the in-memory bus (embedded). */
export interface EventBus {
  readonly kind: "kafka" | "memory";
  ensureTopics(topics: string[]): Promise<void>;
  publish(topic: string, messages: BusMessage[]): Promise<void>;
  /** publishAll sends several topics' messages as one request where the bus can (one Kafka produce call). */
  publishAll(batches: { topic: string; messages: BusMessage[] }[]): Promise<void>;
  /** subscribe resolves once the consumer has joined its group (or after a few seconds, if the bus is down). */
  subscribe(subscription: Subscription): Promise<void>;
  ping(): Promise<void>;
  /** stalledConsumers lists "group topic/partition" whose handler waits for a dependency (readiness reports them). */
  stalledConsumers?(): string[];
  /** close stops consumers after their in-flight message, commits offsets and disconnects. */
  close(): Promise<void>;
}

/**
 * subscribeEveryReplica feeds a live view (WatchTasks, WatchNotifications): each replica reads every message
 * of the topics with a consumer group of its own, `<view>-<uuid>`, starting at the newest — all of them, not
 * a share, and no history (clients list what they missed when they reconnect). The group commits nothing and
 * is deleted when the replica stops; one left by a killed replica is swept by the next replica of the view.
 */
export function subscribeEveryReplica(
  bus: EventBus,
  view: string,
  topics: string[],
  handle: Subscription["handle"],
): Promise<void> {
  return bus.subscribe({
    groupId: `${view}-${crypto.randomUUID()}`,
    topics,
    fromBeginning: false,
    ephemeral: true,
    handle,
  });
}
