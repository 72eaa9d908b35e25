import { expect, test } from "bun:test";
import ICAL from "ical.js";
import { type FeedTask, feedDocument, icalPriority, textValue } from "./feed-document";
import { feedRule } from "./feed-rule";

const stamp = new Date("2026-12-01T10:00:00Z");
const base: FeedTask = {
  id: "0193a0e0-0000-7000-8000-000000000001",
  title: "Task",
  description: "",
  priority: 1,
  tags: [],
  dueAt: null,
  dueDateOnly: false,
  timeZone: "Asia/Karachi",
  remindAt: null,
  remindBeforeSeconds: null,
  moreReminders: [],
  rrule: null,
  repeatFrom: null,
  occurrence: null,
  status: 1,
  parentId: null,
  createdAt: stamp,
  updatedAt: stamp,
  completedAt: null,
};
const both = { name: "taskmesh", todos: true, events: true };
const components = (ics: string) => new ICAL.Component(ICAL.parse(ics));

test("a lone CR, CRLF and other controls never end a line: the text stays one property", async () => {
  expect(textValue("a\r\nb\rc\nd\u0000e\u001bf\tg")).toBe("a\nb\nc\nde\u001bf\tg".replace("\u001b", ""));
  const ics = await feedDocument(
    [{ ...base, title: "x\rATTENDEE:mailto:evil@example.com", description: "y\r\nEND:VTODO\r\nBEGIN:VEVENT" }],
    both,
  );
  expect(ics).not.toMatch(/\r(?!\n)/);
  expect(ics).not.toMatch(/(?<!\r)\n/);
  const todo = components(ics).getFirstSubcomponent("vtodo")!;
  expect(todo.getAllProperties("attendee")).toEqual([]);
  expect(todo.getFirstPropertyValue("summary")).toBe("x\nATTENDEE:mailto:evil@example.com");
  expect(todo.getFirstPropertyValue("description")).toBe("y\nEND:VTODO\nBEGIN:VEVENT");
  expect(components(ics).getAllSubcomponents("vevent")).toEqual([]);
});

test("priorities map onto iCalendar's 1 (highest) … 9 (lowest), none is left out", async () => {
  const ics = await feedDocument(
    [1, 2, 3, 4, 5].map((priority, i) => ({ ...base, id: `${base.id.slice(0, -1)}${i}`, priority })),
    both,
  );
  const values = components(ics)
    .getAllSubcomponents("vtodo")
    .map((c) => c.getFirstPropertyValue("priority") as number | null);
  expect(values).toEqual([null, 9, 5, 3, 1]);
  expect(icalPriority.urgent).toBeLessThan(icalPriority.high);
});

test("a timed task is written in its zone with the zone's VTIMEZONE; a date-only one as a DATE; no due, no DTSTART", async () => {
  const ics = await feedDocument(
    [
      { ...base, dueAt: new Date("2026-12-07T04:00:00Z") },
      { ...base, id: `${base.id.slice(0, -1)}2`, dueAt: new Date("2026-12-07T19:30:00Z"), dueDateOnly: true },
      { ...base, id: `${base.id.slice(0, -1)}3` },
    ],
    both,
  );
  expect(ics).toContain("DUE;TZID=Asia/Karachi:20261207T090000\r\n");
  expect(ics).toContain("DUE;VALUE=DATE:20261208\r\n"); // 00:30 on the 8th in Karachi
  const calendar = components(ics);
  expect(calendar.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid"))).toEqual([
    "Asia/Karachi",
  ]);
  expect(calendar.getAllSubcomponents("vtodo")[2]!.getFirstPropertyValue("dtstart")).toBeNull();
  // Events: one per open task with a due date, with a UID of its own.
  expect(calendar.getAllSubcomponents("vevent").map((e) => e.getFirstPropertyValue("uid"))).toEqual([
    `${base.id}-due@taskmesh`,
    `${base.id.slice(0, -1)}2-due@taskmesh`,
  ]);
});

