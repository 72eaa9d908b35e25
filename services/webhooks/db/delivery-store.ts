import { and, desc, eq, inArray, lt, lte, sql } from "drizzle-orm";
import type { Db, Executor, Tx } from "../../platform/db/database";
import { rowsOf } from "../../platform/db/database";
import { deliveryIdOf } from "../domain/webhook-payload";
import { deliveries, endpoints, events } from "./schema";

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** DeliveryRow is one delivery as the log shows it, with its event's type and payload. */
export type DeliveryRow = typeof deliveries.$inferSelect & { eventType: string; payload: string };

/** KeptEvent is one consumed event, as stored for delivery and replay. */
export type KeptEvent = typeof events.$inferInsert & { occurredAt: Date };

/**
 * keepEvent stores a consumed event and queues a delivery to each of the user's endpoints subscribed to its
 * type that existed when it occurred, in the consumer's transaction; it returns how many were queued. A repeat changes nothing (ids are stable).
 */
export async function keepEvent(tx: Tx, event: KeptEvent): Promise<number> {
  await tx.insert(events).values(event).onConflictDoNothing();
  // Endpoints belong to accounts, whose ids are UUIDs: an envelope naming anything else has no endpoint.
  if (!uuidShape.test(event.userId)) return 0;
  const subscribed = await tx
    .select({ id: endpoints.id })
    .from(endpoints)
    .where(
      and(
        eq(endpoints.userId, event.userId),
        sql`${event.eventType} = any(${endpoints.eventTypes})`,
        // An endpoint hears what happens from its creation on; what came before is for a replay to send.
        lte(endpoints.createdAt, event.occurredAt),
      ),
    );
  if (subscribed.length === 0) return 0;
  return queueDeliveries(
    tx,
    subscribed.map((endpoint) => ({ ...event, endpointId: endpoint.id })),
  );
}

/**
 * queueDeliveries inserts a pending delivery of each event to its endpoint, with the stable id of the pair
 * (so its webhook-id); one already there is left as it is. It returns how many were queued.
 */
