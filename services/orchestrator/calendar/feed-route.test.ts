import { expect, test } from "bun:test";
import { Elysia } from "elysia";
import { createLogger } from "../../platform/logger";
import { createTokenBuckets } from "../../platform/quota";
import type { CalendarFeedStore } from "../db/calendar-feed-store";
import { createFeedSecrets } from "../domain/calendar-feed-secret";
import { calendarFeedRoute } from "./feed-route";
import { createFeedServer } from "./feed-server";

const secrets = createFeedSecrets("internal-credential-for-tests");
const feedId = "0193a0e0-0000-7000-8000-0000000000aa";
const secret = secrets.secretOf(feedId);
const lookups: string[] = [];
const feeds = {
  async bySecretHash(hash: string) {
    lookups.push(hash);
    return hash === secrets.hashOf(secret)
      ? { id: feedId, userId: "u", projectId: null, createdAt: new Date() }
      : undefined;
  },
  async tasks() {
    return [];
  },
  async projectName() {
    return "";
  },
} as unknown as CalendarFeedStore;

const appWith = (capacity: number) =>
  calendarFeedRoute({
    fetchFeed: createFeedServer({ feeds, secrets, fetches: createTokenBuckets(capacity, 60) }),
    logger: createLogger("test", "fatal"),
  })(new Elysia());
const get = (app: ReturnType<typeof appWith>, path: string) => app.handle(new Request(`http://localhost${path}`));

test("the secret is 256 bits of base64url and the table's hash is not the secret", () => {
  expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(secrets.hashOf(secret)).toMatch(/^[0-9a-f]{64}$/);
  expect(secrets.secretOf(feedId)).toBe(secret);
  expect(createFeedSecrets("another credential").secretOf(feedId)).not.toBe(secret);
});

test("every fetch spends the address's quota before any lookup; past it 429 with retry-after", async () => {
  const app = appWith(2);
  expect((await get(app, `/calendar/${secret}.ics`)).status).toBe(200);
  expect((await get(app, `/calendar/${"B".repeat(43)}.ics`)).status).toBe(404);
  const before = lookups.length;
  const limited = await get(app, `/calendar/${secret}.ics`);
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(lookups.length).toBe(before);
});

test("a malformed secret is never looked up; a well-formed unknown one is, and both answer 404", async () => {
  const app = appWith(100);
  const before = lookups.length;
  expect((await get(app, "/calendar/short.ics")).status).toBe(404);
  expect((await get(app, `/calendar/${secret}`)).status).toBe(404);
  expect(lookups.length).toBe(before);
  expect((await get(app, `/calendar/${"C".repeat(43)}.ics`)).status).toBe(404);
  expect(lookups.length).toBe(before + 1);
});
