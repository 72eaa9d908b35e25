import { randomUUIDv7 } from "bun";
import { and, asc, desc, eq, gt, inArray, lt, notInArray, or, type SQL, sql } from "drizzle-orm";
import type { Db, Executor } from "../../platform/db/database";
import { actorKindName } from "../domain/actor";
import { genesisHash, recordHash } from "../domain/audit-hash";
import { type ChainHead, type ChainVerdict, ChainVerifier, emptyHead } from "../domain/chain-verifier";
import { type AuditQuery, manyChains } from "../domain/list-query";
import { ownerOnlyTypes } from "../domain/record-scope";
import { projectTree, sharedWith } from "./project-tree";
import { auditEvents, chainHeads } from "./schema";

/** AuditRecord is one stored row of the log. */
export type AuditRecord = typeof auditEvents.$inferSelect;

/** NewAuditEntry is what a consumer knows about an event; the store adds id, chain position and hashes. */
export interface NewAuditEntry {
  userId: string;
  eventId: string;
  eventType: string;
  topic: string;
  taskId: string;
  occurredAt: Date;
  summary: string;
  payloadJson: string;
  /** projectId is the project the event is about (domain/record-scope.ts), "" for none. */
  projectId?: string;
  /** actorUserId is the person who acted, "" for the system. */
  actorUserId?: string;
}

/**
 * appendAuditEntry adds an entry at the end of its user's chain, in the caller's transaction. The
 * upsert locks the user's head row until commit, so concurrent appends for one user queue up and
 * each sees the head the previous one left. An event id already in the log is not added again, and
 * nothing is added to an erased account's chain. Returns the new record, or undefined when nothing was added.
 */
export async function appendAuditEntry(
  tx: Executor,
  entry: NewAuditEntry,
  now = new Date(),
): Promise<AuditRecord | undefined> {
  const [head] = await tx
    .insert(chainHeads)
    .values({ userId: entry.userId, sequence: 0, hash: genesisHash })
    .onConflictDoUpdate({ target: chainHeads.userId, set: { userId: sql`excluded.user_id` } })
    .returning({ sequence: chainHeads.sequence, hash: chainHeads.hash, erasedAt: chainHeads.erasedAt });
  if (!head) throw new Error(`could not lock the audit chain of user ${entry.userId}`);
  if (head.erasedAt) return undefined;
  const fields = {
    ...entry,
    id: randomUUIDv7(),
    sequence: head.sequence + 1,
    recordedAt: now,
    previousHash: head.hash,
  };
  const record = { ...fields, hash: recordHash(fields) };
  const inserted = await tx
    .insert(auditEvents)
    .values(record)
    .onConflictDoNothing({ target: auditEvents.eventId })
    .returning();
  if (inserted.length === 0) return undefined;
  await tx
    .update(chainHeads)
    .set({ sequence: record.sequence, hash: record.hash, updatedAt: now })
    .where(eq(chainHeads.userId, entry.userId));
  return inserted[0];
}

/**
 * readableBy is which records a listing reads: the caller's own chain; with includeShared also the slices of
 * the owners' chains for every project shared with the caller; with projectId only that project tree's records,
 * from every chain (mayReadProject checked the caller may). A member never reads a project's invitation records
 * (ownerOnlyTypes) in another's chain.
 */
function readableBy(userId: string, filter: AuditQuery["filter"]): SQL {
  const own = eq(auditEvents.userId, userId);
  const notOwnerOnly = notInArray(auditEvents.eventType, [...ownerOnlyTypes]);
  const inProjects = (ids: SQL) => sql`${auditEvents.projectId} = any(${ids})`;
  if (filter.projectId) return and(inProjects(projectTree(filter.projectId)), or(own, notOwnerOnly))!;
  if (filter.includeShared) return or(own, and(inProjects(sharedWith(userId)), notOwnerOnly))!;
  return own;
}

/**
 * listAuditRecords returns one page of the records the caller may read, newest first: their own chain alone by
 * sequence (as before sharing), several chains (includeShared, projectId) by id, a UUIDv7 made at append time.
 */
export async function listAuditRecords(
  db: Executor,
  userId: string,
  query: AuditQuery,
): Promise<{ records: AuditRecord[]; more: boolean }> {
  const { filter } = query;
  const conditions: SQL[] = [readableBy(userId, filter)];
  if (filter.actorUserId) conditions.push(eq(auditEvents.actorUserId, filter.actorUserId));
  if (query.beforeId !== undefined) conditions.push(lt(auditEvents.id, query.beforeId));
  if (filter.taskId) conditions.push(eq(auditEvents.taskId, filter.taskId));
  if (filter.eventTypes.length > 0) conditions.push(inArray(auditEvents.eventType, filter.eventTypes));
  if (filter.occurredAfter) conditions.push(gt(auditEvents.occurredAt, filter.occurredAfter));
  if (filter.occurredBefore) conditions.push(lt(auditEvents.occurredAt, filter.occurredBefore));
  if (query.beforeSequence !== undefined) conditions.push(lt(auditEvents.sequence, query.beforeSequence));
  if (filter.actorKinds?.length) {
    // The actor lives in the hashed payload (no column of its own, so no migration and nothing outside the hash);
    // an envelope without one is the system's (UNSPECIFIED, which protobuf JSON leaves out).
    const names = filter.actorKinds.map(actorKindName);
    conditions.push(
      inArray(
        sql`coalesce((${auditEvents.payloadJson})::jsonb #>> '{meta,actorKind}', 'ACTOR_KIND_UNSPECIFIED')`,
        names,
      ),
    );
  }
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(manyChains(filter) ? desc(auditEvents.id) : desc(auditEvents.sequence))
    .limit(query.pageSize + 1);
  return { records: rows.slice(0, query.pageSize), more: rows.length > query.pageSize };
}

const verifyBatchSize = 1000;

/**
 * verifyUserChain recomputes a user's chain in sequence order, a batch at a time, inside one
 * repeatable-read snapshot so the head and the records read agree even while appends go on.
 */
export async function verifyUserChain(db: Db, userId: string): Promise<ChainVerdict> {
  return db.transaction(
    async (tx) => {
      const [stored] = await tx
        .select({ sequence: chainHeads.sequence, hash: chainHeads.hash })
        .from(chainHeads)
        .where(eq(chainHeads.userId, userId));
      const head: ChainHead = stored ?? emptyHead;
      const verifier = new ChainVerifier();
      let after = 0;
      for (;;) {
        const batch = await tx
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.userId, userId), gt(auditEvents.sequence, after)))
          .orderBy(asc(auditEvents.sequence))
          .limit(verifyBatchSize);
        const intact = batch.every((record) => verifier.add(record));
        if (!intact || batch.length < verifyBatchSize) break;
        after = batch[batch.length - 1]!.sequence;
      }
      return verifier.finish(head);
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}
