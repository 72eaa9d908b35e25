import ICAL from "ical.js";
import { tzlib_get_ical_block } from "timezones-ical-library";
import { type PriorityName, priorityName } from "../../../vocabulary/priority";
import { toLocal } from "../../../vocabulary/time-zone";
import type { TaskRow } from "../db/task-row";
import type { TaskFields } from "../db/task-store";
import { type ReminderSpec, remindersOf } from "../domain/reminders";
import { feedRule } from "./feed-rule";

/**
 * FeedTask is what the feed shows of a stored task: its fields (every reminder too) but the series and assignee,
 * and its id, status (1 open, 2 completed), parent and times. repeatFrom is 1 from the due date, 2 from completion.
 */
export type FeedTask = Omit<TaskFields, "seriesId" | "assigneeId"> &
  Pick<TaskRow, "id" | "status" | "parentId" | "createdAt" | "updatedAt" | "completedAt">;

/** FeedOptions: the calendar's display name and which components to write. */
export interface FeedOptions {
  name: string;
  /** VTODO for every task (Apple Reminders, Thunderbird, Outlook's tasks, DAVx⁵ + tasks.org read them). */
  todos: boolean;
  /** VEVENT for every open task with a due date (Google Calendar and most calendar views ignore VTODO). */
  events: boolean;
}

// RFC 5545 3.1: a line SHOULD be at most 75 octets. ical.js puts foldLength octets after the leading space of a
// continuation line, so 74 keeps every line, continuations included, within 75.
ICAL.foldLength = 74;

const OPEN = 1;
const COMPLETED = 2;
const REPEAT_FROM_DUE = 1;

/**
 * iCalendar PRIORITY is 1 (highest) … 9 (lowest), 0 undefined. The CUA ranges clients show are 1–4 high,
 * 5 medium, 6–9 low; urgent and high are both "high" there, urgent at the top.
 */
export const icalPriority: Record<PriorityName, number> = { none: 0, low: 9, medium: 5, high: 3, urgent: 1 };

/**
 * textValue makes task text safe to hand to the writer. ical.js escapes backslash, semicolon, comma and LF,
 * but passes a lone CR and other control characters through, and some readers end a line at a bare CR: a title
 * "x\rATTENDEE:…" would become a property of its own. CRLF and CR become LF (escaped as \n); the other
 * controls RFC 5545 forbids in TEXT (all of U+0000–U+001F but tab, and U+007F) are dropped.
 */
export function textValue(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return text.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
}

/** The VTIMEZONE a zone needs and the TZID to name it by (the library names UTC "Etc/UTC"); null: unknown. */
function zoneBlock(timeZone: string): { tzid: string; component: ICAL.Component } | null {
  const block = tzlib_get_ical_block(timeZone);
  if (!Array.isArray(block) || !block[0]) return null;
  const component = ICAL.Component.fromString(block[0]);
  const tzid = component.getFirstPropertyValue("tzid");
  return typeof tzid === "string" ? { tzid, component } : null;
}

/** Zones are looked up once per process: the library's table is fixed for its version. */
const zones = new Map<string, ReturnType<typeof zoneBlock>>();
function zoneOf(timeZone: string) {
  if (!zones.has(timeZone)) zones.set(timeZone, zoneBlock(timeZone));
  return zones.get(timeZone) ?? null;
}

const utcTime = (instant: Date) => ICAL.Time.fromJSDate(instant, true);

/**
 * localDue is toLocal remembering its last answer: a task's DTSTART, DUE and its event's DTSTART ask in a row, and
 * Intl's formatToParts was a tenth of the document's time.
 */
const lastLocal = { key: "", value: toLocal(new Date(0), "UTC") };
function localDue(instant: Date, timeZone: string) {
  const key = `${instant.getTime()}|${timeZone}`;
  if (lastLocal.key !== key) {
    lastLocal.key = key;
    lastLocal.value = toLocal(instant, timeZone);
  }
  return lastLocal.value;
}

/**
 * dueProperty writes a due (or start) time: VALUE=DATE for a date-only task, local time with a TZID for a timed
 * task in a zone the feed describes, UTC otherwise.
 */
