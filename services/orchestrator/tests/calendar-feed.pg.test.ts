import { afterAll, beforeAll, expect, test } from "bun:test";
import { durationFromMs, timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import ICAL from "ical.js";
import postgres from "postgres";
import { CalendarService } from "../../../gen/todo/v1/calendar_service_pb";
import { ProjectService } from "../../../gen/todo/v1/project_service_pb";
import { Priority, RepeatFrom, type Task } from "../../../gen/todo/v1/task_pb";
import { nextOccurrence } from "../../../vocabulary/recurrence/expand";
import { formatLocalDate, toLocal } from "../../../vocabulary/time-zone";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { connectClient } from "../../platform/testing/tokens";
import { icalPriority } from "../calendar/feed-document";
import { feedLimits } from "../db/calendar-feed-store";
import { createOrchestrator } from "../orchestrator";
import { parseWithPython } from "../testing/python-icalendar";
import { registerSession, type Session } from "../testing/session";

const publicUrl = "https://tasks.example.org";
const at = (iso: string) => timestampFromDate(new Date(iso));
const injection = "first line\r\nATTENDEE:mailto:evil@example.com\rEND:VTODO\nBEGIN:VEVENT\r\nSUMMARY:forged";

let stack: TestStack;
let alice: Session;
let bob: Session;
const aliceTasks: Task[] = [];

const calendarOf = (session: Session) => connectClient(CalendarService, stack.baseUrl, session.accessToken);
/** fetchFeed opens a feed URL on the test stack (the URL names PUBLIC_URL's origin, as users see it). */
const fetchFeed = (url: string, headers: Record<string, string> = {}) => {
  const { pathname, search } = new URL(url);
  return fetch(`${stack.baseUrl}${pathname}${search}`, { headers });
};

beforeAll(async () => {
  stack = await startTestStack([createOrchestrator], {
    kafka: false,
    env: { PUBLIC_URL: publicUrl, QUOTA_CALENDAR_FEED_FETCHES_PER_MINUTE: "1000" },
  });
  [alice, bob] = await Promise.all([
    registerSession(stack.baseUrl, { timeZone: "Asia/Karachi" }),
    registerSession(stack.baseUrl, { timeZone: "America/New_York" }),
  ]);
  const make = async (request: Parameters<Session["tasks"]["createTask"]>[0]) => {
    const { task } = await alice.tasks.createTask(request);
    aliceTasks.push(task!);
    return task!;
  };
  // Third of ten weekly Mondays at 09:00 Karachi, reminded 15 minutes before; text that tries to break out.
  await make({
    title: "Groceries, milk; eggs \\ BEGIN:VALARM",
    description: injection,
    priority: Priority.HIGH,
    tags: ["home, errands", "x;y", "اردو"],
    dueAt: at("2026-12-07T04:00:00Z"),
    reminder: { when: { case: "remindBefore", value: durationFromMs(15 * 60_000) } },
    recurrence: { rrule: "FREQ=WEEKLY;BYDAY=MO;COUNT=10", repeatFrom: RepeatFrom.DUE, occurrence: 3 },
  });
  // Daily 08:30 in New York across the March DST change, until a local date.
  await make({
    title: "Stand-up",
    dueAt: at("2026-03-05T13:30:00Z"),
    timeZone: "America/New_York",
    recurrence: { rrule: "FREQ=DAILY;UNTIL=20260312", repeatFrom: RepeatFrom.DUE },
  });
  // Last day of every month, date only.
  await make({
    title: "Pay rent",
    dueAt: at("2026-01-31T07:00:00Z"),
    dueDateOnly: true,
    recurrence: { rrule: "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=6", repeatFrom: RepeatFrom.DUE },
    priority: Priority.URGENT,
  });
  // Repeats from completion: calendars cannot say that, so no RRULE.
  await make({
    title: "Water plants",
    dueAt: at("2026-12-02T12:00:00Z"),
    recurrence: { rrule: "FREQ=DAILY;INTERVAL=3", repeatFrom: RepeatFrom.COMPLETION },
  });
  await make({ title: "Someday", priority: Priority.LOW });
  // Several reminders: one VALARM each, in order.
  await make({
    title: "Call the bank",
    dueAt: at("2026-12-10T06:00:00Z"),
    reminders: [
      { when: { case: "remindAt", value: at("2026-12-09T16:00:00Z") } },
      { when: { case: "remindBefore", value: durationFromMs(3_600_000) } },
      { when: { case: "remindBefore", value: durationFromMs(86_400_000) } },
    ],
  });
  const done = await make({ title: "Filed taxes", dueAt: at("2026-11-30T10:00:00Z") });
  const { task: completed } = await alice.tasks.completeTask({ id: done.id });
  aliceTasks[aliceTasks.length - 1] = completed!;
  const gone = await make({ title: "Deleted thing", dueAt: at("2026-12-11T10:00:00Z") });
  await alice.tasks.deleteTask({ id: gone.id });
  aliceTasks.pop();
  await bob.tasks.createTask({ title: "Bob's secret plan", dueAt: at("2026-12-08T15:00:00Z") });
}, 90_000);
afterAll(() => stack.stop(), 60_000);

const uidOf = (task: Task) => `${task.id}@taskmesh`;
const parse = (text: string) => new ICAL.Component(ICAL.parse(text));

/** The dates the app shows for a recurring task: its due time, then each NextOccurrence the recurring service would take. */
function appDates(task: Task, limit: number): Date[] {
  const dates = [timestampDate(task.dueAt!)];
  let occurrence = task.recurrence!.occurrence || 1;
  while (dates.length < limit) {
    const previous = dates.at(-1)!;
    const next = nextOccurrence({
      rrule: task.recurrence!.rrule,
      dtstart: previous,
      after: previous,
      timeZone: task.timeZone,
      completedCount: occurrence,
    });
    if (!next) break;
    dates.push(next);
    occurrence += 1;
  }
  return dates;
}

/** The same series re-expanded from the feed: its DTSTART instant, its RRULE as the parser read it, its zone. */
function feedDates(dtstart: Date, rrule: string, timeZone: string, limit: number): Date[] {
  const dates = [dtstart];
  let seen = 1;
  while (dates.length < limit) {
    const previous = dates.at(-1)!;
    const next = nextOccurrence({ rrule, dtstart: previous, after: previous, timeZone, completedCount: seen });
    if (!next) break;
    dates.push(next);
    seen += 1;
  }
  return dates;
}

/** ical.js's own expansion of a component's recurrence (its VTIMEZONEs registered), as instants. */
function icalDates(component: ICAL.Component, limit: number): ICAL.Time[] {
  const expansion = new ICAL.RecurExpansion({
    component,
    dtstart: component.getFirstPropertyValue("dtstart") as ICAL.Time,
  });
  const dates: ICAL.Time[] = [];
  for (let next = expansion.next(); next && dates.length < limit; next = expansion.next()) dates.push(next);
  return dates;
}

test("the feed URL is secret, stable until regenerated, and carries no bearer token", async () => {
  const { feed } = await calendarOf(alice).getCalendarFeed({});
  expect(feed!.url).toMatch(/^https:\/\/tasks\.example\.org\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  expect(feed!.webcalUrl).toBe(feed!.url.replace("https:", "webcal:"));
  expect((await calendarOf(alice).getCalendarFeed({})).feed!.url).toBe(feed!.url);
  const response = await fetchFeed(feed!.url);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  expect(response.headers.get("cache-control")).toBe("private, max-age=300");
  const etag = response.headers.get("etag");
  expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
  const again = await fetchFeed(feed!.url, { "if-none-match": etag! });
  expect(again.status).toBe(304);
  expect(await again.text()).toBe("");
  expect((await fetchFeed(feed!.url, { "if-none-match": '"other"' })).status).toBe(200);
});

test("both parsers read every task; text that tries CRLF injection stays inside its own property", async () => {
  const { feed } = await calendarOf(alice).getCalendarFeed({});
  const text = await (await fetchFeed(feed!.url)).text();
  expect(text).not.toContain("evil@example.com\r\n");
  // Every physical line is a property, a continuation (starts with a space) or empty at the very end.
  for (const line of text.split("\r\n").slice(0, -1)) expect(line).toMatch(/^([A-Z-]+[;:]| )/);
  for (const line of text.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);

  const calendar = parse(text);
  const todos = calendar.getAllSubcomponents("vtodo");
  expect(todos.map((c) => c.getFirstPropertyValue("uid")).sort()).toEqual(aliceTasks.map(uidOf).sort());
  expect(calendar.getAllSubcomponents("vevent").length).toBe(
    aliceTasks.filter((t) => t.dueAt && t.status === 1).length,
  );
  for (const component of [...todos, ...calendar.getAllSubcomponents("vevent")])
    expect(component.getAllProperties("attendee")).toEqual([]);

  const python = await parseWithPython(text);
  expect(python.todos.map((t) => t.uid).sort()).toEqual(aliceTasks.map(uidOf).sort());
  expect(python.events.length).toBe(calendar.getAllSubcomponents("vevent").length);
  expect(python.attendees).toBe(0);

  for (const task of aliceTasks) {
    const js = todos.find((c) => c.getFirstPropertyValue("uid") === uidOf(task))!;
    const py = python.todos.find((t) => t.uid === uidOf(task))!;
    const description = task.description.replace(/\r\n?/g, "\n");
    expect(js.getFirstPropertyValue("summary")).toBe(task.title);
    expect(py.summary).toBe(task.title);
    expect(js.getFirstPropertyValue("description") ?? "").toBe(description);
    expect(py.description).toBe(description);
    expect(py.categories).toEqual(task.tags);
    expect((js.getFirstProperty("categories")?.getValues() ?? []) as string[]).toEqual(task.tags);
    const priority = icalPriority[(["none", "none", "low", "medium", "high", "urgent"] as const)[task.priority]];
    expect(py.priority).toBe(priority);
    expect(py.status).toBe(task.status === 2 ? "COMPLETED" : "NEEDS-ACTION");
    if (task.status === 2)
      expect(py.completed).toBe(`${timestampDate(task.completedAt!).toISOString().slice(0, 19)}.000Z`);
    if (!task.dueAt) expect(py.due).toBeNull();
    else if (task.dueDateOnly) expect(py.due).toBe("2026-01-31");
    else expect(py.due).toBe(timestampDate(task.dueAt).toISOString());
    const alarms = (task.status === 1 ? task.reminders : []).map(({ when }) =>
      when.case === "remindBefore" ? `-${Number(when.value.seconds)}s` : timestampDate(when.value!).toISOString(),
    );
    expect(py.alarms).toEqual(alarms);
    const jsAlarms = js.getAllSubcomponents("valarm").map((valarm) => valarm.getFirstPropertyValue("trigger"));
    expect(jsAlarms).toHaveLength(alarms.length);
    if (task.title === "Call the bank") expect(alarms).toHaveLength(3);
  }
  const injected = python.todos.find((t) => t.description.startsWith("first line"))!;
  expect(injected.description).toBe(
    "first line\nATTENDEE:mailto:evil@example.com\nEND:VTODO\nBEGIN:VEVENT\nSUMMARY:forged",
  );
}, 30_000);

test("every RRULE re-expands to the dates the app shows, in both parsers' reading and in ical.js's own expansion", async () => {
  const { feed } = await calendarOf(alice).getCalendarFeed({});
  const text = await (await fetchFeed(feed!.url)).text();
  const calendar = parse(text);
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  const python = await parseWithPython(text);
  const recurring = aliceTasks.filter((t) => t.recurrence && t.status === 1);
  expect(recurring.length).toBe(4);
  let checked = 0;
  for (const task of recurring) {
    const js = calendar.getAllSubcomponents("vtodo").find((c) => c.getFirstPropertyValue("uid") === uidOf(task))!;
    const py = python.todos.find((t) => t.uid === uidOf(task))!;
    if (task.recurrence!.repeatFrom === RepeatFrom.COMPLETION) {
      expect(js.getFirstPropertyValue("rrule")).toBeNull();
      expect(py.rrule).toBeNull();
      continue;
    }
    const expected = appDates(task, 40);
    expect(expected.length).toBeGreaterThan(1);
    // A date-only task's occurrences are days: compared as the task's local dates.
    const shown = (d: Date) => (task.dueDateOnly ? formatLocalDate(toLocal(d, task.timeZone)) : d.toISOString());
    expect(icalDates(js, 40).map((t) => (task.dueDateOnly ? t.toString() : t.toJSDate().toISOString()))).toEqual(
      expected.map(shown),
    );
    const jsRule = (js.getFirstPropertyValue("rrule") as ICAL.Recur).toString();
    expect(py.rrule).not.toBeNull();
    for (const rule of [jsRule, py.rrule!]) {
      const start = task.dueDateOnly ? timestampDate(task.dueAt!) : new Date(py.dtstart!);
      const dates = feedDates(start, rule, task.timeZone, 40);
      expect(dates.map(shown)).toEqual(expected.map(shown));
    }
    checked += 1;
  }
  expect(checked).toBe(3);
  // The weekly series is the third of ten: the feed shows eight, the first of them this task's due time.
  const weekly = recurring.find((t) => t.recurrence!.rrule.includes("WEEKLY"))!;
  expect(appDates(weekly, 40).length).toBe(8);
  // The New York stand-up keeps 08:30 local on both sides of the DST change (13:30Z, then 12:30Z).
  const standUp = appDates(recurring.find((t) => t.title === "Stand-up")!, 40).map((d) => d.toISOString());
  expect(standUp[0]).toBe("2026-03-05T13:30:00.000Z");
  expect(standUp.at(-1)).toBe("2026-03-12T12:30:00.000Z");
}, 30_000);

test("another user's secret never shows your tasks; a project feed holds only that project", async () => {
  const bobFeed = (await calendarOf(bob).getCalendarFeed({})).feed!;
  const aliceFeed = (await calendarOf(alice).getCalendarFeed({})).feed!;
  expect(bobFeed.url).not.toBe(aliceFeed.url);
  const bobText = await (await fetchFeed(bobFeed.url)).text();
  expect(bobText).toContain("Bob's secret plan");
  for (const task of aliceTasks) expect(bobText).not.toContain(task.id);

  const projects = connectClient(ProjectService, stack.baseUrl, alice.accessToken);
  const { project } = await projects.createProject({ name: "Garden" });
  const { task: inGarden } = await alice.tasks.createTask({ title: "Prune roses", projectId: project!.id });
  const gardenFeed = (await calendarOf(alice).getCalendarFeed({ projectId: project!.id })).feed!;
  expect(gardenFeed.projectId).toBe(project!.id);
  expect(gardenFeed.url).not.toBe(aliceFeed.url);
  const garden = parse(await (await fetchFeed(gardenFeed.url)).text());
  expect(garden.getAllSubcomponents("vtodo").map((c) => c.getFirstPropertyValue("uid"))).toEqual([uidOf(inGarden!)]);
  expect(garden.getFirstPropertyValue("x-wr-calname")).toBe("taskmesh: Garden");

  // Bob cannot have a feed of Alice's project, nor learn it exists.
  for (const call of [
    () => calendarOf(bob).getCalendarFeed({ projectId: project!.id }),
    () => calendarOf(bob).regenerateCalendarFeed({ projectId: project!.id }),
  ]) {
    const error = await call().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).code).toBe(Code.NotFound);
  }
  const bad = await calendarOf(alice)
    .getCalendarFeed({ projectId: "not-a-uuid" })
    .catch((e: unknown) => e as ConnectError);
  expect((bad as ConnectError).code).toBe(Code.InvalidArgument);
});

