/** WallTime is a calendar date and clock time as read on a wall clock in some time zone. */
export interface WallTime {
  year: number;
  /** month is 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** weekday is 0 (Sunday) – 6 (Saturday). */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const weekdays: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

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
      weekday: "short",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** isTimeZone says whether the runtime knows an IANA zone name. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function partsAt(instant: number, timeZone: string): WallTime & { second: number } {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: weekdays[parts.weekday ?? "Sun"] ?? 0,
  };
}

/** toWallTime reads an instant on the wall clock of a time zone. */
export function toWallTime(instant: Date, timeZone: string): WallTime {
  const { second: _second, ...wall } = partsAt(instant.getTime(), timeZone);
  return wall;
}

/** zoneOffsetMs is how far a zone's wall clock is ahead of UTC at an instant. */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const p = partsAt(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * fromWallTime finds the instant a wall-clock time names in a zone. A time skipped by a DST jump
 * resolves forward; a repeated one takes its first occurrence.
 */
export function fromWallTime(wall: Omit<WallTime, "weekday">, timeZone: string): Date {
  const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const before = zoneOffsetMs(guess - 86_400_000, timeZone);
  const after = zoneOffsetMs(guess + 86_400_000, timeZone);
  const valid = [guess - before, guess - after].filter((t) => zoneOffsetMs(t, timeZone) === guess - t);
  return new Date(valid.length > 0 ? Math.min(...valid) : guess - before);
}

/** addDays moves a wall date by whole days (calendar arithmetic, no zone involved). */
export function addDays<T extends Pick<WallTime, "year" | "month" | "day">>(wall: T, days: number): T & { weekday: number } {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return {
    ...wall,
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    weekday: date.getUTCDay(),
  };
}

/** daysBetween counts calendar days from one wall date to another. */
export function daysBetween(from: Pick<WallTime, "year" | "month" | "day">, to: Pick<WallTime, "year" | "month" | "day">): number {
  return Math.round((Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / 86_400_000);
}

/** startOfDay is the first instant of a wall date in a zone. */
export function startOfDay(date: Pick<WallTime, "year" | "month" | "day">, timeZone: string): Date {
  return fromWallTime({ ...date, hour: 0, minute: 0 }, timeZone);
}

/** isoDate formats a wall date as YYYY-MM-DD. */
export function isoDate(date: Pick<WallTime, "year" | "month" | "day">): string {
  return `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

/** parseIsoDate reads YYYY-MM-DD, or returns undefined. */
export function parseIsoDate(text: string): Pick<WallTime, "year" | "month" | "day"> | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  return check.getUTCMonth() === month - 1 && check.getUTCDate() === day ? { year, month, day } : undefined;
}

/** browserTimeZone is the zone the browser runs in, UTC when unknown. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}
