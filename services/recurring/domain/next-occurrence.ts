import { nextOccurrenceAsync, RuleError } from "../../../vocabulary/recurrence/expand";
import { isValidTimeZone } from "../../../vocabulary/time-zone";

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

/**
 * nextOccurrence returns the first occurrence strictly after `after`, or null when the rule has ended
 * (COUNT reached, past UNTIL, nothing within the horizon). It is the vocabulary's bounded expansion
 * (the same one the Recurring agent uses over SkillService), yielding to the event loop as it goes; a
 * rule or zone it cannot evaluate (malformed, never fires, too costly) is an InvalidRuleError.
 */
export async function nextOccurrence(query: OccurrenceQuery): Promise<Date | null> {
  if (!isValidTimeZone(query.timeZone)) throw new InvalidRuleError(`unknown time zone "${query.timeZone}"`);
  try {
    return await nextOccurrenceAsync(query);
  } catch (error) {
    if (error instanceof RuleError) throw new InvalidRuleError(error.message, { cause: error });
    throw error;
  }
}