test("regenerate kills the old URL at once; unknown and malformed secrets answer 404", async () => {
  const old = (await calendarOf(alice).getCalendarFeed({})).feed!;
  const fresh = (await calendarOf(alice).regenerateCalendarFeed({})).feed!;
  expect(fresh.url).not.toBe(old.url);
  expect((await fetchFeed(old.url)).status).toBe(404);
  expect((await fetchFeed(fresh.url)).status).toBe(200);
  expect((await calendarOf(alice).getCalendarFeed({})).feed!.url).toBe(fresh.url);
  const unknown = `${publicUrl}/calendar/${"A".repeat(43)}.ics`;
  expect((await fetchFeed(unknown)).status).toBe(404);
  expect((await fetchFeed(`${publicUrl}/calendar/short.ics`)).status).toBe(404);
  expect((await fetchFeed(fresh.url.replace(".ics", ".txt"))).status).toBe(404);
  expect((await fetchFeed(`${fresh.url}?only=nonsense`)).status).toBe(400);
  const events = parse(await (await fetchFeed(`${fresh.url}?only=events`)).text());
  expect(events.getAllSubcomponents("vtodo")).toEqual([]);
  expect(events.getAllSubcomponents("vevent").length).toBeGreaterThan(0);
});

test("FetchCalendarFeed (no token: the secret is the credential) gives the route's document, 304 and 404", async () => {
  const { feed } = await calendarOf(alice).getCalendarFeed({});
  const secret = new URL(feed!.url).pathname.slice("/calendar/".length, -".ics".length);
  const anonymous = connectClient(CalendarService, stack.baseUrl);
  const http = await fetchFeed(feed!.url);
  const fetched = await anonymous.fetchCalendarFeed({ secret });
  expect(fetched.document).toBe(await http.text());
  expect(fetched.etag).toBe(http.headers.get("etag")!);
  const current = await anonymous.fetchCalendarFeed({ secret, ifNoneMatch: fetched.etag });
  expect(current.notModified).toBe(true);
  expect(current.document).toBe("");
  const missing = await anonymous
    .fetchCalendarFeed({ secret: "D".repeat(43) })
    .catch((e: unknown) => e as ConnectError);
  expect((missing as ConnectError).code).toBe(Code.NotFound);
  const badView = await anonymous.fetchCalendarFeed({ secret, only: "all" }).catch((e: unknown) => e as ConnectError);
  expect((badView as ConnectError).code).toBe(Code.InvalidArgument);
  // The owner-side calls still need a token.
  const unsigned = await anonymous.getCalendarFeed({}).catch((e: unknown) => e as ConnectError);
  expect((unsigned as ConnectError).code).toBe(Code.Unauthenticated);
});

