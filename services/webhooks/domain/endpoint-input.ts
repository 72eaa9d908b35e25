import { isWebhookEventType, type WebhookEventType } from "../../../vocabulary/webhook-event-types";
import type { FieldViolation } from "../../platform/errors";

/** checkEventTypes returns the subscribed types without repeats, or the violations naming each unknown one. */
export function checkEventTypes(names: readonly string[]): WebhookEventType[] | FieldViolation[] {
  const violations: FieldViolation[] = [];
  const chosen = new Set<WebhookEventType>();
  names.forEach((name, index) => {
    if (isWebhookEventType(name)) chosen.add(name);
    else violations.push({ field: `event_types[${index}]`, description: `"${name}" is not an event type` });
  });
  return violations.length > 0 ? violations : [...chosen];
}

/** newEndpointSecret is a Standard Webhooks signing secret: "whsec_" + base64 of 32 random bytes. */
export const newEndpointSecret = (): string =>
  `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64")}`;