function dueProperty(name: "due" | "dtstart", task: FeedTask & { dueAt: Date }): ICAL.Property {
  const property = new ICAL.Property(name);
  const local = localDue(task.dueAt, task.timeZone);
  if (task.dueDateOnly) {
    property.setValue(ICAL.Time.fromData({ year: local.year, month: local.month, day: local.day, isDate: true }));
    return property;
  }
  const zone = zoneOf(task.timeZone);
  if (!zone) {
    property.setValue(utcTime(task.dueAt));
    return property;
  }
  property.setValue(ICAL.Time.fromData({ ...local, second: task.dueAt.getUTCSeconds(), isDate: false }));
  property.setParameter("tzid", zone.tzid);
  return property;
}

/**
 * The alarm of one reminder: at its instant, or the offset before the due time (DTSTART is the due time); null for
 * an offset on a task without a due date (nothing to be before).
 */
function alarm(task: FeedTask, reminder: ReminderSpec): ICAL.Component | null {
  const trigger = new ICAL.Property("trigger");
  if ("at" in reminder) trigger.setValue(utcTime(new Date(reminder.at)));
  else if (task.dueAt) trigger.setValue(ICAL.Duration.fromSeconds(-reminder.beforeSeconds));
  else return null;
  const component = new ICAL.Component("valarm");
  component.addPropertyWithValue("action", "DISPLAY");
  component.addPropertyWithValue("description", textValue(task.title));
  component.addProperty(trigger);
  return component;
}

/** The parts VTODO and VEVENT share: identity, text, stamps, due time, recurrence and reminders. */
function common(component: ICAL.Component, task: FeedTask, uid: string) {
  component.addPropertyWithValue("uid", uid);
  // Without a METHOD, DTSTAMP is when the information last changed (RFC 5545 3.8.7.2): an unchanged task
  // writes the same bytes, so the feed's ETag holds until something changes.
  component.addPropertyWithValue("dtstamp", utcTime(task.updatedAt));
  component.addPropertyWithValue("created", utcTime(task.createdAt));
  component.addPropertyWithValue("last-modified", utcTime(task.updatedAt));
  component.addPropertyWithValue("summary", textValue(task.title));
  if (task.description) component.addPropertyWithValue("description", textValue(task.description));
  const priority = icalPriority[priorityName(task.priority)];
  if (priority) component.addPropertyWithValue("priority", priority);
  if (task.tags.length > 0) {
    const categories = new ICAL.Property("categories");
    categories.setValues(task.tags.map(textValue));
    component.addProperty(categories);
  }
  if (task.dueAt) {
    const due = { ...task, dueAt: task.dueAt };
    component.addProperty(dueProperty("dtstart", due));
    const rule =
      task.status === OPEN && task.rrule && task.repeatFrom === REPEAT_FROM_DUE
        ? feedRule({
            rrule: task.rrule,
            occurrence: task.occurrence,
            dueDateOnly: task.dueDateOnly,
            timeZone: task.timeZone,
          })
        : null;
    if (rule) component.addPropertyWithValue("rrule", ICAL.Recur.fromString(rule));
  }
  // One VALARM per reminder (at most 5), in the task's order, the first one first; none once completed.
  if (task.status !== OPEN) return;
  for (const reminder of remindersOf(task)) {
    const valarm = alarm(task, reminder);
    if (valarm) component.addSubcomponent(valarm);
  }
}

function todo(task: FeedTask): ICAL.Component {
  const component = new ICAL.Component("vtodo");
  common(component, task, `${task.id}@taskmesh`);
  if (task.dueAt) component.addProperty(dueProperty("due", { ...task, dueAt: task.dueAt }));
  if (task.status === COMPLETED) {
    component.addPropertyWithValue("status", "COMPLETED");
    component.addPropertyWithValue("percent-complete", 100);
    if (task.completedAt) component.addPropertyWithValue("completed", utcTime(task.completedAt));
  } else component.addPropertyWithValue("status", "NEEDS-ACTION");
  if (task.parentId) {
    const parent = new ICAL.Property("related-to");
    parent.setValue(`${task.parentId}@taskmesh`);
    parent.setParameter("reltype", "PARENT");
    component.addProperty(parent);
  }
  return component;
}

