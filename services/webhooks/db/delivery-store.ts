import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db, Executor, Tx } from "../../platform/db/database";
import { rowsOf } from "../../platform/db/database";
import { attempts, deliveries, endpoints, events, projectMembers, projectTree } from "./schema";

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** asUuid: an account id as the uuid columns take it, or null (an envelope naming anything else has no endpoint). */
const asUuid = (id: string) => (uuidShape.test(id) ? id : null);

/** Sub-projects deeper than this are not followed up to their top-level project (organise allows fewer). */
const treeDepthMax = 16;

/** DeliveryRow is one delivery as the log shows it, with its event's type and payload. */
export type DeliveryRow = typeof deliveries.$inferSelect & { eventType: string; payload: string };

/**
 * KeptEvent is one consumed event, as stored for delivery and replay. project names the project a task or project
 * event is about, for the members of its top-level project: `start` is where the walk up the tree begins (the
 * task's project, a project's parent or itself); `tree` records a project event's place in the tree.
 */
export interface KeptEvent {
  eventId: string;
  userId: string;
  eventType: string;
  orderingKey: string;
  occurredAt: Date;
  payload: string;
  project: { start: string; tree?: { id: string; parentId: string } } | null;
}

/**
 * keepEvents records consumed events as processed, keeps them (for replay) and queues a delivery to each endpoint
 * subscribed to an event's type that existed when it occurred: the owner's (meta.user_id), and those of the members
 * of its top-level project who had joined by then. One statement for the lot (data-modifying CTEs, atomic without
 * BEGIN/COMMIT), deliveries inserted in the events' order (so each task's keep it); an event already processed
 * changes nothing. A project event's place in the tree is seen by the events after it only in a later statement:
 * the caller ends a run at each project event. It returns how many deliveries were queued.
 */
export async function keepEvents(db: Executor, consumer: string, batch: readonly KeptEvent[]): Promise<number> {
  if (batch.length === 0) return 0;
  const rows = JSON.stringify(
    batch.map((event, ord) => ({
      ord,
      event_id: event.eventId,
      user_id: event.userId,
      owner: asUuid(event.userId),
      event_type: event.eventType,
      ordering_key: event.orderingKey,
      occurred_at: event.occurredAt.toISOString(),
      payload: event.payload,
      start: event.project?.start || null,
      tree_id: event.project?.tree?.id ?? null,
      tree_parent: event.project?.tree?.parentId || null,
    })),
  );
  const result = await db.execute(sql`
    with input as (
      select * from jsonb_to_recordset(${rows}::jsonb) as x(ord int, event_id text, user_id text, owner uuid,
        event_type text, ordering_key text, occurred_at timestamptz, payload text, start text, tree_id text,
        tree_parent text)
    ), recorded as (
      insert into webhooks.processed_events (consumer, event_id)
      select ${consumer}, event_id from input
      on conflict do nothing
      returning event_id
    ), fresh as (
      -- A message fetched twice in one batch counts once.
      select distinct on (i.event_id) i.* from input i where i.event_id in (select event_id from recorded)
       order by i.event_id, i.ord
    ), tree as (
      insert into webhooks.project_tree (project_id, parent_id)
      select distinct on (tree_id) tree_id, tree_parent from fresh where tree_id is not null order by tree_id, ord desc
      on conflict (project_id) do update set parent_id = excluded.parent_id
    ), rooted as (
      select f.*, case when f.start is null then null else coalesce((
        with recursive up(id, parent_id, n) as (
          select t.project_id, t.parent_id, 1 from webhooks.project_tree t where t.project_id = f.start
          union all
          select t.project_id, t.parent_id, up.n + 1 from webhooks.project_tree t join up on t.project_id = up.parent_id
           where up.n < ${treeDepthMax}
        ) select coalesce(up.parent_id, up.id) from up order by up.n desc limit 1), f.start) end as root
        from fresh f
    ), kept as (
      insert into webhooks.events (event_id, user_id, event_type, ordering_key, occurred_at, payload, shared_root)
      select event_id, user_id, event_type, ordering_key, occurred_at, payload, root from rooted
      on conflict do nothing
    ), targets as (
      select r.ord, r.event_id, r.ordering_key, p.id, p.user_id, null::text as shared_project_id
        from rooted r join webhooks.endpoints p on p.user_id = r.owner
       -- An endpoint hears what happens from its creation on; what came before is for a replay to send.
       where r.event_type = any(p.event_types) and p.created_at <= r.occurred_at
      union all
      select r.ord, r.event_id, r.ordering_key, p.id, p.user_id, m.project_id
        from rooted r
        join webhooks.project_members m on m.project_id = r.root and m.since <= r.occurred_at
        join webhooks.endpoints p on p.user_id = m.user_id
       where m.user_id is distinct from r.owner
         and r.event_type = any(p.event_types) and p.created_at <= r.occurred_at
    ), queued as (
      insert into webhooks.deliveries (id, endpoint_id, user_id, event_id, ordering_key, shared_project_id)
      select gen_random_uuid(), t.id, t.user_id, t.event_id, t.ordering_key, t.shared_project_id
        from targets t order by t.ord
      on conflict do nothing
      returning 1
    )
    select count(*)::int as queued from queued`);
  return rowsOf<{ queued: number }>(result)[0]?.queued ?? 0;
}

