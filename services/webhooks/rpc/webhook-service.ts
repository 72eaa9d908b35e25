import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { ServiceImpl } from "@connectrpc/connect";
import { randomUUIDv7 } from "bun";
import { z } from "zod";
import type { WebhookService } from "../../../gen/todo/v1/webhook_service_pb";
import { callerId } from "../../platform/auth/caller";
import type { Db } from "../../platform/db/database";
import { FailedPreconditionError, InvalidArgumentError, NotFoundError } from "../../platform/errors";
import { pageTokens } from "../../platform/page-token";
import type { WebhooksConfig } from "../config";
import {
  type AttemptRow,
  attemptsOf,
  type DeliveryRow,
  listDeliveries,
  redeliver,
  replaySince,
} from "../db/delivery-store";
import { deleteEndpoint, findEndpoint, insertEndpoint, listEndpoints } from "../db/endpoint-store";
import { checkTarget, type Resolver, TargetRefused } from "../delivery/resolve-target";
import { checkEventTypes, newEndpointSecret } from "../domain/endpoint-input";
import { toDelivery, toEndpoint } from "./webhook-mapper";

const logPages = pageTokens(z.object({ before: z.number().int().positive() }));
const defaultPageSize = 50;

/** WebhookServiceDeps: the database, the service's limits, and what to wake when deliveries are queued. */
export interface WebhookServiceDeps {
  db: Db;
  config: WebhooksConfig;
  queued: () => void;
  resolve?: Resolver;
}

/** webhookService answers for the caller's own endpoints only: every query is scoped by callerId. */
export function webhookService(deps: WebhookServiceDeps): ServiceImpl<typeof WebhookService> {
  const { db, config } = deps;
  /** withAttempts maps log rows with their kept attempts (one query for the page). */
  const withAttempts = async (rows: DeliveryRow[]) => {
    const byDelivery = new Map<string, AttemptRow[]>();
    for (const attempt of await attemptsOf(
      db,
      rows.map((row) => row.id),
    )) {
      byDelivery.set(attempt.deliveryId, [...(byDelivery.get(attempt.deliveryId) ?? []), attempt]);
    }
    return rows.map((row) => toDelivery(row, byDelivery.get(row.id)));
  };
  const ownEndpoint = async (userId: string, id: string) => {
    const endpoint = await findEndpoint(db, userId, id);
    if (!endpoint) throw new NotFoundError("no such webhook endpoint");
    return endpoint;
  };
  return {
    async createWebhookEndpoint(request, context) {
      const userId = callerId(context);
      const types = checkEventTypes(request.eventTypes);
      const violations = types.filter((entry) => typeof entry !== "string");
      try {
        await checkTarget(request.url, config.WEBHOOKS_ALLOWED_TARGETS, deps.resolve);
      } catch (error) {
        // A name that does not resolve (yet) is accepted: attempts retry it. A refused address is not.
        if (!(error instanceof TargetRefused)) throw error;
        if (!error.unresolvable) violations.unshift({ field: "url", description: error.message.replace(/^url /, "") });
      }
      if (violations.length > 0) throw new InvalidArgumentError(violations);
      const secret = newEndpointSecret();
      const row = {
        id: randomUUIDv7(),
        userId,
        url: request.url,
        eventTypes: types as string[],
        secret,
        createdAt: new Date(),
      };
      if (!(await insertEndpoint(db, row, config.WEBHOOKS_MAX_ENDPOINTS_PER_USER))) {
        throw new FailedPreconditionError(
          `at most ${config.WEBHOOKS_MAX_ENDPOINTS_PER_USER} webhook endpoints per user`,
        );
      }
      return { endpoint: toEndpoint(row), secret };
    },
    async listWebhookEndpoints(_request, context) {
      return { endpoints: (await listEndpoints(db, callerId(context))).map(toEndpoint) };
    },
    async deleteWebhookEndpoint(request, context) {
      if (!(await deleteEndpoint(db, callerId(context), request.id)))
        throw new NotFoundError("no such webhook endpoint");
      return {};
    },
    async listWebhookDeliveries(request, context) {
      const userId = callerId(context);
      await ownEndpoint(userId, request.endpointId);
      const pageSize = request.pageSize || defaultPageSize;
      const before = request.pageToken ? logPages.decode(request.pageToken, request.endpointId).before : null;
      const rows = await listDeliveries(db, userId, request.endpointId, pageSize + 1, before);
      const page = rows.slice(0, pageSize);
      const last = page[page.length - 1];
      return {
        deliveries: await withAttempts(page),
        nextPageToken:
          rows.length > pageSize && last ? logPages.encode({ before: last.sequence }, request.endpointId) : "",
      };
    },
    async redeliverWebhook(request, context) {
      const userId = callerId(context);
      const row = await redeliver(db, userId, request.endpointId, request.deliveryId);
      if (!row) throw new NotFoundError("no such webhook delivery");
      deps.queued();
      const [delivery] = await withAttempts([row]);
      return { delivery };
    },
    async replayWebhookEvents(request, context) {
      const userId = callerId(context);
      const since = timestampDate(request.since!);
      const oldest = Date.now() - config.WEBHOOKS_HISTORY_DAYS * 86_400_000;
      if (since.getTime() < oldest || since.getTime() > Date.now()) {
        throw new InvalidArgumentError([
          {
            field: "since",
            description: `must lie within the last ${config.WEBHOOKS_HISTORY_DAYS} days (the kept history)`,
          },
        ]);
      }
      const endpoint = await ownEndpoint(userId, request.endpointId);
      const queued = await replaySince(db, endpoint, since, config.WEBHOOKS_REPLAY_MAX_EVENTS);
      deps.queued();
      return { queued };
    },
  };
}
