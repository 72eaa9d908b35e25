import { createHash } from "node:crypto";
import type { AnyElysia } from "elysia";
import type { Logger } from "../../platform/logger";
import type { Quota } from "../../platform/quota";
import type { CalendarFeedStore } from "../db/calendar-feed-store";
import { type FeedSecrets, feedSecretPattern } from "../domain/calendar-feed-secret";
import { type FeedOptions, feedDocument } from "./feed-document";

/** Which components a feed writes: both by default; `?only=todos` or `?only=events` for apps that show both twice. */
const views: Record<string, Pick<FeedOptions, "todos" | "events">> = {
  "": { todos: true, events: true },
  todos: { todos: true, events: false },
  events: { todos: false, events: true },
};

/**
 * feedFormat names the shape feedDocument writes; it is part of the ETag. Change it whenever the same tasks would
 * be written differently (a new property, another mapping), or clients keep the old document until a task changes.
 */
const feedFormat = "taskmesh feed 1";

const plain = (status: number, text: string, headers: Record<string, string> = {}) =>
  new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8", ...headers } });

/**
 * calendarFeedRoute serves GET /calendar/<secret>.ics with no bearer token: the URL's secret is the credential.
 * Every request spends one token of the caller's address (quota calendarFeedFetches) before anything is looked
 * up; an unknown secret costs the same hash and one unique-index lookup as a known one and answers 404. The
 * document is private to its owner but cacheable by them for 5 minutes, with an ETag (a hash of the tasks read and
 * the document's format) for conditional fetches.
 */
export function calendarFeedRoute(options: {
  feeds: CalendarFeedStore;
  secrets: FeedSecrets;
  fetches: Quota;
  logger: Logger;
}): (app: AnyElysia) => AnyElysia {
  const handle = async (request: Request, address: string, file: string): Promise<Response> => {
    const retryAfter = options.fetches.take(address);
    if (retryAfter > 0)
      return plain(429, "too many calendar fetches", { "retry-after": String(Math.ceil(retryAfter)) });
    const url = new URL(request.url);
    const view = views[url.searchParams.get("only") ?? ""];
    if (!view) return plain(400, 'only= takes "todos" or "events"');
    const secret = file.endsWith(".ics") ? file.slice(0, -4) : "";
    // Shape is checked before lookup; the hash is computed either way so a bad shape and a good one cost alike.
    const hash = options.secrets.hashOf(secret);
    const feed = feedSecretPattern.test(secret) ? await options.feeds.bySecretHash(hash) : undefined;
    if (!feed) return plain(404, "no such calendar");
    const name = feed.projectId
      ? `taskmesh: ${await options.feeds.projectName(feed.userId, feed.projectId).catch(() => "")}`
      : "taskmesh";
    const tasks = await options.feeds.tasks(feed);
    // The document is a function of these inputs, so their hash is its ETag: a 304 costs the read, not the writing.
    const etag = `"${createHash("sha256")
      .update(JSON.stringify([feedFormat, name, view, tasks]))
      .digest("base64url")}"`;
    const headers = {
      "cache-control": "private, max-age=300",
      etag,
      "referrer-policy": "no-referrer",
      "x-content-type-options": "nosniff",
    };
    const match = request.headers.get("if-none-match");
    if (match?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag))
      return new Response(null, { status: 304, headers });
    return new Response(feedDocument(tasks, { name, ...view }), {
      status: 200,
      headers: { ...headers, "content-type": "text/calendar; charset=utf-8" },
    });
  };
  return (app) =>
    app.get("/calendar/:file", async ({ request, server, params }) => {
      const address = server?.requestIP(request)?.address ?? "unknown";
      try {
        return await handle(request, address, params.file);
      } catch (error) {
        options.logger.error({ err: error }, "calendar feed failed");
        return plain(500, "internal error");
      }
    });
}
