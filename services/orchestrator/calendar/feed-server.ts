import { createHash } from "node:crypto";
import type { Quota } from "../../platform/quota";
import type { CalendarFeedStore } from "../db/calendar-feed-store";
import { type FeedSecrets, feedSecretPattern } from "../domain/calendar-feed-secret";
import { type FeedOptions, feedDocument } from "./feed-document";

/** Which components a feed writes: both by default; `only=todos` or `only=events` for apps that would show both. */
const views: Record<string, Pick<FeedOptions, "todos" | "events">> = {
  "": { todos: true, events: true },
  todos: { todos: true, events: false },
  events: { todos: false, events: true },
};

/** isFeedView: is this a value `only` takes ("", "todos", "events")? */
export const isFeedView = (only: string): boolean => Object.hasOwn(views, only);

/**
 * feedFormat names the shape feedDocument writes; it is part of the ETag. Change it whenever the same tasks would
 * be written differently (a new property, another mapping), or clients keep the old document until a task changes.
 */
const feedFormat = "taskmesh feed 2";

/** FeedAnswer is what a fetch of a feed comes to, for the HTTP route and the RPC alike. */
export type FeedAnswer =
  | { kind: "limited"; retryAfterSeconds: number }
  | { kind: "missing" }
  | { kind: "current"; etag: string }
  | { kind: "document"; etag: string; body: string };

/** FeedFetch is one request for a feed: the URL's secret, the view, the client's If-None-Match, its address. */
export interface FeedFetch {
  secret: string;
  only: string;
  ifNoneMatch: string | null;
  address: string;
}

/**
 * createFeedServer answers feed fetches. Every fetch spends one token of the caller's address (quota
 * calendarFeedFetches) before anything is looked up; a malformed secret is not looked up; a well-formed unknown one
 * costs the same hash and one unique-index lookup as a known one. The ETag hashes the tasks read, the calendar's
 * name, the view and feedFormat: the document is a function of those, so a 304 costs the read and not the writing.
 */
export function createFeedServer(options: { feeds: CalendarFeedStore; secrets: FeedSecrets; fetches: Quota }) {
  return async function fetchFeed(request: FeedFetch): Promise<FeedAnswer> {
    const retryAfterSeconds = options.fetches.take(request.address);
    if (retryAfterSeconds > 0) return { kind: "limited", retryAfterSeconds };
    const view = views[request.only] ?? views[""]!;
    const hash = options.secrets.hashOf(request.secret);
    const feed = feedSecretPattern.test(request.secret) ? await options.feeds.bySecretHash(hash) : undefined;
    if (!feed) return { kind: "missing" };
    const name = feed.projectId
      ? `taskmesh: ${await options.feeds.projectName(feed.userId, feed.projectId).catch(() => "")}`
      : "taskmesh";
    const tasks = await options.feeds.tasks(feed);
    const etag = `"${createHash("sha256")
      .update(JSON.stringify([feedFormat, name, view, tasks]))
      .digest("base64url")}"`;
    const current = request.ifNoneMatch?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
    if (current) return { kind: "current", etag };
    return { kind: "document", etag, body: await feedDocument(tasks, { name, ...view }) };
  };
}

export type FeedServer = ReturnType<typeof createFeedServer>;
