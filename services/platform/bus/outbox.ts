import { and, asc, count, inArray, isNotNull, isNull, lt, type SQL, sql } from "drizzle-orm";
import type { Db, Executor } from "../db/database";
import { rowsOf } from "../db/database";
import type { OutboxTable } from "../db/event-tables";
import type { Logger } from "../logger";
import type { Metrics } from "../metrics";
import { isTransientDependencyError, redactedError } from "../transient";
import type { EventBus } from "./event-bus";
import { type BusMessage, type EventMessage, encodeEvent } from "./event-codec";

/** OutgoingEvent is an event bound for a topic, keyed by its aggregate id. */
export interface OutgoingEvent {
  topic: string;
  key: string;
  event: EventMessage;
}

/** outboxRows encodes events as outbox rows. */
function outboxRows(source: string, events: OutgoingEvent[]) {
  return events.map(({ topic, key, event }) => {
    const encoded = encodeEvent(event, key, source);
    return {
      topic,
      key,
      eventId: encoded.headers.ce_id!,
      eventType: event.$typeName,
      payload: encoded.value,
      headers: encoded.headers,
    };
  });
}

/** enqueueEvents writes events to the outbox in the caller's transaction: they publish only if it commits. */
export async function enqueueEvents(
  tx: Executor,
  table: OutboxTable,
  source: string,
  events: OutgoingEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await tx.insert(table).values(outboxRows(source, events));
}

/**
 * enqueueEventsWhere is an insert of events into the outbox that writes them only if `condition` holds, to be
 * one part of a larger statement (a data-modifying CTE): the write and its events are then atomic without a
 * transaction. Each value is cast to its column's type, as a VALUES list outside an INSERT has none to infer.
 */
export function enqueueEventsWhere(table: OutboxTable, source: string, events: OutgoingEvent[], condition: SQL): SQL {
  if (events.length === 0) throw new Error("enqueueEventsWhere needs at least one event");
  const columns = (["topic", "key", "eventId", "eventType", "payload", "headers"] as const).map((name) => ({
    name,
    column: table[name],
  }));
  const values = outboxRows(source, events).map(
    (row) =>
      sql`(${sql.join(
        columns.map(({ name, column }) => sql`${sql.param(row[name], column)}::${sql.raw(column.getSQLType())}`),
        sql`, `,
      )})`,
  );
  return sql`insert into ${table} (${sql.join(
    columns.map(({ column }) => sql.identifier(column.name)),
    sql`, `,
  )})
    select * from (values ${sql.join(values, sql`, `)}) as events where ${condition}`;
}

export interface OutboxRelay {
  /** wake asks the relay to publish now instead of at its next poll. */
  wake(): void;
  /** stop finishes the batch in flight and stops. */
  stop(): Promise<void>;
}

export interface OutboxRelayOptions {
  db: Db;
  table: OutboxTable;
  bus: EventBus;
  service: string;
  logger: Logger;
  metrics: Metrics;
  batchSize?: number;
  pollMs?: number;
  /** Published rows older than this are purged. */
  retainMs?: number;
}

