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
 * webhookIdOf is the webhook-id header of a delivery: its row's id, made when the event is first queued to the
 * endpoint and kept through retries, redelivers and replays (one row per endpoint and event), so a receiver
 * dedupes on it.
 */
export const webhookIdOf = (deliveryId: string): string => `msg_${deliveryId}`;
