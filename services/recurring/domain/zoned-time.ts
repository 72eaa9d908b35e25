/** WallClock is a local date and time in some zone, without the zone. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
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

/** isTimeZone accepts the IANA zone names this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** wallClockAt is the local date and time an instant shows in a zone. */
export function wallClockAt(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const asUtc = (w: WallClock) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
const sameWallClock = (a: WallClock, b: WallClock) => asUtc(a) === asUtc(b);

/** offsetMs is how far a zone's wall clock is ahead of UTC at an instant. */
function offsetMs(instantMs: number, timeZone: string): number {
  const whole = Math.floor(instantMs / 1000) * 1000;
  return asUtc(wallClockAt(new Date(whole), timeZone)) - whole;
}

const dayMs = 86_400_000;

/**
 * instantOf is the instant a wall-clock time names in a zone. A time that happens twice (clocks fall
 * back) is the earlier one; a time that never happens (clocks spring forward) moves forward by the
 * gap, e.g. 02:30 on the March change in New York is 03:30 EDT — the "compatible" rule of Temporal.
 */
export function instantOf(wall: WallClock, timeZone: string): Date {
  const utc = asUtc(wall);
  // No zone changes its offset twice within two days, so the offsets a day either side are the candidates.
  const before = offsetMs(utc - dayMs, timeZone);
  const after = offsetMs(utc + dayMs, timeZone);
  const valid = [utc - before, utc - after].filter((ms) => sameWallClock(wallClockAt(new Date(ms), timeZone), wall));
  if (valid.length > 0) return new Date(Math.min(...valid));
  return new Date(utc - before);
}

/**
 * toFloating writes an instant's wall-clock time in a zone as if it were UTC: the "floating" time
 * rrule expands rules in, so that "every day at 09:00" means 09:00 on the local clock.
 */
export function toFloating(instant: Date, timeZone: string): Date {
  return new Date(asUtc(wallClockAt(instant, timeZone)));
}

/** fromFloating turns a floating time back into the instant it names in a zone. */
export function fromFloating(floating: Date, timeZone: string): Date {
  return instantOf(
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
