import { Code, ConnectError } from "@connectrpc/connect";
import type { AnyElysia } from "elysia";
import { CalendarService } from "../../../gen/todo/v1/calendar_service_pb";
import { type ClientFactory, clientAddressHeader, internalTokenHeader } from "../../platform/rpc/clients";
import { clientAddress } from "./client-address";
import type { ClientAddressTrust } from "./rpc-proxy";

const plain = (status: number, text: string, headers: Record<string, string> = {}) =>
  new Response(text, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers },
  });

/** The headers the orchestrator's own route sends with a feed (services/orchestrator/calendar/feed-route.ts). */
const feedHeaders = (etag: string): Record<string, string> => ({
  "cache-control": "private, max-age=300",
  etag,
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
});

/**
 * calendarFeedRelay serves a calendar feed URL (`GET /calendar/<secret>.ics`) where web fronts the services (stack
 * and Kubernetes modes): it asks the orchestrator's CalendarService.FetchCalendarFeed, naming the browser's address
 * beside the service credential so the per-address feed quota counts the calendar app and not web, and answers as
 * the orchestrator's own route does (200, 304, 404, 429). Without it the path would fall to the app's index.html.
 */
export function calendarFeedRelay(clients: ClientFactory, trust: ClientAddressTrust): (app: AnyElysia) => AnyElysia {
  const calendar = clients.client(CalendarService, "orchestrator");
  return (app) =>
    app.get("/calendar/:file", async ({ request, server, params }) => {
      const only = new URL(request.url).searchParams.get("only") ?? "";
      if (!["", "todos", "events"].includes(only)) return plain(400, 'only= takes "todos" or "events"');
      const peer = server?.requestIP(request)?.address ?? "unknown";
      const headers = new Headers({
        [clientAddressHeader]: clientAddress(peer, request.headers.get("x-forwarded-for"), trust.trustedProxyHops),
        [internalTokenHeader]: trust.internalToken,
      });
      try {
        const answer = await calendar.fetchCalendarFeed(
          {
            secret: params.file.endsWith(".ics") ? params.file.slice(0, -4).slice(0, 64) : "",
            only,
            ifNoneMatch: (request.headers.get("if-none-match") ?? "").slice(0, 1024),
          },
          { headers },
        );
        if (answer.notModified) return new Response(null, { status: 304, headers: feedHeaders(answer.etag) });
        return new Response(answer.document, {
          headers: { ...feedHeaders(answer.etag), "content-type": "text/calendar; charset=utf-8" },
        });
      } catch (error) {
        const code = ConnectError.from(error).code;
        if (code === Code.NotFound || code === Code.InvalidArgument) return plain(404, "no such calendar");
        if (code === Code.ResourceExhausted) return plain(429, "too many calendar fetches", { "retry-after": "60" });
        return plain(503, "taskmesh cannot read the calendar right now; try again in a minute", {
          "retry-after": "60",
        });
      }
    });
}
