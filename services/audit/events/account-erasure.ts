import { eq } from "drizzle-orm";
import { AccountDeletedSchema } from "../../../gen/todo/events/v1/audit_events_pb";
import { type EventHandler, on } from "../../platform/bus/typed-events";
import { auditEvents, chainHeads } from "../db/schema";
import { genesisHash } from "../domain/audit-hash";

/**
 * accountErasureHandlers erase a deleted account's audit chain. What the log keeps: the chain head as a
 * tombstone — the user id (a random UUID, no longer linked to any person), how many records there were,
 * the last hash and when it was erased — and nothing else: every record, with its payload and summary
 * text, is deleted. Why not keep hashes and blank the text? Each record's hash covers its text, so a
 * blanked record could no longer be checked, and the ids, times and event types left behind would
 * still describe the person's activity. Chains are per user, so dropping one leaves every other chain
 * verifiable, and the kept head still proves an exported copy of the erased chain matches what was
 * written. The database allows the deletion only for a head marked erased, which can never be unmarked
 * and stops every later append (an event of the account consumed after this one is dropped).
 */
export function accountErasureHandlers(): EventHandler[] {
  return [
    on(AccountDeletedSchema, async ({ meta }, tx) => {
      const now = new Date();
      await tx
        .insert(chainHeads)
        .values({ userId: meta.userId, sequence: 0, hash: genesisHash, erasedAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: chainHeads.userId, set: { erasedAt: now, updatedAt: now } });
      await tx.delete(auditEvents).where(eq(auditEvents.userId, meta.userId));
    }),
  ];
}
