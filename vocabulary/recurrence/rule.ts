/**
 * The one RRULE grammar taskmesh accepts (RFC 5545 RECUR, a bounded subset). Server validation, the
 * skills, the recurring service and the browser all read rules through `parseRule`; whether a rule ever
 * fires is decided by `acceptRule` (recurrence/expand.ts), which builds on this.
 */
import { neverMeets } from "./feasibility";

/** Frequencies a task may repeat at, most frequent first. */
const frequencies = ["HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"] as const;
type Frequency = (typeof frequencies)[number];

/** Weekday codes of RFC 5545, Monday first as the RFC lists them. */
export const weekdayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type WeekdayCode = (typeof weekdayCodes)[number];

/** RRULE weekday codes indexed by JavaScript weekday (0 = Sunday). */
export const dayCodesFromSunday = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"] as const;

/**
 * Limits of a rule. HOURLY is the most frequent: a task manager's repetitions are things a person does
 * (take a pill every 4 hours, water the plants daily); each occurrence becomes a task, so a MINUTELY rule
 * would flood a list with 1,440 tasks a day, and SECONDLY more. Hourly, not daily, because the UI, the
 * chat parser ("every 2 hours") and stored tasks already use it.
 */
export const ruleLimits = {
  /** maxLength bounds the rule text before any parsing (and so every BY list); the contracts' max_len. */
  maxLength: 500,
  maxInterval: 1000,
  /** maxCount keeps a COUNT series expandable from its start within the time budget. */
  maxCount: 1000,
  /** Dates a rule (UNTIL) or an expansion (start, after) may name: outside them a date is absurd. */
  firstYear: 1900,
  lastYear: 2200,
} as const;

/** RuleParts is a parsed RRULE: the parts taskmesh supports, with the rule's own values. */
export interface RuleParts {
  freq: Frequency;
  interval?: number;
  byMonth?: number[];
  byWeekNo?: number[];
  byYearDay?: number[];
  byMonthDay?: number[];
  /** Weekdays with an optional ordinal (monthly and yearly rules only): "MO", "2MO", "-1FR". */
  byDay?: string[];
  byHour?: number[];
  byMinute?: number[];
  bySetPos?: number[];
  wkst?: WeekdayCode;
  count?: number;
  /** UNTIL as written: a date "20260630" (local) or a UTC instant "20260630T185959Z". */
  until?: string;
}

/** ParsedRule is a rule that reads, or the reason it does not. */
export type ParsedRule = { ok: true; parts: RuleParts; rule: string } | { ok: false; problem: string };

const byDayPattern = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;
const untilPattern = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/;

type ListPart = "byMonth" | "byWeekNo" | "byYearDay" | "byMonthDay" | "byHour" | "byMinute" | "bySetPos";

/** Each numeric BY part: its field, range, and whether negative values (counting from the end) are allowed. */
const listParts: Record<string, { field: ListPart; min: number; max: number; negative: boolean }> = {
  BYMONTH: { field: "byMonth", min: 1, max: 12, negative: false },
  BYWEEKNO: { field: "byWeekNo", min: 1, max: 53, negative: true },
  BYYEARDAY: { field: "byYearDay", min: 1, max: 366, negative: true },
  BYMONTHDAY: { field: "byMonthDay", min: 1, max: 31, negative: true },
  BYHOUR: { field: "byHour", min: 0, max: 23, negative: false },
  BYMINUTE: { field: "byMinute", min: 0, max: 59, negative: false },
  BYSETPOS: { field: "bySetPos", min: 1, max: 366, negative: true },
};

/** A canonical decimal: no sign unless negative, no leading zeros, no "0x10" or "1e3". */
const integer = (text: string): number | null => (/^-?(0|[1-9]\d{0,5})$/.test(text) ? Number(text) : null);

function numberList(value: string, spec: (typeof listParts)[string]): number[] | string {
  const items = value.split(",");
  const list: number[] = [];
  for (const item of items) {
    const n = integer(item);
    const inRange =
      n !== null && ((n >= spec.min && n <= spec.max) || (spec.negative && n <= -spec.min && n >= -spec.max));
    if (!inRange) return `"${item}" is not in ${spec.negative ? "±" : ""}${spec.min}..${spec.max}`;
    list.push(n);
  }
  return list;
}