/** addMember records that a user joined a top-level project (InvitationAccepted) at `since`. */
export async function addMember(tx: Executor, projectId: string, userId: string, since: Date): Promise<void> {
  if (!asUuid(userId)) return;
  await tx
    .insert(projectMembers)
    .values({ projectId, userId, since })
    .onConflictDoUpdate({ target: [projectMembers.projectId, projectMembers.userId], set: { since } });
}

/**
 * removeMember ends a user's membership (MemberRemoved): nothing more is sent to their endpoints from the project,
 * and its deliveries to them, pending or logged, are removed (their payloads are the project's, no longer theirs
 * to see).
 */
export async function removeMember(tx: Executor, projectId: string, userId: string): Promise<void> {
  if (!asUuid(userId)) return;
  await tx
    .delete(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
  await tx.delete(deliveries).where(and(eq(deliveries.sharedProjectId, projectId), eq(deliveries.userId, userId)));
}

/**
 * transferProject follows ProjectOwnershipTransferred: the new owner stops being a member (their endpoints get the
 * project's events as its owner's now), the former owner becomes one, and every project of the tree is known to
 * belong under the top-level project.
 */
export async function transferProject(
  tx: Executor,
  change: { projectId: string; fromUserId: string; toUserId: string; projectIds: string[]; at: Date },
): Promise<void> {
  if (asUuid(change.toUserId)) {
    await tx
      .delete(projectMembers)
      .where(and(eq(projectMembers.projectId, change.projectId), eq(projectMembers.userId, change.toUserId)));
    // Their deliveries as a member are theirs as the owner now (else, no longer a member, they would never be
    // claimed, and would hold up the task's later deliveries to the same endpoint).
    await tx
      .update(deliveries)
      .set({ sharedProjectId: null })
      .where(and(eq(deliveries.sharedProjectId, change.projectId), eq(deliveries.userId, change.toUserId)));
  }
  await addMember(tx, change.projectId, change.fromUserId, change.at);
  const below = change.projectIds.filter((id) => id !== change.projectId);
  if (below.length > 0) {
    await tx
      .insert(projectTree)
      .values(below.map((projectId) => ({ projectId, parentId: change.projectId })))
      .onConflictDoNothing();
  }
}

/** forgetUser removes a deleted account's endpoints, deliveries, kept events and memberships. */
export async function forgetUser(tx: Tx, userId: string): Promise<void> {
  await tx.delete(endpoints).where(eq(endpoints.userId, userId));
  await tx.delete(events).where(eq(events.userId, userId));
  await tx.delete(projectMembers).where(eq(projectMembers.userId, userId));
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
            -- A member's delivery goes out only while they are a member (MemberRemoved also deletes it).
            and (c.shared_project_id is null or exists (
              select 1 from webhooks.project_members m
               where m.project_id = c.shared_project_id and m.user_id = c.user_id))
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

/** AttemptRecord is what one attempt of a delivery ended with. */
export type AttemptRecord = { id: string; attempt: number; at: Date; statusCode: number; durationMs: number } & (
  | { kind: "succeeded" }
  | { kind: "retry"; error: string; nextAttemptAt: Date }
  | { kind: "dead"; error: string }
);

/**
 * recordAttempts writes attempts' outcomes onto their deliveries that are still pending, and keeps each attempt
 * in the attempts log: one statement for a batch of attempts (the dispatcher's concurrent sends end together).
 */
export async function recordAttempts(db: Executor, records: readonly AttemptRecord[]): Promise<void> {
  if (records.length === 0) return;
  const values = sql.join(
    records.map(
      (r) =>
        sql`(${r.id}::uuid, ${r.attempt}::int, ${r.at.toISOString()}::timestamptz, ${r.statusCode}::int,
             ${r.kind === "succeeded" ? "" : r.error}::text, ${r.durationMs}::int, ${r.kind}::text,
             ${r.kind === "retry" ? r.nextAttemptAt.toISOString() : null}::timestamptz)`,
    ),
    sql`, `,
  );
  await db.execute(sql`
    with v(id, attempt, at, status_code, error, duration_ms, outcome, next_at) as (values ${values}),
    updated as (
      update webhooks.deliveries d
         set attempts = v.attempt, last_attempt_at = v.at, last_status_code = v.status_code, last_error = v.error,
             leased_until = null,
             status = case v.outcome when 'retry' then d.status else v.outcome end,
             delivered_at = case when v.outcome = 'succeeded' then v.at else d.delivered_at end,
             next_attempt_at = coalesce(v.next_at, d.next_attempt_at)
        from v
       where d.id = v.id and d.status = 'pending'
      returning d.id)
    insert into webhooks.attempts (delivery_id, attempt, attempted_at, status_code, error, duration_ms, succeeded)
    select v.id, v.attempt, v.at, v.status_code, v.error, v.duration_ms, v.outcome = 'succeeded'
      from v join updated on updated.id = v.id`);
}

/** AttemptRow is one kept attempt of a delivery. */
export type AttemptRow = typeof attempts.$inferSelect;

/** attemptsOf lists the kept attempts of some deliveries (a log page's), newest first. */
export async function attemptsOf(db: Executor, deliveryIds: readonly string[]): Promise<AttemptRow[]> {
  if (deliveryIds.length === 0) return [];
  return db
    .select()
    .from(attempts)
    .where(inArray(attempts.deliveryId, [...deliveryIds]))
    .orderBy(desc(attempts.id));
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
  sharedProjectId: deliveries.sharedProjectId,
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
 * replaySince queues the endpoint every kept event of its types since `since` (at most `max`): its owner's, and
 * those of the projects shared with its owner that occurred while they were a member. Finished deliveries of them
 * become pending again under the same ids (hence webhook-ids), new ones are inserted, all in the order the events
 * occurred (fresh sequence numbers) so each task's events go out in order; pending ones are left to go on. One
 * statement.
 */
export async function replaySince(
  db: Db,
  endpoint: { id: string; userId: string; eventTypes: string[] },
  since: Date,
  max: number,
): Promise<number> {
  const types = `{${endpoint.eventTypes.map((type) => `"${type}"`).join(",")}}`;
  const result = await db.execute(sql`
    with chosen as (
      select e.event_id, e.ordering_key, e.occurred_at, m.project_id as shared_project_id
        from webhooks.events e
        left join webhooks.project_members m
          on e.user_id <> ${endpoint.userId} and m.project_id = e.shared_root and m.user_id = ${endpoint.userId}::uuid
         and m.since <= e.occurred_at
       where e.occurred_at >= ${since.toISOString()}::timestamptz and e.event_type = any(${types}::text[])
         and (e.user_id = ${endpoint.userId} or m.project_id is not null)
       order by e.occurred_at, e.event_id
       limit ${max}
    ), queued as (
      insert into webhooks.deliveries as d (id, endpoint_id, user_id, event_id, ordering_key, shared_project_id)
      select gen_random_uuid(), ${endpoint.id}::uuid, ${endpoint.userId}::uuid, c.event_id, c.ordering_key,
             c.shared_project_id
        from chosen c order by c.occurred_at, c.event_id
      on conflict (endpoint_id, event_id) do update
         set status = 'pending', attempts = 0, next_attempt_at = now(), leased_until = null, delivered_at = null,
             sequence = nextval(pg_get_serial_sequence('webhooks.deliveries', 'sequence'))
       where d.status <> 'pending'
      returning 1
    )
    select count(*)::int as queued from queued`);
  return rowsOf<{ queued: number }>(result)[0]?.queued ?? 0;
}

/**
 * pruneHistory drops events consumed before `before` whose deliveries are all finished successfully (a
 * pending or dead delivery keeps its event, so nothing undelivered is lost); their log rows go with them. It trims
 * the attempts log to attempts since `attemptsSince`, and to the newest `attemptsKept` of each delivery.
 */
export async function pruneHistory(
  db: Executor,
  before: Date,
  attemptsLog: { since: Date; kept: number },
): Promise<void> {
  await db.execute(sql`
    delete from webhooks.events e
     where e.consumed_at < ${before.toISOString()}
       and not exists (select 1 from webhooks.deliveries d where d.event_id = e.event_id and d.status <> 'succeeded')`);
  await db.execute(sql`delete from webhooks.attempts where attempted_at < ${attemptsLog.since.toISOString()}`);
  await db.execute(sql`
    delete from webhooks.attempts a
     using (select id, row_number() over (partition by delivery_id order by id desc) as newer
              from webhooks.attempts
             where delivery_id in (
               select delivery_id from webhooks.attempts group by delivery_id having count(*) > ${attemptsLog.kept})) r
     where a.id = r.id and r.newer > ${attemptsLog.kept}`);
}