test("bounds: completed tasks stay 30 days; at most 5,000 tasks, open ones first, the latest due left out", async () => {
  const carol = await registerSession(stack.baseUrl);
  const { task: far } = await carol.tasks.createTask({ title: "far", dueAt: at("2031-01-01T00:00:00Z") });
  const done = async (title: string) => {
    const { task } = await carol.tasks.createTask({ title });
    return (await carol.tasks.completeTask({ id: task!.id })).task!;
  };
  const [old, recent] = [await done("old done"), await done("recent done")];
  const sql = postgres(stack.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`update orchestrator.tasks set completed_at = now() - interval '31 days' where id = ${old.id}`;
    await sql`update orchestrator.tasks set completed_at = now() - interval '29 days' where id = ${recent.id}`;
    const { feed } = await calendarOf(carol).getCalendarFeed({});
    const uids = async () =>
      parse(await (await fetchFeed(feed!.url)).text())
        .getAllSubcomponents("vtodo")
        .map((c) => c.getFirstPropertyValue("uid"));
    expect((await uids()).sort()).toEqual([uidOf(far!), uidOf(recent)].sort());

    // 5,000 more open tasks, due hour by hour from now: with "far" that is one more open task than the cap.
    await sql`
      insert into orchestrator.tasks (id, user_id, title, priority, due_at, time_zone, status, created_at, updated_at,
                                      version, project_id, rank)
      select gen_random_uuid(), user_id, 'bulk ' || g, 1, now() + g * interval '1 hour', time_zone, 1, now(), now(), 1,
             project_id, rank || lpad(g::text, 5, '0')
      from orchestrator.tasks, generate_series(1, ${feedLimits.maxTasks}) g
      where id = ${far!.id}`;
    const capped = await uids();
    expect(capped.length).toBe(feedLimits.maxTasks);
    expect(capped).not.toContain(uidOf(far!));
    expect(capped).not.toContain(uidOf(recent));
  } finally {
    await sql.end();
  }
}, 60_000);
