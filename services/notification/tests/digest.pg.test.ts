// Needs real Postgres (npm run infra:up). The real orchestrator runs beside two notification replicas (in-memory
// bus, in-process calls): the digest reads the profile (zone, language, verified address) with AuthService.GetMe and
// the day with FilterService.ListToday, as the user, and goes out through a real SMTP sink.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { eq } from "drizzle-orm";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { NotificationService } from "../../../gen/todo/v1/notification_service_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { addDays, formatLocalDate, startOfDay, toLocal } from "../../../vocabulary/time-zone";
import { createOrchestrator } from "../../orchestrator/orchestrator";
import type { ServiceModule } from "../../platform/service";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { codeOf } from "../../platform/testing/outcome";
import { connectClient } from "../../platform/testing/tokens";
import { waitFor } from "../../platform/testing/wait";
import { digests } from "../db/schema";
import { notificationFactory } from "../notification";
import { decodeMail } from "../testing/decode-mail";
import { type SmtpSink, startSmtpSink } from "../testing/smtp-sink";
import { verifyThroughLink } from "../testing/verify-email";

const env = { NOTIFICATION_DIGEST_POLL_MS: "200" };
let sink: SmtpSink;
let stack: TestStack;
let replicas: ServiceModule[] = [];

beforeAll(async () => {
  sink = await startSmtpSink();
  stack = await startTestStack([createOrchestrator, notificationFactory()], {
    kafka: false,
    env: { SMTP_URL: sink.url, ...env },
  });
  // A second replica of the notification service on the same database: its own digest poller.
  replicas = [await notificationFactory()(stack.deps)];
  await replicas[0]!.start?.();
}, 60_000);

afterAll(async () => {
  for (const replica of replicas) await replica.stop?.();
  await stack?.stop();
  await sink?.close();
}, 60_000);

interface Person {
  userId: string;
  email: string;
  zone: string;
  tasks: ReturnType<typeof connectClient<typeof TaskService>>;
  notifications: ReturnType<typeof connectClient<typeof NotificationService>>;
}