/** untilProblem checks UNTIL is a real calendar date inside the years a rule may name. */
function untilProblem(value: string): string | null {
  const match = untilPattern.exec(value);
  if (!match) return "UNTIL must be YYYYMMDD or YYYYMMDDTHHMMSSZ";
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = match;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  const real =
    date.getUTCFullYear() === Number(y) &&
    date.getUTCMonth() === Number(mo) - 1 &&
    date.getUTCDate() === Number(d) &&
    Number(h) < 24 &&
    Number(mi) < 60 &&
    Number(s) < 60;
  if (!real) return `UNTIL ${value} is not a calendar date`;
  if (Number(y) < ruleLimits.firstYear || Number(y) > ruleLimits.lastYear)
    return `UNTIL must be within ${ruleLimits.firstYear}..${ruleLimits.lastYear}`;
  return null;
}

/** structureProblem applies RFC 5545's rules on which parts go together, and the frequency floor. */
function structureProblem(parts: RuleParts): string | null {
  const { freq } = parts;
  if (parts.count !== undefined && parts.until !== undefined) return "COUNT and UNTIL cannot both be set";
  if (parts.byWeekNo && freq !== "YEARLY") return "BYWEEKNO needs FREQ=YEARLY";
  if (parts.byYearDay && (freq === "DAILY" || freq === "WEEKLY" || freq === "MONTHLY"))
    return `BYYEARDAY cannot be used with FREQ=${freq}`;
  if (parts.byMonthDay && freq === "WEEKLY") return "BYMONTHDAY cannot be used with FREQ=WEEKLY";
  const ordinals = (parts.byDay ?? []).filter((day) => /\d/.test(day));
  if (ordinals.length > 0) {
    if (freq !== "MONTHLY" && freq !== "YEARLY") return "a numbered BYDAY (2MO, -1FR) needs FREQ=MONTHLY or YEARLY";
    if (freq === "YEARLY" && parts.byWeekNo) return "a numbered BYDAY cannot be used with BYWEEKNO";
    const limit = freq === "MONTHLY" || parts.byMonth ? 5 : 53;
    for (const day of ordinals) {
      const n = Number(byDayPattern.exec(day)?.[1]);
      if (n === 0 || Math.abs(n) > limit) return `BYDAY ${day}: the number must be in ±1..${limit}`;
    }
  }
  const otherBy =
    parts.byMonth ||
    parts.byWeekNo ||
    parts.byYearDay ||
    parts.byMonthDay ||
    parts.byDay ||
    parts.byHour ||
    parts.byMinute;
  if (parts.bySetPos && !otherBy) return "BYSETPOS needs another BY part to choose from";
  // The frequency floor: BYMINUTE with several values would repeat more often than hourly.
  if (freq === "HOURLY" && (parts.byMinute?.length ?? 0) > 1)
    return "repeats more often than hourly (HOURLY with several BYMINUTE)";
  const never = neverMeets(parts);
  return never ? `never fires: ${never}` : null;
}

/**
 * parseRule reads an RRULE value ("FREQ=WEEKLY;BYDAY=MO", case-insensitive, optional "RRULE:" prefix).
 * `rule` is the value as written, upper-cased and without the prefix (what a task stores).
 */
