import { createHash } from "node:crypto";

/** genesisHash is the previous_hash of a user's first record. */
export const genesisHash = "0".repeat(64);

/** hashVersion names the canonical form, so a future change of form can be told apart from tampering. */
const hashVersion = "taskmesh.audit.v1";
/** hashVersion2 adds the record's project and the person who acted (shared projects, issue 15). */
const hashVersion2 = "taskmesh.audit.v2";

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
  /** projectId is the project the record is about ("" or absent: none, and records from before the column). */
  projectId?: string;
  /** actorUserId is the person who acted ("" or absent: the system, and records from before the column). */
  actorUserId?: string;
}

/**
 * canonicalRecord is the exact text a record's hash covers: a JSON array in fixed order, so field
 * boundaries cannot be shifted (unlike plain concatenation) and the form does not depend on key order.
 * A record with a project or an actor is hashed in form v2, which appends both; one with neither keeps form
 * v1, so every record written before them still verifies. The form follows from the fields themselves:
 * blanking a v2 record's project and actor, or giving a v1 record one, changes the form and so the hash.
 */
export function canonicalRecord(fields: HashedFields): string {
  const projectId = fields.projectId ?? "";
  const actorUserId = fields.actorUserId ?? "";
  const v2 = projectId !== "" || actorUserId !== "";
  return JSON.stringify([
    v2 ? hashVersion2 : hashVersion,
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
    ...(v2 ? [projectId, actorUserId] : []),
  ]);
}

/** recordHash is the lowercase hex SHA-256 of the record's canonical form. */
export function recordHash(fields: HashedFields): string {
  return createHash("sha256").update(canonicalRecord(fields), "utf8").digest("hex");
}
