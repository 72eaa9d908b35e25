import { createHash } from "node:crypto";

/** genesisHash is the previous_hash of a user's first record. */
export const genesisHash = "0".repeat(64);

/** hashVersion names the canonical form, so a future change of form can be told apart from tampering. */
const hashVersion = "taskmesh.audit.v1";

/** HashedFields are every column of an audit record except its own hash. */
export interface HashedFields {
  id: string;
  userId: string;
  sequence: number;
  eventId: string;
  eventType: string;
  topic: string;
  taskId: string;
  occurredAt: Date;
  recordedAt: Date;
  summary: string;
  payloadJson: string;
  previousHash: string;
}

/**
 * canonicalRecord is the exact text a record's hash covers: a JSON array in fixed order, so field
 * boundaries cannot be shifted (unlike plain concatenation) and the form does not depend on key order.
 */
export function canonicalRecord(fields: HashedFields): string {
  return JSON.stringify([
    hashVersion,
    fields.id,
    fields.userId,
    fields.sequence,
    fields.eventId,
    fields.eventType,
    fields.topic,
    fields.taskId,
    fields.occurredAt.toISOString(),
    fields.recordedAt.toISOString(),
    fields.summary,
    fields.payloadJson,
    fields.previousHash,
  ]);
}

/** recordHash is the lowercase hex SHA-256 of the record's canonical form. */
export function recordHash(fields: HashedFields): string {
  return createHash("sha256").update(canonicalRecord(fields), "utf8").digest("hex");
}