function event(task: FeedTask): ICAL.Component {
  const component = new ICAL.Component("vevent");
  // A task's event has a UID of its own: one UID on a VTODO and a VEVENT of one calendar would be one object.
  common(component, task, `${task.id}-due@taskmesh`);
  component.addPropertyWithValue("transp", "TRANSPARENT");
  return component;
}

/** Bounds on writing documents: a 5,000-task feed takes about a second of CPU on a loaded 2-core machine. */
const writing = {
  /** Tasks written between yields to the event loop (tens of milliseconds). */
  tasksPerSlice: 100,
  /** Documents written at once in a process; more wait their turn. */
  concurrent: 2,
} as const;

let running = 0;
const waiting: (() => void)[] = [];
async function takeTurn(): Promise<() => void> {
  if (running >= writing.concurrent) await new Promise<void>((resolve) => waiting.push(resolve));
  else running += 1;
  return () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
}

const yieldToOthers = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The calendar without its tasks: its properties and a VTIMEZONE for each zone a timed task uses. */
function calendarShell(tasks: readonly FeedTask[], options: FeedOptions): ICAL.Component {
  const calendar = new ICAL.Component(["vcalendar", [], []]);
  calendar.addPropertyWithValue("prodid", "-//taskmesh//calendar feed//EN");
  calendar.addPropertyWithValue("version", "2.0");
  calendar.addPropertyWithValue("calscale", "GREGORIAN");
  calendar.addPropertyWithValue("name", textValue(options.name));
  calendar.addPropertyWithValue("x-wr-calname", textValue(options.name));
  const refresh = new ICAL.Property("refresh-interval");
  refresh.setValue(ICAL.Duration.fromString("PT15M"));
  calendar.addProperty(refresh);
  calendar.addPropertyWithValue("x-published-ttl", "PT15M");
  const used = new Map<string, ICAL.Component>();
  for (const task of tasks) {
    if (!task.dueAt || task.dueDateOnly) continue;
    const zone = zoneOf(task.timeZone);
    if (zone && !used.has(zone.tzid)) used.set(zone.tzid, zone.component);
  }
  for (const tzid of [...used.keys()].sort()) calendar.addSubcomponent(new ICAL.Component(used.get(tzid)!.toJSON()));
  return calendar;
}

/**
 * feedDocument writes the tasks as one RFC 5545 calendar: a VTODO per task, a VEVENT per open task with a due
 * date, and a VTIMEZONE per zone a timed task uses. ical.js (Mozilla's, used by Thunderbird) escapes TEXT,
 * writes CRLF and folds lines at 75 octets without splitting a character; timezones-ical-library supplies the
 * VTIMEZONE blocks (tzdata 2026c). ical.js writes each component; this function only places them, in order,
 * before the calendar's END line, yielding to the event loop every `writing.tasksPerSlice` tasks, at most
 * `writing.concurrent` documents at a time, so a large feed never holds up other requests for long.
 */
export async function feedDocument(tasks: readonly FeedTask[], options: FeedOptions): Promise<string> {
  const release = await takeTurn();
  try {
    const shell = calendarShell(tasks, options).toString();
    const end = "END:VCALENDAR";
    if (!shell.endsWith(end)) throw new Error("ical.js wrote a calendar that does not end with END:VCALENDAR");
    const parts = [shell.slice(0, -end.length)];
    for (let i = 0; i < tasks.length; i += writing.tasksPerSlice) {
      if (i > 0) await yieldToOthers();
      for (const task of tasks.slice(i, i + writing.tasksPerSlice)) {
        if (options.todos) parts.push(`${todo(task).toString()}\r\n`);
        if (options.events && task.status === OPEN && task.dueAt) parts.push(`${event(task).toString()}\r\n`);
      }
    }
    parts.push(`${end}\r\n`);
    return parts.join("");
  } finally {
    release();
  }
}
