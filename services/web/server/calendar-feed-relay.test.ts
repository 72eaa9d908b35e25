import { afterAll, expect, test } from "bun:test";
import { Code, ConnectError, createRouterTransport } from "@connectrpc/connect";
import { CalendarService } from "../../../gen/todo/v1/calendar_service_pb";
import { WebRoutes } from "../testing/web-routes";

const liveSecret = "L".repeat(43);
const busySecret = "B".repeat(43);
const downSecret = "D".repeat(43);
const document = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";

interface Seen {
  secret: string;
  only: string;
  ifNoneMatch: string;
  address: string | null;
  credential: string | null;
}

/** A stand-in orchestrator whose FetchCalendarFeed knows one feed, is busy for one secret and down for another. */
function orchestrator(seen: Seen[]) {
  return createRouterTransport((router) => {
    router.service(CalendarService, {
      fetchCalendarFeed(req, context) {
        seen.push({
          secret: req.secret,
          only: req.only,
          ifNoneMatch: req.ifNoneMatch,
          address: context.requestHeader.get("x-taskmesh-client-address"),
          credential: context.requestHeader.get("x-taskmesh-internal-token"),
        });
        if (req.secret === busySecret) throw new ConnectError("too many calendar fetches", Code.ResourceExhausted);
        if (req.secret === downSecret) throw new ConnectError("connection refused", Code.Unavailable);
        if (req.secret !== liveSecret) throw new ConnectError("no such calendar", Code.NotFound);
        if (req.ifNoneMatch === '"v1"') return { notModified: true, etag: '"v1"' };
        return { etag: '"v1"', document };
      },
    });
  });
}

const routes = new WebRoutes();
afterAll(() => routes.stop());

/** web's HTTP routes listening (Bun's router then ranks /calendar/:file above the app's wildcard, as in production). */
const web = (seen: Seen[]) => routes.start({ orchestrator: orchestrator(seen), env: { TRUSTED_PROXY_HOPS: "1" } });

test("stack mode: a feed URL reaches FetchCalendarFeed with the calendar app's address, and answers as the orchestrator does", async () => {
  const seen: Seen[] = [];
  const get = await web(seen);
  const forwarded = { "x-forwarded-for": "203.0.113.9" };
  const ok = await get(`/calendar/${liveSecret}.ics?only=todos`, forwarded);
  expect(ok.status).toBe(200);
  expect(await ok.text()).toBe(document);
  expect(ok.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  expect(ok.headers.get("cache-control")).toBe("private, max-age=300");
  expect(ok.headers.get("etag")).toBe('"v1"');
  expect(seen[0]).toEqual({
    secret: liveSecret,
    only: "todos",
    ifNoneMatch: "",
    address: "203.0.113.9",
    credential: "service-credential",
  });

  const current = await get(`/calendar/${liveSecret}.ics`, { ...forwarded, "if-none-match": '"v1"' });
  expect(current.status).toBe(304);
  expect(current.headers.get("etag")).toBe('"v1"');
  expect((await get(`/calendar/${"U".repeat(43)}.ics`)).status).toBe(404);
  const busy = await get(`/calendar/${busySecret}.ics`);
  expect(busy.status).toBe(429);
  expect(busy.headers.get("retry-after")).toBe("60");
  expect((await get(`/calendar/${downSecret}.ics`)).status).toBe(503);
  expect((await get(`/calendar/${liveSecret}.ics?only=everything`)).status).toBe(400);
  expect(seen.length).toBe(5);
});
