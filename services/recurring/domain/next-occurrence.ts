import { RRule, type Options } from "rrule";
import { fromFloating, isValidTimeZone, toFloating } from "../../../skills/shared/time-zone";

/** OccurrenceQuery asks for the first occurrence of a rule strictly after an instant, in a zone. */
export interface OccurrenceQuery {
  /** rrule is an RFC 5545 RRULE value, e.g. "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR". */
  rrule: string;
  after: Date;
  /** dtstart anchors the rule: its local time of day is the time every occurrence keeps. */
  dtstart: Date;
  /** timeZone is the IANA zone the rule is read in. */
  timeZone: string;
  /**
   * completedCount is how many occurrences of the series already exist. COUNT is checked against it
   * rather than expanded from dtstart, because dtstart moves along the series (and with completions).
   */
  completedCount: number;
}

/** InvalidRuleError: the rule or zone cannot be evaluated; retrying will not help. */
export class InvalidRuleError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InvalidRuleError";
  }
}

// Beyond this a rule is treated as ended; it also bounds rrule's search for rules that never match
// (e.g. BYMONTH=2;BYMONTHDAY=30).
const horizonYears = 100;

/** The UNTIL part, read as RFC 5545 says: UTC with "Z", local wall-clock without, a whole day for a date. */
function floatingUntil(rrule: string, timeZone: string): Date | undefined {
  const match = /(?:^|;)UNTIL=(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?(?:;|$)/i.exec(rrule);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, utc] = match;
  const wall = h === undefined
    ? Date.UTC(Number(y), Number(mo) - 1, Number(d), 23, 59, 59)
    : Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return utc ? toFloating(new Date(wall), timeZone) : new Date(wall);
}

function parseRule(rrule: string): Partial<Options> {
  const value = rrule.trim().replace(/^RRULE:/i, "");
  try {
    const options = RRule.parseString(value);
    if (options.freq === undefined) throw new Error("FREQ is required");
    return options;
  } catch (error) {
    throw new InvalidRuleError(`cannot read RRULE "${rrule}": ${(error as Error).message}`, { cause: error });
  }
}

/**
 * nextOccurrence returns the first occurrence strictly after `after`, or null when the rule has ended
 * (COUNT reached, past UNTIL). The rule is expanded in floating wall-clock time and each result turned
 * back into an instant in the zone, so a daily 09:00 task stays at 09:00 local across DST changes.
 */
export function nextOccurrence(query: OccurrenceQuery): Date | null {
  if (!isValidTimeZone(query.timeZone)) throw new InvalidRuleError(`unknown time zone "${query.timeZone}"`);
  const options = parseRule(query.rrule);
  if (options.count !== undefined && options.count !== null && query.completedCount >= options.count) return null;
  const after = toFloating(query.after, query.timeZone);
  const horizon = new Date(after.getTime());
  horizon.setUTCFullYear(horizon.getUTCFullYear() + horizonYears);
  const until = floatingUntil(query.rrule, query.timeZone);
  let rule: RRule;
  try {
    rule = new RRule({
      ...options,
      count: null,
      tzid: null,
      dtstart: toFloating(query.dtstart, query.timeZone),
      until: until && until < horizon ? until : horizon,
    });
  } catch (error) {
    throw new InvalidRuleError(`cannot expand RRULE "${query.rrule}": ${(error as Error).message}`, { cause: error });
  }
  const next = rule.after(after, false);
  return next ? fromFloating(next, query.timeZone) : null;
}