export function parseRule(text: string): ParsedRule {
  if (text.length > ruleLimits.maxLength)
    return { ok: false, problem: `longer than ${ruleLimits.maxLength} characters` };
  const rule = text
    .trim()
    .replace(/^RRULE:/i, "")
    .toUpperCase();
  if (rule.length === 0) return { ok: false, problem: "FREQ is required" };
  const fields = new Map<string, string>();
  for (const piece of rule.split(";")) {
    if (piece === "") continue;
    const [key, value, extra] = piece.split("=");
    if (!key || value === undefined || value === "" || extra !== undefined)
      return { ok: false, problem: `"${piece}" is not NAME=VALUE` };
    if (fields.has(key)) return { ok: false, problem: `${key} is repeated` };
    fields.set(key, value);
  }
  const freq = fields.get("FREQ");
  if (freq === undefined) return { ok: false, problem: "FREQ is required" };
  if (freq === "MINUTELY" || freq === "SECONDLY")
    return { ok: false, problem: `FREQ=${freq} repeats more often than hourly, the most a task may` };
  if (!(frequencies as readonly string[]).includes(freq))
    return { ok: false, problem: `FREQ=${freq} is not a frequency` };
  const parts: RuleParts = { freq: freq as Frequency };
  for (const [key, value] of fields) {
    const spec = listParts[key];
    if (spec) {
      const list = numberList(value, spec);
      if (typeof list === "string") return { ok: false, problem: `${key}: ${list}` };
      parts[spec.field] = list;
      continue;
    }
    switch (key) {
      case "FREQ":
        break;
      case "INTERVAL": {
        const n = integer(value);
        if (n === null || n < 1 || n > ruleLimits.maxInterval)
          return { ok: false, problem: `INTERVAL must be 1..${ruleLimits.maxInterval}` };
        parts.interval = n;
        break;
      }
      case "COUNT": {
        const n = integer(value);
        if (n === null || n < 1 || n > ruleLimits.maxCount)
          return { ok: false, problem: `COUNT must be 1..${ruleLimits.maxCount}` };
        parts.count = n;
        break;
      }
      case "UNTIL": {
        const problem = untilProblem(value);
        if (problem) return { ok: false, problem };
        parts.until = value;
        break;
      }
      case "BYDAY": {
        const days = value.split(",");
        if (days.length > weekdayCodes.length * 5 || !days.every((day) => byDayPattern.test(day)))
          return { ok: false, problem: `BYDAY=${value} is not a weekday list` };
        parts.byDay = days;
        break;
      }
      case "WKST":
        if (!(weekdayCodes as readonly string[]).includes(value))
          return { ok: false, problem: `WKST=${value} is not a weekday` };
        parts.wkst = value as WeekdayCode;
        break;
      default:
        return { ok: false, problem: `${key} is not a supported rule part` };
    }
  }
  const problem = structureProblem(parts);
  return problem ? { ok: false, problem } : { ok: true, parts, rule };
}

/** Writes parts in one fixed order, so two rules that say the same thing are written the same. */
export function formatRule(parts: RuleParts): string {
  const out = [`FREQ=${parts.freq}`];
  const list = (name: string, values: readonly (number | string)[] | undefined) => {
    if (values?.length) out.push(`${name}=${values.join(",")}`);
  };
  if (parts.interval && parts.interval > 1) out.push(`INTERVAL=${parts.interval}`);
  list("BYMONTH", parts.byMonth);
  list("BYWEEKNO", parts.byWeekNo);
  list("BYYEARDAY", parts.byYearDay);
  list("BYMONTHDAY", parts.byMonthDay);
  list("BYDAY", parts.byDay);
  list("BYHOUR", parts.byHour);
  list("BYMINUTE", parts.byMinute);
  list("BYSETPOS", parts.bySetPos);
  if (parts.wkst && parts.wkst !== "MO") out.push(`WKST=${parts.wkst}`);
  if (parts.count) out.push(`COUNT=${parts.count}`);
  if (parts.until) out.push(`UNTIL=${parts.until}`);
  return out.join(";");
}

/** True when two RRULE strings say the same thing, whatever the order of their parts. */
export function sameRule(a: string, b: string): boolean {
  const left = parseRule(a);
  const right = parseRule(b);
  return left.ok && right.ok && formatRule(left.parts) === formatRule(right.parts);
}

/** A weekday entry of BYDAY split into its code and optional ordinal ("-1FR" → FR, -1). */
export function splitByDay(entry: string): { day: WeekdayCode; ordinal?: number } {
  const match = byDayPattern.exec(entry);
  const day = (match?.[2] ?? "MO") as WeekdayCode;
  return match?.[1] ? { day, ordinal: Number(match[1]) } : { day };
}

/** readRule is parseRule for callers that only need the parts: null when the rule does not read. */
export function readRule(text: string): RuleParts | null {
  const parsed = parseRule(text);
  return parsed.ok ? parsed.parts : null;
}
