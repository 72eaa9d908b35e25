import { createHash } from "node:crypto";

/**
 * idFromRequest derives the id of a row a request creates from the caller and the request's request_id (an RFC
 * 9562 version 8 UUID over SHA-256): a retried request names the same row, which is found instead of made twice.
 * `kind` keeps a project and a section of one request_id apart.
 */
export function idFromRequest(kind: "project" | "section" | "task", userId: string, requestId: string): string {
  const bytes = createHash("sha256").update(`${kind}\u0000${userId}\u0000${requestId}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
