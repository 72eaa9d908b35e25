/** Wall-clock date and time in some time zone (month 1–12). */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** Seconds past the minute; `fromLocal` keeps them, `toLocal` leaves them out. */
  second?: number;
}

/** A calendar date without a time (month 1–12). */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime knows the IANA zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time of an instant in a zone (seconds dropped). */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute") };
}

/** Minutes the zone is ahead of UTC at an instant (Karachi: 300). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const local = toLocal(instant, timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const truncated = Math.floor(instant.getTime() / 60_000) * 60_000;
  return Math.round((asUtc - truncated) / 60_000);
}

/**
 * The instant a wall-clock time names in a zone. A time skipped by a DST jump moves forward by the
 * jump (02:30 → 03:30); a repeated time takes its first (earlier) instant.
 */
export function fromLocal(local: LocalDateTime, timeZone: string): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const offsetBefore = offsetMinutes(new Date(wall - 36 * 3_600_000), timeZone);
  const offsetAfter = offsetMinutes(new Date(wall + 36 * 3_600_000), timeZone);
  const candidates = [offsetBefore, offsetAfter]
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => sameWallClock(toLocal(new Date(instant), timeZone), local))
    .sort((a, b) => a - b);
  const minute = candidates[0] ?? wall - offsetBefore * 60_000;
  return new Date(minute + (local.second ?? 0) * 1000);
}

/**
 * An instant's wall-clock time in a zone written as if it were UTC: the "floating" time rrule expands
 * rules in, so that "every day at 09:00" means 09:00 on the local clock.
 */
export function toFloating(instant: Date, timeZone: string): Date {
  const local = toLocal(instant, timeZone);
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, instant.getUTCSeconds()));
}

/** Turns a floating time back into the instant it names in a zone (see `toFloating`). */
export function fromFloating(floating: Date, timeZone: string): Date {
  return fromLocal(
    {
      year: floating.getUTCFullYear(),
      month: floating.getUTCMonth() + 1,
      day: floating.getUTCDate(),
      hour: floating.getUTCHours(),
      minute: floating.getUTCMinutes(),
      second: floating.getUTCSeconds(),
    },
    timeZone,
  );
}

/** The first instant of a calendar date in a zone. */
export function startOfDay(date: LocalDate, timeZone: string): Date {
  return fromLocal({ ...date, hour: 0, minute: 0 }, timeZone);
}

function sameWallClock(a: LocalDateTime, b: LocalDateTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;
}

/** Adds days to a calendar date (negative to go back). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** Day of the week of a calendar date, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** Number of days in a month. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const epochDay = (date: LocalDate): number => Date.UTC(date.year, date.month - 1, date.day) / 86_400_000;

/** Whole calendar days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return epochDay(to) - epochDay(from);
}

/** Compares calendar dates (negative when a is earlier). */
export function compareDates(a: LocalDate, b: LocalDate): number {
  return epochDay(a) - epochDay(b);
}

const pad = (value: number): string => String(value).padStart(2, "0");

/** "2026-03-04" */
export function formatLocalDate(date: LocalDate): string {
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/** "2026-03-04T17:00" */
export function formatLocalDateTime(local: LocalDateTime): string {
  return `${formatLocalDate(local)}T${pad(local.hour)}:${pad(local.minute)}`;
}

const isCalendarDate = (year: number, month: number, day: number): boolean =>
  month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);

/** Parses exactly "2026-03-04" (as a date input holds it); null when malformed or not a real date. */
export function parseLocalDate(text: string): LocalDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isCalendarDate(year, month, day) ? { year, month, day } : null;
}

/** Parses "2026-03-04" or "2026-03-04T17:00" (as written by the LLM path); null when malformed. */
export function parseLocalDateTime(text: string): { local: LocalDateTime; dateOnly: boolean } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2})?)?$/.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!isCalendarDate(year, month, day)) return null;
  const dateOnly = match[4] === undefined;
  const hour = dateOnly ? 0 : Number(match[4]);
  const minute = dateOnly ? 0 : Number(match[5]);
  if (hour > 23 || minute > 59) return null;
  return { local: { year, month, day, hour, minute }, dateOnly };
}
