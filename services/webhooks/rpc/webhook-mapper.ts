import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  WebhookAttemptSchema,
  type WebhookDelivery,
  WebhookDeliverySchema,
  WebhookDeliveryStatus,
  type WebhookEndpoint,
  WebhookEndpointSchema,
} from "../../../gen/todo/v1/webhook_service_pb";
import type { AttemptRow, DeliveryRow } from "../db/delivery-store";
import type { EndpointRow } from "../db/endpoint-store";
import { webhookIdOf } from "../domain/webhook-payload";

const statuses = {
  pending: WebhookDeliveryStatus.PENDING,
  succeeded: WebhookDeliveryStatus.SUCCEEDED,
  dead: WebhookDeliveryStatus.DEAD,
} as const;

/** toEndpoint maps a stored endpoint to the contract, leaving its secret out. */
export const toEndpoint = (row: EndpointRow): WebhookEndpoint =>
  create(WebhookEndpointSchema, {
    id: row.id,
    url: row.url,
    eventTypes: row.eventTypes,
    createdAt: timestampFromDate(row.createdAt),
  });

const timestampOrNothing = (date: Date | null) => (date ? timestampFromDate(date) : undefined);

/** toDelivery maps one log row, with its kept attempts (newest first), to the contract. */
export const toDelivery = (row: DeliveryRow, attempts: readonly AttemptRow[] = []): WebhookDelivery =>
  create(WebhookDeliverySchema, {
    id: row.id,
    webhookId: webhookIdOf(row.id),
    eventId: row.eventId,
    eventType: row.eventType,
    status: statuses[row.status],
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    createdAt: timestampFromDate(row.createdAt),
    lastAttemptAt: timestampOrNothing(row.lastAttemptAt),
    nextAttemptAt: row.status === "pending" ? timestampFromDate(row.nextAttemptAt) : undefined,
    deliveredAt: timestampOrNothing(row.deliveredAt),
    payload: row.payload,
    sharedProjectId: row.sharedProjectId ?? "",
    attemptHistory: attempts.map((attempt) =>
      create(WebhookAttemptSchema, {
        attempt: attempt.attempt,
        attemptedAt: timestampFromDate(attempt.attemptedAt),
        statusCode: attempt.statusCode,
        error: attempt.error,
        durationMs: attempt.durationMs,
        succeeded: attempt.succeeded,
      }),
    ),
  });
