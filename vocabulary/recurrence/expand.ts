import { type Options, RRule, type Weekday } from "rrule";
import { fromFloating, toFloating } from "../time-zone";
import { nextCandidateDay } from "./feasibility";
import { formatRule, parseRule, type RuleParts, ruleLimits, weekdayCodes } from "./rule";

/**
 * Bounded expansion of a recurrence rule: the one place that expands rules, for task validation, the
 * skills, the recurring service and notification. The rrule package does the RFC 5545 work (it is the
 * maintained standard for JS and already trusted here); taskmesh bounds it in three ways:
 * - reasoning first: BY parts that can never meet are refused before expanding (feasibility.ts);
 * - a window: the search starts at the period holding `after` (not at a 1970 dtstart) and ends a fixed
 *   horizon later, in chunks whose UNTIL stops the library's search (patches/rrule+2.8.1.patch);
 * - a budget of work: at most `expansionLimits.maxChunks` chunks of the library's search, so whether a rule
 *   is "too costly" is the same on every machine under any load (a wall-clock budget refused valid rules
 *   on a busy machine and accepted them on a quiet one); the async form yields between chunks. A wall-clock
 *   ceiling (`maxMillis`, far above what the chunks cost) only guards against a chunk the library makes
 *   pathologically slow.
 */
export const expansionLimits = {
  /** A rule with no occurrence within this many years (plus one INTERVAL) has ended. */
  horizonYears: 10,
  /**
   * Work budget of one expansion, in chunks (periodsPerChunk periods each). Measured on this project's
   * 2-core machine: 0.1–0.8 ms of CPU per chunk depending on the rule, so at most ≈50 ms. Past it the
   * expansion stops as "too costly".
   */
  maxChunks: 64,
  /** Safety ceiling on one expansion's own running time (not reached by maxChunks chunks on a sane machine). */
  maxMillis: 1000,
  /** Async expansions running at once in a process; more wait their turn. */
  concurrent: 2,
} as const;

/** OccurrenceQuery asks for the first occurrence of a rule strictly after an instant, in a zone. */
export interface OccurrenceQuery {
  /** An RRULE value, e.g. "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR" ("RRULE:" prefix allowed). */
  rrule: string;
  /** The next occurrence is strictly after this instant. */
  after: Date;
  /** Anchors the series: its wall-clock time in `timeZone` is the time every occurrence keeps. */
  dtstart: Date;
  /** IANA zone the rule is read in (the caller checks it is a real one). */
  timeZone: string;
  /** Total number of occurrences allowed; overrides the rule's COUNT. */
  count?: number;
  /**
   * How many occurrences already exist. When given, COUNT is checked against it instead of being
   * expanded from dtstart — needed when the series repeats from completion and dtstart moves.
   */
  completedCount?: number;
}

/** RuleError: the rule cannot be evaluated (malformed, never fires, too costly); retrying will not help. */
export class RuleError extends RangeError {
  /** problem is the reason alone, for a field violation ("never fires: BYMONTH and BYMONTHDAY never meet"). */
  readonly problem: string;
  /** field is the input at fault: the rule itself, or one of the query's instants. */
  readonly field: "rrule" | "dtstart" | "after";
  constructor(rule: string, problem: string, field: RuleError["field"] = "rrule") {
    super(`RRULE "${rule.slice(0, 80)}": ${problem}`);
    this.name = "RuleError";
    this.problem = problem;
    this.field = field;
  }
}

const weekdays: Record<string, Weekday> = {
  MO: RRule.MO,
  TU: RRule.TU,
  WE: RRule.WE,
  TH: RRule.TH,
  FR: RRule.FR,
  SA: RRule.SA,
  SU: RRule.SU,
};
const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const windowStart = Date.UTC(ruleLimits.firstYear, 0, 1);
const windowEnd = Date.UTC(ruleLimits.lastYear + 1, 0, 1) - 1;

/** inCalendarWindow: is the instant within the years a rule may name (1900..2200)? */
const inCalendarWindow = (instant: Date): boolean => instant.getTime() >= windowStart && instant.getTime() <= windowEnd;

function untilFloating(until: string, timeZone: string): Date {
  const [, y, mo, d, h = "23", mi = "59", s = "59", utc] =
    /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(until) ?? [];
  const wall = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  return utc ? toFloating(wall, timeZone) : wall;
}