test("the feed's RRULE starts at this instance: COUNT is what is left, UNTIL takes the form DTSTART needs", async () => {
  const timed = { dueDateOnly: false, timeZone: "Asia/Karachi" };
  expect(feedRule({ ...timed, rrule: "FREQ=WEEKLY;BYDAY=MO;COUNT=10", occurrence: 3 })).toBe(
    "FREQ=WEEKLY;BYDAY=MO;COUNT=8",
  );
  expect(feedRule({ ...timed, rrule: "FREQ=DAILY;COUNT=5", occurrence: 5 })).toBe("FREQ=DAILY;COUNT=1");
  expect(feedRule({ ...timed, rrule: "FREQ=DAILY;COUNT=5", occurrence: 6 })).toBeNull();
  // A local date ends at 23:59:59 Karachi = 18:59:59Z.
  expect(feedRule({ ...timed, rrule: "FREQ=DAILY;UNTIL=20261231", occurrence: 1 })).toBe(
    "FREQ=DAILY;UNTIL=20261231T185959Z",
  );
  expect(
    feedRule({
      dueDateOnly: true,
      timeZone: "Asia/Karachi",
      rrule: "FREQ=DAILY;UNTIL=20261231T200000Z",
      occurrence: 1,
    }),
  ).toBe("FREQ=DAILY;UNTIL=20270101");
});

test("one VALARM per reminder, in order: instants in UTC, offsets before DTSTART; an offset without a due date has none", async () => {
  const dueAt = new Date("2026-12-07T04:00:00Z");
  const ics = await feedDocument(
    [
      {
        ...base,
        dueAt,
        remindBeforeSeconds: 900,
        moreReminders: [{ at: "2026-12-06T16:00:00.000Z" }, { beforeSeconds: 86_400 }, { beforeSeconds: 0 }],
      },
      { ...base, id: "0193a0e0-0000-7000-8000-000000000002", remindAt: stamp, moreReminders: [{ beforeSeconds: 60 }] },
    ],
    both,
  );
  const [todo, undated] = components(ics).getAllSubcomponents("vtodo");
  const triggers = (component: ICAL.Component) =>
    component.getAllSubcomponents("valarm").map((valarm) => {
      expect(valarm.getFirstPropertyValue("action")).toBe("DISPLAY");
      return String(valarm.getFirstPropertyValue("trigger"));
    });
  expect(triggers(todo!)).toEqual(["-PT15M", "2026-12-06T16:00:00Z", "-P1D", "PT0S"]);
  // The task's event carries the same alarms (calendars that read only VEVENTs remind too).
  expect(triggers(components(ics).getFirstSubcomponent("vevent")!)).toHaveLength(4);
  expect(triggers(undated!)).toEqual(["2026-12-01T10:00:00Z"]);
});

test("completed tasks: STATUS COMPLETED, no RRULE, no alarm, no event", async () => {
  const ics = await feedDocument(
    [
      {
        ...base,
        status: 2,
        completedAt: stamp,
        dueAt: new Date("2026-12-07T04:00:00Z"),
        rrule: "FREQ=DAILY",
        repeatFrom: 1,
        remindBeforeSeconds: 600,
      },
    ],
    both,
  );
  const todo = components(ics).getFirstSubcomponent("vtodo")!;
  expect(todo.getFirstPropertyValue("status")).toBe("COMPLETED");
  expect(todo.getFirstPropertyValue("rrule")).toBeNull();
  expect(todo.getAllSubcomponents("valarm")).toEqual([]);
  expect(ics).toContain("COMPLETED:20261201T100000Z\r\n");
  expect(ics).not.toContain("BEGIN:VEVENT");
});

test("the same tasks give the same bytes (so the ETag holds), and long Urdu text folds at 75 octets", async () => {
  const task = { ...base, title: "اردو میں ایک لمبا عنوان ".repeat(10), tags: ["گھر", "a,b"] };
  const first = await feedDocument([task], both);
  expect(await feedDocument([task], both)).toBe(first);
  // The pieces ical.js wrote one by one are the calendar ical.js would write whole.
  expect(ICAL.stringify(ICAL.parse(first))).toBe(first);
  for (const line of first.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  const todo = components(first).getFirstSubcomponent("vtodo")!;
  expect(todo.getFirstPropertyValue("summary")).toBe(task.title);
  expect(todo.getFirstProperty("categories")!.getValues()).toEqual(["گھر", "a,b"]);
});

test("a large feed is written in slices: other work runs while it is written, and the text is the same", async () => {
  const many = Array.from({ length: 1000 }, (_, i) => ({
    ...base,
    id: `0193a0e0-0000-7000-8000-${String(i).padStart(12, "0")}`,
    title: `Task ${i}`,
    dueAt: new Date(Date.UTC(2026, 11, 1 + (i % 28), 9)),
  }));
  let ticks = 0;
  const timer = setInterval(() => {
    ticks += 1;
  }, 0);
  const text = await feedDocument(many, both);
  clearInterval(timer);
  expect(ticks).toBeGreaterThan(3);
  expect(ICAL.stringify(ICAL.parse(text))).toBe(text);
  expect(components(text).getAllSubcomponents("vtodo").length).toBe(1000);
});
