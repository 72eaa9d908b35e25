import { existsSync } from "node:fs";

/** What Python's icalendar package read from a feed, reduced to plain values the tests compare. */
export interface PythonReading {
  todos: {
    uid: string;
    summary: string;
    description: string;
    categories: string[];
    priority: number;
    status: string;
    /** ISO instant (UTC) for a timed due, YYYY-MM-DD for a date, null for none. */
    due: string | null;
    dtstart: string | null;
    completed: string | null;
    rrule: string | null;
    /** Each alarm's trigger: "-900s" for an offset, an ISO instant for an absolute one. */
    alarms: string[];
  }[];
  events: { uid: string; dtstart: string | null }[];
  attendees: number;
}

const script = `
import datetime, json, sys
from icalendar import Calendar

def when(value):
    if value is None:
        return None
    dt = value.dt
    if isinstance(dt, datetime.datetime):
        if dt.tzinfo is None:
            raise SystemExit("floating time in feed: " + str(dt))
        return dt.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return dt.isoformat()

def categories(component):
    value = component.get("CATEGORIES")
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [str(c) for item in items for c in item.cats]

def trigger(alarm):
    dt = alarm.get("TRIGGER").dt
    if isinstance(dt, datetime.timedelta):
        return "%ds" % int(dt.total_seconds())
    return dt.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")

calendar = Calendar.from_ical(sys.stdin.buffer.read())
todos, events, attendees = [], [], 0
for component in calendar.walk():
    if component.get("ATTENDEE") is not None:
        attendees += 1
    if component.name == "VTODO":
        rrule = component.get("RRULE")
        todos.append({
            "uid": str(component.get("UID")),
            "summary": str(component.get("SUMMARY")),
            "description": str(component.get("DESCRIPTION", "")),
            "categories": categories(component),
            "priority": int(component.get("PRIORITY", 0)),
            "status": str(component.get("STATUS")),
            "due": when(component.get("DUE")),
            "dtstart": when(component.get("DTSTART")),
            "completed": when(component.get("COMPLETED")),
            "rrule": rrule.to_ical().decode() if rrule is not None else None,
            "alarms": [trigger(a) for a in component.subcomponents if a.name == "VALARM"],
        })
    elif component.name == "VEVENT":
        events.append({"uid": str(component.get("UID")), "dtstart": when(component.get("DTSTART"))})
print(json.dumps({"todos": todos, "events": events, "attendees": attendees}))
`;

/**
 * icalendar 6 or later: before it (Debian bookworm's python3-icalendar is 4.0.3) CATEGORIES split at escaped
 * commas too, so a tag "home, errands" read as two.
 */
const versionCheck = "import icalendar, sys; sys.exit(0 if int(icalendar.__version__.split('.')[0]) >= 6 else 1)";

/** The Python that has icalendar 6+ (scripts/infra/install-tools.sh installs 7.3.0 from PyPI into python3). */
async function pythonWithIcalendar(): Promise<string> {
  for (const candidate of ["python3", "/usr/bin/python3"]) {
    if (candidate.startsWith("/") && !existsSync(candidate)) continue;
    const probe = Bun.spawn([candidate, "-c", versionCheck], { stdout: "ignore", stderr: "ignore" });
    if ((await probe.exited) === 0) return candidate;
  }
  throw new Error("no python3 with icalendar 6 or later: run scripts/infra/install-tools.sh");
}

/** parseWithPython parses a feed with Python's icalendar (an independent RFC 5545 parser) and reports what it read. */
export async function parseWithPython(ics: string): Promise<PythonReading> {
  const child = Bun.spawn([await pythonWithIcalendar(), "-c", script], {
    stdin: "pipe",
    stdout: "pipe",
    stderr: "pipe",
  });
  child.stdin.write(ics);
  await child.stdin.end();
  const [out, err, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  if (code !== 0) throw new Error(`python icalendar failed (${code}): ${err}`);
  return JSON.parse(out) as PythonReading;
}
