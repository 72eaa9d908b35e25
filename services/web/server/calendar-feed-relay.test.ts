import { afterAll, expect, test } from "bun:test";
import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import { type AnyElysia, Elysia } from "elysia";
import { CalendarService } from "../../../gen/todo/v1/calendar_service_pb";
import { createLogger } from "../../platform/logger";
import type { ClientFactory } from "../../platform/rpc/clients";
import type { ServiceDeps } from "../../platform/service";
import { webFactory } from "../web";
import type { AppBundle } from "./app-bundle";

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
function orchestratorClients(seen: Seen[]): ClientFactory {
  const orchestrator = createRouterTransport((router) => {
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
  return { client: (service) => createClient(service, orchestrator) } as ClientFactory;
}

const index = new TextEncoder().encode("<!doctype html><title>taskmesh app</title>");
const bundle: AppBundle = {
  hash: "h",
  index: { urlPath: "/index.html", body: index, contentType: "text/html; charset=utf-8", immutable: false },
  files: new Map(),
  fromCache: true,
  ms: 0,
};

const listening: AnyElysia[] = [];
afterAll(() => Promise.all(listening.map((app) => app.stop(true))));

/** web's HTTP routes listening (Bun's router then ranks /calendar/:file above the app's wildcard, as in production). */
async function web(seen: Seen[]) {
  const deps = {
    mode: "stack",
    clients: orchestratorClients(seen),
    logger: createLogger("web-test", "silent"),
    dataDir: "/nonexistent",
    env: { TRUSTED_PROXY_HOPS: "1" },
    internalToken: "service-credential",
  } as unknown as ServiceDeps;
  const module = await webFactory({ bundle: async () => bundle })(deps);
  const app = module.extendHttp!(new Elysia()).listen({ hostname: "127.0.0.1", port: 0 });
  listening.push(app);
  return (path: string, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${app.server!.port}${path}`, { headers });
}

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
