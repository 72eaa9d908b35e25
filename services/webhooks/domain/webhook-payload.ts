import type { Message } from "@bufbuild/protobuf";
import { type DescMessage, type Registry, toJson } from "@bufbuild/protobuf";

/**
 * webhookPayload is the JSON body of a delivery, in the Standard Webhooks shape: the event type, when it
 * occurred, and the event itself as protobuf JSON (its envelope included: meta.eventId, meta.userId, …).
 */
export function webhookPayload(init: {
  type: string;
  occurredAt: Date;
  schema: DescMessage;
  event: Message;
  registry: Registry;
}): string {
  return JSON.stringify({
    type: init.type,
    timestamp: init.occurredAt.toISOString(),
    data: toJson(init.schema, init.event, { registry: init.registry }),
  });
}

/**
 * deliveryIdOf is the stable id of one event's delivery to one endpoint, hence its webhook-id (`msg_<id>`):
 * a UUID (version 8) from SHA-256 of both ids, so a redelivered message, a retry and a replay send the same id.
 */
export function deliveryIdOf(endpointId: string, eventId: string): string {
  const digest = new Bun.CryptoHasher("sha256").update(`${endpointId}:${eventId}`).digest();
  const bytes = digest.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** webhookIdOf is the webhook-id header of a delivery. */
export const webhookIdOf = (deliveryId: string): string => `msg_${deliveryId}`;