function weekday(code: string): Weekday {
  const match = /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(code);
  const day = weekdays[match?.[2] ?? ""] ?? RRule.MO;
  return match?.[1] ? day.nth(Number(match[1])) : day;
}

/**
 * ruleOptions turns parts into rrule options, with every default the library would take from dtstart
 * written out, so that a later period start can stand in for dtstart without changing the series.
 */
function ruleOptions(parts: RuleParts, start: Date): Partial<Options> {
  const options: Partial<Options> = {
    freq: RRule[parts.freq],
    interval: parts.interval ?? 1,
    wkst: weekdayCodes.indexOf(parts.wkst ?? "MO"),
    tzid: null,
    bysecond: [start.getUTCSeconds()],
    byminute: parts.byMinute ?? [start.getUTCMinutes()],
  };
  if (parts.freq !== "HOURLY") options.byhour = parts.byHour ?? [start.getUTCHours()];
  else if (parts.byHour) options.byhour = parts.byHour;
  if (parts.byMonth) options.bymonth = parts.byMonth;
  if (parts.byWeekNo) options.byweekno = parts.byWeekNo;
  if (parts.byYearDay) options.byyearday = parts.byYearDay;
  if (parts.byMonthDay) options.bymonthday = parts.byMonthDay;
  if (parts.byDay) options.byweekday = parts.byDay.map(weekday);
  if (parts.bySetPos) options.bysetpos = parts.bySetPos;
  if (!parts.byWeekNo && !parts.byYearDay && !parts.byMonthDay && !parts.byDay) {
    if (parts.freq === "YEARLY") {
      options.bymonth ??= [start.getUTCMonth() + 1];
      options.bymonthday = [start.getUTCDate()];
    } else if (parts.freq === "MONTHLY") options.bymonthday = [start.getUTCDate()];
    else if (parts.freq === "WEEKLY") options.byweekday = [weekdays[weekdayCodes[(start.getUTCDay() + 6) % 7]!]!];
  }
  return options;
}

/**
 * The rule's periods (an hour, day, week, month or year, times INTERVAL) form a grid anchored at dtstart.
 * periodStart(k) is where period k begins (period 0 begins at dtstart itself); periodIndex finds the
 * period holding an instant.
 */
function periodGrid(parts: RuleParts, start: Date) {
  const n = parts.interval ?? 1;
  const y = start.getUTCFullYear();
  const m = start.getUTCMonth();
  const day0 = Date.UTC(y, m, start.getUTCDate());
  const wkst = weekdayCodes.indexOf(parts.wkst ?? "MO");
  const fixed = (origin: number, length: number) => ({
    periodStart: (k: number) => (k === 0 ? start : new Date(origin + k * length)),
    periodIndex: (at: Date) => Math.floor((at.getTime() - origin) / length),
  });
  switch (parts.freq) {
    case "HOURLY":
      return fixed(Date.UTC(y, m, start.getUTCDate(), start.getUTCHours()), n * hourMs);
    case "DAILY":
      return fixed(day0, n * dayMs);
    case "WEEKLY":
      return fixed(day0 - ((((start.getUTCDay() + 6) % 7) - wkst + 7) % 7) * dayMs, n * 7 * dayMs);
    case "MONTHLY":
      return {
        periodStart: (k: number) => (k === 0 ? start : new Date(Date.UTC(y, m + k * n, 1))),
        periodIndex: (at: Date) => Math.floor(((at.getUTCFullYear() - y) * 12 + at.getUTCMonth() - m) / n),
      };
    case "YEARLY":
      return {
        periodStart: (k: number) => (k === 0 ? start : new Date(Date.UTC(y + k * n, 0, 1))),
        periodIndex: (at: Date) => Math.floor((at.getUTCFullYear() - y) / n),
      };
  }
}

/** How many periods one chunk covers: a few milliseconds of the library's work between budget checks and yields. */
const periodsPerChunk: Record<RuleParts["freq"], number> = { HOURLY: 48, DAILY: 31, WEEKLY: 8, MONTHLY: 6, YEARLY: 2 };

/** Search is a resumable expansion: each step expands one chunk; done when `result` is set. */
type Step = { done: false } | { done: true; result: Date | null };

