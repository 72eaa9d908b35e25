import { formatRule, parseRule } from "../../../vocabulary/recurrence/rule";
import { fromLocal, toLocal } from "../../../vocabulary/time-zone";

/** The part of a recurring task the feed's RRULE is written from. */
export interface RecurringTask {
  rrule: string;
  /** occurrence is the task's 1-based place in its series (0 or null read as 1). */
  occurrence: number | null;
  dueDateOnly: boolean;
  timeZone: string;
}

const untilPattern = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/;
const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const utcStamp = (instant: Date) =>
  `${instant.getUTCFullYear()}${pad(instant.getUTCMonth() + 1)}${pad(instant.getUTCDate())}T${pad(
    instant.getUTCHours(),
  )}${pad(instant.getUTCMinutes())}${pad(instant.getUTCSeconds())}Z`;

/**
 * untilForFeed writes UNTIL the way RFC 5545 requires beside the feed's DTSTART: a DATE when the task is
 * date-only, a UTC DATE-TIME when DTSTART has a TZID. taskmesh reads a date UNTIL as the end of that local day
 * (vocabulary/recurrence/expand.ts), so a date becomes 23:59:59 local, as an instant.
 */
function untilForFeed(until: string, task: RecurringTask): string {
  const [, y, mo, d, h, mi, s, utc] = untilPattern.exec(until) ?? [];
  const local = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: h === undefined ? 23 : Number(h),
    minute: mi === undefined ? 59 : Number(mi),
    second: s === undefined ? 59 : Number(s),
  };
  const instant = utc
    ? new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second))
    : fromLocal(local, task.timeZone);
  if (!task.dueDateOnly) return utcStamp(instant);
  const day = toLocal(instant, task.timeZone);
  return `${day.year}${pad(day.month)}${pad(day.day)}`;
}

/**
 * feedRule is the RRULE for the feed's copy of a recurring task whose DTSTART is this task's due time. taskmesh
 * keeps one task per occurrence, so the feed shows the series from this open instance on: COUNT becomes the
 * occurrences left (this one included), and UNTIL takes the form its DTSTART needs. Null when the stored rule
 * does not read (it always should) or the series has no occurrence left.
 */
export function feedRule(task: RecurringTask): string | null {
  const parsed = parseRule(task.rrule);
  if (!parsed.ok) return null;
  const parts = { ...parsed.parts };
  if (parts.count !== undefined) {
    const left = parts.count - Math.max(1, task.occurrence ?? 1) + 1;
    if (left < 1) return null;
    parts.count = left;
  }
  if (parts.until !== undefined) parts.until = untilForFeed(parts.until, task);
  return formatRule(parts);
}
