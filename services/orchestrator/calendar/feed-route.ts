import type { AnyElysia } from "elysia";
import type { Logger } from "../../platform/logger";
import { type FeedServer, isFeedView } from "./feed-server";

const plain = (status: number, text: string, headers: Record<string, string> = {}) =>
  new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8", ...headers } });

/** feedHeaders: private to its owner, cacheable by them for 5 minutes, never sent on as a referrer. */
const feedHeaders = (etag: string): Record<string, string> => ({
  "cache-control": "private, max-age=300",
  etag,
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
});

/**
 * calendarFeedRoute serves GET /calendar/<secret>.ics with no bearer token (the URL's secret is the credential):
 * 200 with the document, 304 for a current If-None-Match, 404 for an unknown secret, 429 past the address's quota.
 */
export function calendarFeedRoute(options: { fetchFeed: FeedServer; logger: Logger }): (app: AnyElysia) => AnyElysia {
  const handle = async (request: Request, address: string, file: string): Promise<Response> => {
    const only = new URL(request.url).searchParams.get("only") ?? "";
    if (!isFeedView(only)) return plain(400, 'only= takes "todos" or "events"');
    const answer = await options.fetchFeed({
      secret: file.endsWith(".ics") ? file.slice(0, -4) : "",
      only,
      ifNoneMatch: request.headers.get("if-none-match"),
      address,
    });
    switch (answer.kind) {
      case "limited":
        return plain(429, "too many calendar fetches", { "retry-after": String(Math.ceil(answer.retryAfterSeconds)) });
      case "missing":
        return plain(404, "no such calendar");
      case "current":
        return new Response(null, { status: 304, headers: feedHeaders(answer.etag) });
      case "document":
        return new Response(answer.body, {
          headers: { ...feedHeaders(answer.etag), "content-type": "text/calendar; charset=utf-8" },
        });
    }
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