function search(parts: RuleParts, query: OccurrenceQuery): () => Step {
  const start = toFloating(query.dtstart, query.timeZone);
  const after = toFloating(query.after, query.timeZone);
  const limit = query.count ?? parts.count;
  const counting = limit !== undefined && query.completedCount === undefined;
  const grid = periodGrid(parts, start);
  const base = ruleOptions(parts, start);
  const horizon = new Date(Math.max(after.getTime(), start.getTime()));
  horizon.setUTCFullYear(horizon.getUTCFullYear() + expansionLimits.horizonYears);
  const oneInterval = grid.periodStart(1).getTime() - grid.periodStart(0).getTime();
  const until = parts.until ? untilFloating(parts.until, query.timeZone).getTime() : Number.POSITIVE_INFINITY;
  const end = Math.min(until, horizon.getTime() + Math.max(oneInterval, 0), windowEnd);
  // Counting from dtstart walks every period since it; otherwise the search starts at the period holding `after`.
  let k = counting ? 0 : Math.max(0, grid.periodIndex(after));
  let remaining = counting ? limit : undefined;
  // Days are the unit of the BY parts for hourly, daily and weekly rules: periods without a day those
  // parts allow are skipped without the library (they hold no occurrence, so counting is unchanged).
  const daySkipping =
    (parts.freq === "HOURLY" || parts.freq === "DAILY" || parts.freq === "WEEKLY") &&
    Boolean(parts.byMonth || parts.byMonthDay || parts.byYearDay || parts.byDay);
  return () => {
    if (daySkipping) {
      const candidate = nextCandidateDay(parts, grid.periodStart(k).getTime(), end);
      if (candidate === null) return { done: true, result: null };
      k = Math.max(k, grid.periodIndex(new Date(candidate)));
    }
    const from = grid.periodStart(k);
    if (from.getTime() > end) return { done: true, result: null };
    const next = k + periodsPerChunk[parts.freq];
    const chunkEnd = Math.min(end, grid.periodStart(next).getTime() - 1);
    const seen: { found?: Date; ended?: boolean } = {};
    new RRule({ ...base, dtstart: from, until: new Date(chunkEnd), count: null }).all((date) => {
      if (remaining !== undefined) {
        if (remaining === 0) {
          seen.ended = true;
          return false;
        }
        remaining -= 1;
      }
      if (date > after) {
        seen.found = date;
        return false;
      }
      return true;
    });
    if (seen.found) return { done: true, result: fromFloating(seen.found, query.timeZone) };
    if (seen.ended || remaining === 0) return { done: true, result: null };
    k = next;
    return { done: false };
  };
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * unreachableHours: an hourly rule steps from dtstart's hour by INTERVAL, so it only ever visits hours
 * congruent to that one modulo gcd(INTERVAL, 24). When BYHOUR lists none of them the rule never fires,
 * and the rrule package would loop forever looking (FREQ=HOURLY;INTERVAL=2;BYHOUR=3 from an even hour).
 */
function unreachableHours(parts: RuleParts, start: Date): string | null {
  if (parts.freq !== "HOURLY" || !parts.byHour) return null;
  const step = gcd(parts.interval ?? 1, 24);
  const first = start.getUTCHours();
  if (parts.byHour.some((hour) => (((hour - first) % step) + step) % step === 0)) return null;
  return `BYHOUR is never reached every ${parts.interval} hours from ${first}:00`;
}

function prepare(query: OccurrenceQuery): { parts: RuleParts } | { result: null } {
  const parsed = parseRule(query.rrule);
  if (!parsed.ok) throw new RuleError(query.rrule, parsed.problem);
  for (const [name, instant] of [
    ["dtstart", query.dtstart],
    ["after", query.after],
  ] as const) {
    if (Number.isNaN(instant.getTime()) || !inCalendarWindow(instant)) {
      throw new RuleError(
        query.rrule,
        `${name} must be within the years ${ruleLimits.firstYear}..${ruleLimits.lastYear}`,
        name,
      );
    }
  }
  const unreachable = unreachableHours(parsed.parts, toFloating(query.dtstart, query.timeZone));
  if (unreachable) throw new RuleError(query.rrule, `never fires: ${unreachable}`);
  const limit = query.count ?? parsed.parts.count;
  if (query.completedCount !== undefined && limit !== undefined && query.completedCount >= limit)
    return { result: null };
  return { parts: parsed.parts };
}

const tooCostly = (rule: string) =>
  new RuleError(rule, `too costly to expand (needs more than ${expansionLimits.maxChunks} search steps)`);

/**
 * nextOccurrence is the first occurrence strictly after `query.after`, or null when the rule has ended
 * (COUNT, UNTIL, or nothing within the horizon). The rule is expanded in floating wall-clock time for the
 * zone, so a daily 09:00 task stays at 09:00 local across DST changes. Throws RuleError on a rule that
 * does not read, can never fire, names absurd dates, or overruns the budget.
 */
export function nextOccurrence(query: OccurrenceQuery): Date | null {
  const prepared = prepare(query);
  if ("result" in prepared) return prepared.result;
  const step = search(prepared.parts, query);
  const deadline = performance.now() + expansionLimits.maxMillis;
  for (let chunks = 1; ; chunks += 1) {
    const state = step();
    if (state.done) return state.result;
    if (chunks >= expansionLimits.maxChunks || performance.now() > deadline) throw tooCostly(query.rrule);
  }
}

const yieldToOthers = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * At most `expansionLimits.concurrent` async expansions take turns on the event loop; the rest wait
 * their turn. Otherwise fifty costly rules at once would each run a chunk in every turn of the loop, and
 * a health check would wait behind all fifty.
 */
let running = 0;
const waiting: (() => void)[] = [];
async function takeTurn(): Promise<() => void> {
  if (running >= expansionLimits.concurrent) await new Promise<void>((resolve) => waiting.push(resolve));
  else running += 1;
  return () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
}

/**
 * nextOccurrenceAsync is nextOccurrence for servers: it yields to the event loop between chunks, so a
 * costly rule never holds up other requests (health checks included) for more than one chunk.
 */
export async function nextOccurrenceAsync(query: OccurrenceQuery): Promise<Date | null> {
  const prepared = prepare(query);
  if ("result" in prepared) return prepared.result;
  const step = search(prepared.parts, query);
  const release = await takeTurn();
  try {
    let spent = 0;
    for (let chunks = 1; ; chunks += 1) {
      const began = performance.now();
      const state = step();
      if (state.done) return state.result;
      spent += performance.now() - began;
      if (chunks >= expansionLimits.maxChunks || spent > expansionLimits.maxMillis) throw tooCostly(query.rrule);
      await yieldToOthers();
    }
  } finally {
    release();
  }
}

/** AcceptedRule is a rule a task may store (upper-cased, without "RRULE:"), or why it may not. */
export type AcceptedRule = { rule: string } | { problem: string };

/** The first occurrence a rule must have: at or after `start`, read in `timeZone`. */
export interface AcceptanceContext {
  start: Date;
  timeZone: string;
}

/**
 * acceptRule is the one acceptance rule for a task's recurrence: the rule reads (parseRule), its BY parts
 * can meet, and a bounded trial expansion from `start` finds an occurrence within the horizon.
 */
export async function acceptRule(text: string, context: AcceptanceContext): Promise<AcceptedRule> {
  const parsed = parseRule(text);
  if (!parsed.ok) return { problem: parsed.problem };
  try {
    const first = await nextOccurrenceAsync({
      rrule: parsed.rule,
      dtstart: context.start,
      after: new Date(context.start.getTime() - 1000),
      timeZone: context.timeZone,
    });
    if (!first)
      return { problem: `the rule has no occurrence within ${expansionLimits.horizonYears} years of its start` };
  } catch (error) {
    if (error instanceof RuleError) return { problem: error.problem };
    throw error;
  }
  return { rule: parsed.rule };
}

/** The first day on or after `from` (a local date) that a rule allows, ignoring COUNT and UNTIL; `from` when none. */
export function firstDayOnOrAfter(
  parts: RuleParts,
  from: { year: number; month: number; day: number },
): { year: number; month: number; day: number } {
  const start = new Date(Date.UTC(from.year, from.month - 1, from.day));
  const { count: _count, until: _until, ...open } = parts;
  try {
    const first = nextOccurrence({
      rrule: formatRule(open),
      dtstart: start,
      after: new Date(start.getTime() - 1000),
      timeZone: "UTC",
    });
    if (!first) return from;
    return { year: first.getUTCFullYear(), month: first.getUTCMonth() + 1, day: first.getUTCDate() };
  } catch (error) {
    if (error instanceof RuleError) return from;
    throw error;
  }
}