/**
 * startOutboxRelay publishes outbox rows in id order, in batches, and marks them published in the same
 * transaction. One relay per service holds an advisory lock at a time, so events of one key keep their
 * order even with several replicas. When the bus is down the batch rolls back and is retried with
 * backoff: rows stay until they are published.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { db, table, bus, logger, metrics, service } = options;
  const batchSize = options.batchSize ?? 500;
  const pollMs = options.pollMs ?? 250;
  const retainMs = options.retainMs ?? 60 * 60 * 1000;
  let running = true;
  let wakeUp: (() => void) | undefined;
  let pending = false;
  let failures = 0;
  let lastPurge = 0;

  /** publishBatch returns how many rows it published, or undefined when another replica holds the relay lock. */
  const publishBatch = () =>
    db.transaction(async (tx): Promise<number | undefined> => {
      const [lock] = rowsOf<{ locked: boolean }>(
        await tx.execute(sql`select pg_try_advisory_xact_lock(hashtext(${`outbox:${service}`})) as locked`),
      );
      if (!lock?.locked) return undefined;
      const rows = await tx
        .select()
        .from(table)
        .where(isNull(table.publishedAt))
        .orderBy(asc(table.id))
        .limit(batchSize);
      if (rows.length === 0) return 0;
      // One produce request for the whole batch: it is written or it is not, so a failure leaves
      // nothing half-published to repeat. Within a topic (and so within a key) rows keep their order.
      const byTopic = new Map<string, BusMessage[]>();
      for (const row of rows) {
        const messages = byTopic.get(row.topic) ?? [];
        messages.push({ key: row.key, value: row.payload, headers: row.headers });
        byTopic.set(row.topic, messages);
      }
      await bus.publishAll([...byTopic].map(([topic, messages]) => ({ topic, messages })));
      await tx
        .update(table)
        .set({ publishedAt: new Date() })
        .where(
          inArray(
            table.id,
            rows.map((r) => r.id),
          ),
        );
      return rows.length;
    });

  const purge = async () => {
    if (Date.now() - lastPurge < 60_000) return;
    lastPurge = Date.now();
    await db
      .delete(table)
      .where(and(isNotNull(table.publishedAt), lt(table.publishedAt, new Date(Date.now() - retainMs))));
  };
  /**
   * measureBacklog sets `outbox_backlog` on every pass. A pass that published a partial batch saw every
   * unpublished row, so the backlog is 0 without a query; otherwise (a full batch, a failure, another
   * replica's turn) it is counted through the partial index on unpublished rows. With the database down
   * the count fails too and the gauge keeps its last value.
   */
  let lastMeasured = 0;
  const countBacklog = async () => {
    try {
      const [backlog] = await db.select({ n: count() }).from(table).where(isNull(table.publishedAt));
      metrics.outboxBacklog.set({ service }, backlog?.n ?? 0);
      lastMeasured = Date.now();
    } catch {
      // The database is down as well; the publish failure was logged.
    }
  };
  const measureBacklog = async (published: number | undefined, failed: boolean) => {
    if (!failed && published !== undefined && published < batchSize) {
      metrics.outboxBacklog.set({ service }, 0);
      lastMeasured = Date.now();
      return;
    }
    await countBacklog();
  };
  // While the broker is away a pass takes seconds (the producer's own retries, then backoff): the gauge is
  // counted every second in between, so it is never more than a second behind the table.
  let counting = false;
  const backlogTimer = setInterval(() => {
    if (counting || Date.now() - lastMeasured < 500) return;
    counting = true;
    void countBacklog().finally(() => (counting = false));
  }, 250);
  backlogTimer.unref?.();

  const loop = (async () => {
    while (running) {
      // A short pause after a wake lets the commits of concurrent requests join one batch.
      if (pending) await Bun.sleep(5);
      pending = false;
      let published: number | undefined = 0;
      let failed = false;
      try {
        published = await publishBatch();
        if (failures > 0) logger.info({ failures }, "outbox relay recovered");
        failures = 0;
        metrics.outboxPublished.inc({ service }, published ?? 0);
        await purge();
      } catch (error) {
        failed = true;
        failures += 1;
        // A dependency outage (broker or database) is waited out for as long as it lasts; rows stay until published.
        if (failures === 1)
          logger.info(
            { err: redactedError(error), transient: isTransientDependencyError(error) },
            "outbox relay paused: publish failed; retrying with backoff",
          );
        else if (failures % 20 === 0)
          logger.warn({ err: redactedError(error), failures }, "outbox publish still failing; will retry");
      }
      await measureBacklog(published, failed);
      if (published === batchSize && failures === 0) continue;
      // Capped at 2 s: a relay waiting out an outage publishes within 2 s of the broker's (or database's) return.
      const wait = failures > 0 ? Math.min(2000, 100 * 2 ** Math.min(failures, 5)) : pollMs;
      if (!pending && running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      wakeUp = undefined;
    }
  })();

  return {
    wake() {
      pending = true;
      wakeUp?.();
    },
    async stop() {
      running = false;
      clearInterval(backlogTimer);
      wakeUp?.();
      await loop;
    },
  };
}
