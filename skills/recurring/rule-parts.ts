/** The parts of an RFC 5545 RRULE this project writes and reads. */
export interface RuleParts {
  freq: Frequency;
  interval?: number;
  byMonth?: number[];
  byMonthDay?: number[];
  /** Weekdays with an optional ordinal: "MO", "2MO", "-1FR". */
  byDay?: string[];
  count?: number;
  /** UTC instant in RRULE form, "20260630T185959Z". */
  until?: string;
}

export type Frequency = "HOURLY" | "DAILY" | "WEEKLY" | "MONTHLY" | "YEARLY";

const FREQUENCIES: ReadonlySet<string> = new Set(["HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"]);
const BY_DAY = /^(-?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$/;
const UNTIL = /^\d{8}(T\d{6}Z?)?$/;

/** RRULE weekday codes indexed by JavaScript weekday (0 = Sunday). */
export const DAY_CODES = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"] as const;

/** Writes parts in a fixed order: FREQ, INTERVAL, BYMONTH, BYMONTHDAY, BYDAY, COUNT, UNTIL. */
export function formatRule(parts: RuleParts): string {
  const out = [`FREQ=${parts.freq}`];
  if (parts.interval && parts.interval > 1) out.push(`INTERVAL=${parts.interval}`);
  if (parts.byMonth?.length) out.push(`BYMONTH=${parts.byMonth.join(",")}`);
  if (parts.byMonthDay?.length) out.push(`BYMONTHDAY=${parts.byMonthDay.join(",")}`);
  if (parts.byDay?.length) out.push(`BYDAY=${parts.byDay.join(",")}`);
  if (parts.count) out.push(`COUNT=${parts.count}`);
  if (parts.until) out.push(`UNTIL=${parts.until}`);
  return out.join(";");
}

/**
 * Reads an RRULE ("FREQ=WEEKLY;BYDAY=MO" or with an "RRULE:" prefix); null when it is malformed or
 * uses parts this project does not support.
 */
export function parseRule(text: string): RuleParts | null {
  const body = text.trim().replace(/^RRULE:/i, "");
  if (body.length === 0) return null;
  const fields = new Map<string, string>();
  for (const piece of body.split(";")) {
    const [key, value, extra] = piece.split("=");
    if (!key || value === undefined || extra !== undefined || fields.has(key.toUpperCase())) return null;
    fields.set(key.toUpperCase(), value.toUpperCase());
  }
  const freq = fields.get("FREQ");
  if (!freq || !FREQUENCIES.has(freq)) return null;
  const parts: RuleParts = { freq: freq as Frequency };
  for (const [key, value] of fields) {
    switch (key) {
      case "FREQ":
        break;
      case "INTERVAL": {
        const interval = positiveInt(value);
        if (interval === null) return null;
        parts.interval = interval;
        break;
      }
      case "COUNT": {
        const count = positiveInt(value);
        if (count === null) return null;
        parts.count = count;
        break;
      }
      case "UNTIL":
        if (!UNTIL.test(value)) return null;
        parts.until = value;
        break;
      case "BYDAY": {
        const days = value.split(",");
        if (!days.every((day) => BY_DAY.test(day))) return null;
        parts.byDay = days;
        break;
      }
      case "BYMONTHDAY": {
        const days = value.split(",").map(Number);
        if (!days.every((day) => Number.isInteger(day) && day !== 0 && day >= -31 && day <= 31)) return null;
        parts.byMonthDay = days;
        break;
      }
      case "BYMONTH": {
        const months = value.split(",").map(Number);
        if (!months.every((month) => Number.isInteger(month) && month >= 1 && month <= 12)) return null;
        parts.byMonth = months;
        break;
      }
      case "WKST":
        break;
      default:
        return null;
    }
  }
  if (parts.count && parts.until) return null;
  return parts;
}

/** True when two RRULE strings say the same thing, whatever the order of their parts. */
export function sameRule(a: string, b: string): boolean {
  const left = parseRule(a);
  const right = parseRule(b);
  return left !== null && right !== null && formatRule(left) === formatRule(right);
}

function positiveInt(value: string): number | null {
  const number = Number(value);
  return Number.isInteger(number) && number >= 1 && number <= 10_000 ? number : null;
}
