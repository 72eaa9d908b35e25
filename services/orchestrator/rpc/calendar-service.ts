import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { ServiceImpl } from "@connectrpc/connect";
import type { CalendarService } from "../../../gen/todo/v1/calendar_service_pb";
import { type CalendarFeed, CalendarFeedSchema } from "../../../gen/todo/v1/calendar_service_pb";
import { callerId } from "../../platform/auth/caller";
import { NotFoundError, RateLimitedError } from "../../platform/errors";
import { peerAddressKey } from "../../platform/request-context";
import type { FeedServer } from "../calendar/feed-server";
import type { CalendarFeedStore, FeedRow } from "../db/calendar-feed-store";
import { type FeedSecrets, feedPath } from "../domain/calendar-feed-secret";

/**
 * calendarService implements todo.v1.CalendarService: the caller's secret feed URLs, shown and replaced, and a
 * feed's document by its secret (a public procedure: the secret is the credential; the address counted is the
 * one a trusted relay names, see peerAddressKey).
 */
export function calendarService(deps: {
  feeds: CalendarFeedStore;
  secrets: FeedSecrets;
  /** publicUrl is the origin users open taskmesh at; feed URLs point there. */
  publicUrl: string;
  fetchFeed: FeedServer;
}): ServiceImpl<typeof CalendarService> {
  const toFeed = (row: FeedRow): CalendarFeed => {
    const url = new URL(feedPath(deps.secrets.secretOf(row.id)), deps.publicUrl).toString();
    return create(CalendarFeedSchema, {
      url,
      webcalUrl: url.replace(/^https?:/, "webcal:"),
      projectId: row.projectId ?? "",
      createdAt: timestampFromDate(row.createdAt),
    });
  };
  return {
    async getCalendarFeed(request, context) {
      return { feed: toFeed(await deps.feeds.ensure(callerId(context), request.projectId || null)) };
    },
    async regenerateCalendarFeed(request, context) {
      return { feed: toFeed(await deps.feeds.regenerate(callerId(context), request.projectId || null)) };
    },
    async fetchCalendarFeed(request, context) {
      const answer = await deps.fetchFeed({
        secret: request.secret,
        only: request.only,
        ifNoneMatch: request.ifNoneMatch || null,
        address: context.values.get(peerAddressKey),
      });
      switch (answer.kind) {
        case "limited":
          throw new RateLimitedError("too many calendar fetches", answer.retryAfterSeconds);
        case "missing":
          throw new NotFoundError("no such calendar");
        case "current":
          return { notModified: true, etag: answer.etag };
        case "document":
          return { etag: answer.etag, document: answer.body };
      }
    },
  };
}
