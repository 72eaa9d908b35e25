import { RRule } from "rrule";
import type { Options, Weekday } from "rrule";
import type { LocalDate } from "../../vocabulary/time-zone.ts";
import { fromFloating, toFloating } from "../../vocabulary/time-zone.ts";
import type { RuleParts } from "./rule-parts.ts";
import { parseRule } from "./rule-parts.ts";

/** Input of nextOccurrence. */
export interface NextOccurrenceInput {
  rrule: string;
  /** The next occurrence is strictly after this instant. */
  after: Date;
  /** Anchors the series: its wall-clock time in `timeZone` is the time every occurrence keeps. */
  dtstart: Date;
  timeZone: string;
  /** Total number of occurrences allowed; overrides the rule's COUNT. */
  count?: number;
  /**
   * How many occurrences already exist. When given, COUNT is checked against it instead of being
   * expanded from dtstart — needed when the series repeats from completion and dtstart moves.
   */
  completedCount?: number;
}

const WEEKDAYS: Record<string, Weekday> = {
  MO: RRule.MO,
  TU: RRule.TU,
  WE: RRule.WE,
  TH: RRule.TH,
  FR: RRule.FR,
  SA: RRule.SA,
  SU: RRule.SU,
};

/**
 * The first occurrence strictly after `after`, or null when the rule has ended (COUNT or UNTIL).
 * The rule is expanded in floating wall-clock time for the zone and each result converted back, so a
 * daily 09:00 task stays at 09:00 local across DST changes. Throws RangeError on a malformed rule.
 */
export function nextOccurrence(input: NextOccurrenceInput): Date | null {
  const parts = parseRule(input.rrule);
  if (!parts) throw new RangeError(`unsupported RRULE: ${input.rrule}`);
  return firstAfter(input, toOptions(parts, toFloating(input.dtstart, input.timeZone), input.timeZone));
}

/**
 * nextOccurrence for any RRULE the rrule package reads (BYSETPOS, BYHOUR, BYWEEKNO, …), not only the
 * parts this project writes: for rules that come from elsewhere, e.g. a task created over the API.
 * Throws RangeError on a rule it cannot read or expand.
 */
export function nextOccurrenceOfAnyRule(input: NextOccurrenceInput): Date | null {
  const body = input.rrule.trim().replace(/^RRULE:/i, "");
  let options: Partial<Options>;
  try {
    options = RRule.parseString(body);
  } catch (error) {
    throw new RangeError(`cannot read RRULE "${input.rrule}": ${(error as Error).message}`, { cause: error });
  }
  if (options.freq === undefined) throw new RangeError(`cannot read RRULE "${input.rrule}": FREQ is required`);
  const until = /(?:^|;)UNTIL=([^;]+)/i.exec(body)?.[1];
  return firstAfter(input, {
    ...options,
    tzid: null,
    dtstart: toFloating(input.dtstart, input.timeZone),
    until: until ? untilFloating(until.toUpperCase(), input.timeZone) : null,
  });
}

// Beyond this a rule is treated as ended, whichever way it was read: the agent and the recurring
// service's local engine give the same answer.
const horizonYears = 100;

/** Expands rule options (dtstart and UNTIL already floating) to the first occurrence after input.after. */
function firstAfter(input: NextOccurrenceInput, options: Partial<Options>): Date | null {
  const limit = input.count ?? options.count ?? undefined;
  if (input.completedCount !== undefined && limit !== undefined && input.completedCount >= limit) return null;
  const after = toFloating(input.after, input.timeZone);
  const horizon = new Date(after.getTime());
  horizon.setUTCFullYear(horizon.getUTCFullYear() + horizonYears);
  let rule: RRule;
  try {
    rule = new RRule({
      ...options,
      count: input.completedCount === undefined ? (limit ?? null) : null,
      until: options.until && options.until < horizon ? options.until : horizon,
    });
  } catch (error) {
    throw new RangeError(`cannot expand RRULE "${input.rrule}": ${(error as Error).message}`, { cause: error });
  }
  const next = rule.after(after, false);
  return next ? fromFloating(next, input.timeZone) : null;
}

/** The first day on or after `from` that a rule allows (for a task given a rule but no date). */
export function firstDayOnOrAfter(parts: RuleParts, from: LocalDate): LocalDate {
  const start = new Date(Date.UTC(from.year, from.month - 1, from.day));
  const { count: _count, until: _until, ...open } = parts;
  const rule = new RRule(toOptions(open, start, "UTC"));
  const first = rule.after(start, true);
  if (!first) return from;
  return { year: first.getUTCFullYear(), month: first.getUTCMonth() + 1, day: first.getUTCDate() };
}

function toOptions(parts: RuleParts, dtstart: Date, timeZone: string): Partial<Options> {
  const options: Partial<Options> = {
    freq: RRule[parts.freq],
    dtstart,
    interval: parts.interval ?? 1,
    wkst: RRule.MO,
  };
  if (parts.byMonth) options.bymonth = parts.byMonth;
  if (parts.byMonthDay) options.bymonthday = parts.byMonthDay;
  if (parts.byDay) options.byweekday = parts.byDay.map(toWeekday);
  if (parts.count) options.count = parts.count;
  if (parts.until) options.until = untilFloating(parts.until, timeZone);
  return options;
}

function toWeekday(code: string): Weekday {
  const match = /^(-?\d)?([A-Z]{2})$/.exec(code);
  const weekday = WEEKDAYS[match?.[2] ?? ""] ?? RRule.MO;
  return match?.[1] ? weekday.nth(Number(match[1])) : weekday;
}

function untilFloating(until: string, timeZone: string): Date {
  const [, y, mo, d, h = "23", mi = "59", s = "59", utc] =
    /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(until) ?? [];
  const wall = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  return utc ? toFloating(wall, timeZone) : wall;
}