async function queueDeliveries(
  tx: Tx,
  queue: { endpointId: string; userId: string; eventId: string; orderingKey: string }[],
): Promise<number> {
  const queued = await tx
    .insert(deliveries)
    .values(
      queue.map(({ endpointId, userId, eventId, orderingKey }) => ({
        id: deliveryIdOf(endpointId, eventId),
        endpointId,
        userId,
        eventId,
        orderingKey,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: deliveries.id });
  return queued.length;
}

/** forgetUser removes a deleted account's endpoints, deliveries and kept events. */
export async function forgetUser(tx: Tx, userId: string): Promise<void> {
  await tx.delete(endpoints).where(eq(endpoints.userId, userId));
  await tx.delete(events).where(eq(events.userId, userId));
}

/** ClaimedDelivery is a leased delivery with what sending it needs. */
export interface ClaimedDelivery {
  id: string;
  endpointId: string;
  attempts: number;
  url: string;
  secret: string;
  payload: string;
  /** consumedAt: when the event was committed here (the latency benchmark's start is the producer's commit). */
  occurredAt: Date;
}

/**
 * claimDue leases up to `limit` due deliveries for `leaseMs`. A delivery is due when it is pending, its time
 * has come, no live lease holds it, and no earlier pending delivery of the same endpoint and ordering key
 * exists: a task's later event waits for its earlier one's success (or dead letter). SKIP LOCKED lets
 * replicas claim side by side without taking the same row.
 */
export async function claimDue(
  db: Db,
  limit: number,
  leaseMs: number,
  skipEndpoints: string[],
): Promise<ClaimedDelivery[]> {
  const skip =
    skipEndpoints.length > 0 ? sql`and c.endpoint_id <> all(${`{${skipEndpoints.join(",")}}`}::uuid[])` : sql``;
  const result = await db.execute(sql`
    with claimed as (
      update webhooks.deliveries d
         set leased_until = now() + ${leaseMs} * interval '1 millisecond'
       where d.id in (
         select c.id from webhooks.deliveries c
          where c.status = 'pending' and c.next_attempt_at <= now()
            and (c.leased_until is null or c.leased_until < now())
            ${skip}
            and not exists (
              select 1 from webhooks.deliveries e
               where e.endpoint_id = c.endpoint_id and e.ordering_key = c.ordering_key
                 and e.status = 'pending' and e.sequence < c.sequence)
          order by c.next_attempt_at, c.sequence
          limit ${limit}
          for update skip locked)
      returning d.id, d.endpoint_id, d.event_id, d.attempts)
    select claimed.id, claimed.endpoint_id, claimed.attempts, p.url, p.secret, e.payload, e.occurred_at
      from claimed
      join webhooks.endpoints p on p.id = claimed.endpoint_id
      join webhooks.events e on e.event_id = claimed.event_id`);
  return rowsOf<{
    id: string;
    endpoint_id: string;
    attempts: number;
    url: string;
    secret: string;
    payload: string;
    occurred_at: Date | string;
  }>(result).map((row) => ({
    id: row.id,
    endpointId: row.endpoint_id,
    attempts: row.attempts,
    url: row.url,
    secret: row.secret,
    payload: row.payload,
    occurredAt: new Date(row.occurred_at),
  }));
}

/** releaseLease gives a claimed delivery back untried (its endpoint was busy). */
export async function releaseLease(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(
    sql`update webhooks.deliveries set leased_until = null where id = any(${`{${ids.join(",")}}`}::uuid[])`,
  );
}

/** AttemptRecord is what one attempt ended with. */
export type AttemptRecord =
  | { kind: "succeeded"; at: Date; statusCode: number }
  | { kind: "retry"; at: Date; statusCode: number; error: string; nextAttemptAt: Date }
  | { kind: "dead"; at: Date; statusCode: number; error: string };

/** recordAttempt writes an attempt's outcome onto a delivery that is still pending. */
export async function recordAttempt(db: Db, id: string, attempts: number, outcome: AttemptRecord): Promise<void> {
  const common = {
    attempts,
    lastAttemptAt: outcome.at,
    lastStatusCode: outcome.statusCode,
    leasedUntil: null,
  };
  const change =
    outcome.kind === "succeeded"
      ? { ...common, status: "succeeded" as const, deliveredAt: outcome.at, lastError: "" }
      : outcome.kind === "retry"
        ? { ...common, lastError: outcome.error, nextAttemptAt: outcome.nextAttemptAt }
        : { ...common, status: "dead" as const, lastError: outcome.error };
  await db
    .update(deliveries)
    .set(change)
    .where(and(eq(deliveries.id, id), eq(deliveries.status, "pending")));
}

const logColumns = {
  id: deliveries.id,
  sequence: deliveries.sequence,
  endpointId: deliveries.endpointId,
  userId: deliveries.userId,
  eventId: deliveries.eventId,
  orderingKey: deliveries.orderingKey,
  status: deliveries.status,
  attempts: deliveries.attempts,
  nextAttemptAt: deliveries.nextAttemptAt,
  leasedUntil: deliveries.leasedUntil,
  lastAttemptAt: deliveries.lastAttemptAt,
  lastStatusCode: deliveries.lastStatusCode,
  lastError: deliveries.lastError,
  deliveredAt: deliveries.deliveredAt,
  createdAt: deliveries.createdAt,
  eventType: events.eventType,
  payload: events.payload,
};

/** listDeliveries is a page of an endpoint's log (the caller's own), newest first, before `beforeSequence`. */
export async function listDeliveries(
  db: Db,
  userId: string,
  endpointId: string,
  pageSize: number,
  beforeSequence: number | null,
): Promise<DeliveryRow[]> {
  return db
    .select(logColumns)
    .from(deliveries)
    .innerJoin(events, eq(events.eventId, deliveries.eventId))
    .where(
      and(
        eq(deliveries.userId, userId),
        eq(deliveries.endpointId, endpointId),
        beforeSequence === null ? undefined : lt(deliveries.sequence, beforeSequence),
      ),
    )
    .orderBy(desc(deliveries.sequence))
    .limit(pageSize);
}

/** redeliver makes the caller's delivery pending again, due now, with a fresh retry schedule. */
export async function redeliver(db: Db, userId: string, endpointId: string, id: string): Promise<DeliveryRow | null> {
  const updated = await db
    .update(deliveries)
    .set({ status: "pending", attempts: 0, nextAttemptAt: sql`now()`, leasedUntil: null, deliveredAt: null })
    .where(and(eq(deliveries.userId, userId), eq(deliveries.endpointId, endpointId), eq(deliveries.id, id)))
    .returning({ id: deliveries.id });
  if (updated.length === 0) return null;
  const [row] = await db
    .select(logColumns)
    .from(deliveries)
    .innerJoin(events, eq(events.eventId, deliveries.eventId))
    .where(eq(deliveries.id, id));
  return row ?? null;
}

/**
 * replaySince queues the endpoint every kept event of its types since `since` (at most `max`): finished
 * deliveries of them are replaced by new pending ones with the same ids (hence webhook-ids), inserted in the
 * order the events occurred so each task's events go out in order; pending ones are left to go on.
 */
export async function replaySince(
  db: Db,
  endpoint: { id: string; userId: string; eventTypes: string[] },
  since: Date,
  max: number,
): Promise<number> {
  return db.transaction(async (tx) => {
    const chosen = await tx
      .select({ eventId: events.eventId, orderingKey: events.orderingKey })
      .from(events)
      .where(
        and(
          eq(events.userId, endpoint.userId),
          sql`${events.occurredAt} >= ${since.toISOString()}`,
          inArray(events.eventType, endpoint.eventTypes),
        ),
      )
      .orderBy(events.occurredAt, events.eventId)
      .limit(max);
    if (chosen.length === 0) return 0;
    const ids = chosen.map((event) => deliveryIdOf(endpoint.id, event.eventId));
    await tx.execute(
      sql`delete from webhooks.deliveries where endpoint_id = ${endpoint.id} and status <> 'pending' and id = any(${`{${ids.join(",")}}`}::uuid[])`,
    );
    return queueDeliveries(
      tx,
      chosen.map((event) => ({ ...event, endpointId: endpoint.id, userId: endpoint.userId })),
    );
  });
}

/**
 * pruneHistory drops events consumed before `before` whose deliveries are all finished successfully (a
 * pending or dead delivery keeps its event, so nothing undelivered is lost); their log rows go with them.
 */
export async function pruneHistory(db: Executor, before: Date): Promise<void> {
  await db.execute(sql`
    delete from webhooks.events e
     where e.consumed_at < ${before.toISOString()}
       and not exists (select 1 from webhooks.deliveries d where d.event_id = e.event_id and d.status <> 'succeeded')`);
}