async function person(init: { zone: string; locale: "en" | "ur"; verify?: boolean }): Promise<Person> {
  const auth = connectClient(AuthService, stack.baseUrl);
  const email = `digest-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const { user, tokens } = await auth.register({
    email,
    password: "correct horse battery",
    displayName: "Digest",
    timeZone: init.zone,
    locale: init.locale,
  });
  if (init.verify !== false) expect(await verifyThroughLink(sink, email, stack.baseUrl)).toBe(200);
  const token = tokens!.accessToken;
  return {
    userId: user!.id,
    email,
    zone: init.zone,
    tasks: connectClient(TaskService, stack.baseUrl, token),
    notifications: connectClient(NotificationService, stack.baseUrl, token),
  };
}

/** seedDay gives the person a task overdue by days, one due at noon today and one tomorrow (their zone). */
async function seedDay(p: Person) {
  const today = toLocal(new Date(), p.zone);
  const noon = (days: number) => new Date(startOfDay(addDays(today, days), p.zone).getTime() + 12 * 3_600_000);
  await p.tasks.createTask({ title: "Pay the electricity bill", dueAt: timestampFromDate(noon(-3)) });
  await p.tasks.createTask({ title: "دودھ لانا", dueAt: timestampFromDate(noon(0)) });
  await p.tasks.createTask({ title: "Not yet: tomorrow", dueAt: timestampFromDate(noon(1)) });
  await p.tasks.createTask({ title: "No date at all" });
  return formatLocalDate(today);
}

const digestsTo = (p: Person) =>
  sink.received
    .filter((m) => m.to.includes(p.email))
    .map(decodeMail)
    .filter((m) => m.messageId.startsWith("<digest-"));

/** fireNow makes the person's digest due now, as if its time had come. */
const fireNow = (p: Person) =>
  stack.deps.database.db.update(digests).set({ nextRunAt: new Date() }).where(eq(digests.userId, p.userId));
const rowOf = async (p: Person) =>
  (await stack.deps.database.db.select().from(digests).where(eq(digests.userId, p.userId)))[0];

describe("daily digest", () => {
  test("once per local day across two replicas, in the user's zone and language (Urdu, Roman Urdu, English)", async () => {
    const urdu = await person({ zone: "Asia/Karachi", locale: "ur" });
    const roman = await person({ zone: "Asia/Karachi", locale: "en" });
    const english = await person({ zone: "America/New_York", locale: "en" });
    const days = new Map<Person, string>();
    for (const p of [urdu, roman, english]) days.set(p, await seedDay(p));
    const on = { emailEnabled: true, inAppEnabled: true, digestEnabled: true, digestTime: "00:00" };
    await urdu.notifications.updatePreferences({ preferences: on });
    await roman.notifications.updatePreferences({ preferences: { ...on, digestLanguage: "roman-ur" } });
    await english.notifications.updatePreferences({ preferences: on });

    // Armed for the next 00:00 in each zone (tomorrow): nothing goes out yet.
    for (const p of [urdu, roman, english]) {
      const row = (await rowOf(p))!;
      expect(row.timeZone).toBe(p.zone);
      expect(formatLocalDate(toLocal(row.nextRunAt, p.zone))).toBe(
        formatLocalDate(addDays(toLocal(new Date(), p.zone), 1)),
      );
    }
    await Bun.sleep(600);
    expect(digestsTo(urdu)).toHaveLength(0);

    for (const p of [urdu, roman, english]) await fireNow(p);
    await waitFor("three digests", () => [urdu, roman, english].every((p) => digestsTo(p).length > 0), 15_000);
    // Both replicas keep polling; a second copy would show by now.
    await Bun.sleep(1000);

    const [ur] = digestsTo(urdu);
    expect(digestsTo(urdu)).toHaveLength(1);
    expect(ur!.subject).toBe("آج کا خلاصہ: 1 تاخیر سے، 1 آج کے");
    expect(ur!.text).toContain("تاخیر سے (1):");
    expect(ur!.text).toContain("- Pay the electricity bill (");
    expect(ur!.text).toContain("- دودھ لانا (");
    expect(ur!.text).toContain("دوپہر 12 بجے");
    expect(ur!.text).not.toContain("tomorrow");
    expect(ur!.text).not.toContain("No date at all");
    expect(ur!.messageId).toBe(`<digest-${urdu.userId}-${days.get(urdu)}@taskmesh>`);

    const [ro] = digestsTo(roman);
    expect(digestsTo(roman)).toHaveLength(1);
    expect(ro!.subject).toBe("Aaj ka khulasa: 1 der se, 1 aaj ke");
    expect(ro!.text).toContain("dopahar 12 baje");

    const [en] = digestsTo(english);
    expect(digestsTo(english)).toHaveLength(1);
    expect(en!.subject).toBe("Your day: 1 overdue, 1 due today");
    expect(en!.text).toContain(`Your tasks for ${days.get(english)}.`);
    expect(en!.text).toContain("Due today (1):\n- دودھ لانا (");
    expect(en!.text).toContain(" 12:00)");

    // The day is recorded and the next run is the next local day's 00:00.
    for (const p of [urdu, roman, english]) {
      const row = (await rowOf(p))!;
      expect(row.lastSentDate).toBe(days.get(p)!);
      expect(row.nextRunAt.getTime()).toBeGreaterThan(Date.now());
      expect(row.leaseId).toBeNull();
    }

    // A restart: the second replica stops, a fresh one starts; made due again today, nothing is resent.
    await replicas[0]!.stop?.();
    replicas = [await notificationFactory()(stack.deps)];
    await replicas[0]!.start?.();
    for (const p of [urdu, roman, english]) await fireNow(p);
    await Bun.sleep(1500);
    for (const p of [urdu, roman, english]) expect(digestsTo(p)).toHaveLength(1);
  }, 90_000);

  test("a replica that died holding a digest: its lease runs out and another sends it, once", async () => {
    const p = await person({ zone: "Asia/Karachi", locale: "en" });
    await seedDay(p);
    await p.notifications.updatePreferences({
      preferences: { emailEnabled: true, inAppEnabled: true, digestEnabled: true, digestTime: "00:00" },
    });
    const now = Date.now();
    await stack.deps.database.db
      .update(digests)
      .set({ nextRunAt: new Date(now - 60_000), leaseId: crypto.randomUUID(), leaseUntil: new Date(now + 1500) })
      .where(eq(digests.userId, p.userId));
    await Bun.sleep(1000);
    expect(digestsTo(p)).toHaveLength(0);
    await waitFor("the digest after the lease ran out", () => digestsTo(p).length > 0, 10_000);
    await Bun.sleep(800);
    expect(digestsTo(p)).toHaveLength(1);
  }, 60_000);

  test("off by default, off again removes it; an unverified address gets none; an empty day sends nothing", async () => {
    const quiet = await person({ zone: "Asia/Karachi", locale: "en" });
    expect((await quiet.notifications.getPreferences({})).preferences).toMatchObject({
      emailEnabled: true,
      digestEnabled: false,
      digestTime: "",
    });
    await seedDay(quiet);
    const on = { emailEnabled: true, inAppEnabled: true, digestEnabled: true, digestTime: "06:30" };
    expect((await quiet.notifications.updatePreferences({ preferences: on })).preferences).toMatchObject(on);
    expect(await rowOf(quiet)).toBeDefined();
    await quiet.notifications.updatePreferences({ preferences: { ...on, digestEnabled: false } });
    expect(await rowOf(quiet)).toBeUndefined();

    const unverified = await person({ zone: "Asia/Karachi", locale: "en", verify: false });
    await seedDay(unverified);
    const empty = await person({ zone: "Asia/Karachi", locale: "en" });
    for (const p of [unverified, empty]) {
      await p.notifications.updatePreferences({ preferences: { ...on, digestTime: "00:00" } });
      await fireNow(p);
    }
    await waitFor(
      "both days settled",
      async () => (await rowOf(unverified))?.lastSentDate && (await rowOf(empty))?.lastSentDate,
      10_000,
    );
    expect(digestsTo(unverified)).toHaveLength(0);
    expect(digestsTo(empty)).toHaveLength(0);
  }, 60_000);

  test("bad digest preferences are InvalidArgument", async () => {
    const p = await person({ zone: "UTC", locale: "en", verify: false });
    const base = { emailEnabled: true, inAppEnabled: true, digestEnabled: true };
    expect(await codeOf(p.notifications.updatePreferences({ preferences: { ...base, digestTime: "25:00" } }))).toBe(
      "InvalidArgument",
    );
    expect(await codeOf(p.notifications.updatePreferences({ preferences: { ...base, digestTime: "7am" } }))).toBe(
      "InvalidArgument",
    );
    expect(await codeOf(p.notifications.updatePreferences({ preferences: { ...base, digestLanguage: "fr" } }))).toBe(
      "InvalidArgument",
    );
    expect(await rowOf(p)).toBeUndefined();
  }, 30_000);
});
