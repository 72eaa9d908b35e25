import type { ParsedResult } from "chrono-node";
import * as chrono from "chrono-node";
import type { LocalDate } from "../../../vocabulary/time-zone";
import { addDays, compareDates, daysInMonth, offsetMinutes, weekdayOf } from "../../../vocabulary/time-zone";
import type { DayPeriod } from "../date-words";
import type { Scanner } from "../scanner";
import { wordRegex } from "../scanner";
import type { DateFinding, DateFrame } from "./date-finding";
import { addMonths, nextWeekday } from "./urdu-helpers";

const NEXT_PERIOD = wordRegex("next\\s+(week|month|year)");
const THIS_WEEK = wordRegex("(?:this\\s+week|(?:by\\s+)?(?:the\\s+)?end\\s+of\\s+(?:the\\s+|this\\s+)?week)");
const END_OF_DAY = wordRegex("(?:by\\s+)?(?:eod|end\\s+of\\s+(?:the\\s+)?day)");
const HALF_PAST = wordRegex("(half|quarter)\\s+past\\s+(\\d{1,2})|quarter\\s+to\\s+(\\d{1,2})");
/** "on the 15th", "by the 5th", or "the 15th" ending a clause; not "the 2nd floor". */
const ORDINAL_DAY = wordRegex(
  "(?:(?:on|by|before|until|till|due|for)\\s+)the\\s+(\\d{1,2})(?:st|nd|rd|th)(?!\\s+(?:of|day|time))|the\\s+(\\d{1,2})(?:st|nd|rd|th)(?=\\s*(?:$|[,.;]|at\\s))",
);
const BARE_WEEKDAY_ABBREVIATION = /^(?:sun|sat|mon|tue|tues|wed|thu|thur|thurs|fri)\.?$/;
const LOOSE_PERIOD = /^(?:the\s+)?(?:week|month|year|day)$/;
const RELATIVE_INSTANT = /^(?:in\s|within\s)|(?:from\s+now|later)$/;

/** Time a casual word stands for, so "tomorrow morning" is 09:00 as in the Urdu rules. */
const CASUAL_PERIODS: ReadonlyArray<readonly [string, DayPeriod]> = [
  ["casualReference/morning", "morning"],
  ["casualReference/afternoon", "afternoon"],
  ["casualReference/evening", "evening"],
  ["casualReference/tonight", "night"],
  ["casualReference/night", "night"],
];

/**
 * Reads English dates and times: a few rules of our own (next week/month/year as the start of that
 * period, this week as its Friday, end of day as 17:00, "half past 5", "the 15th"), then chrono-node,
 * interpreted in the frame's zone. Chrono's loose readings ("sun" in "sun screen", "for 5 minutes")
 * are dropped.
 */
export function scanEnglishDates(scanner: Scanner, frame: DateFrame, field: string): DateFinding[] {
  const { now } = frame;
  const today: LocalDate = { year: now.year, month: now.month, day: now.day };
  const findings: DateFinding[] = [];
  const take = (start: number, end: number, finding: Omit<DateFinding, "span">): void => {
    const [span] = scanner.claimPieces(field, start, end);
    if (span) findings.push({ ...finding, span });
  };
  const takeMatch = (match: RegExpExecArray, finding: Omit<DateFinding, "span">): void =>
    take(match.index, match.index + match[0].length, finding);

  for (const match of scanner.matches(NEXT_PERIOD)) {
    if (match[1] === "week") takeMatch(match, { date: addDays(today, 7 - ((weekdayOf(today) + 6) % 7)) });
    else if (match[1] === "month") takeMatch(match, { date: addMonths({ ...today, day: 1 }, 1) });
    else takeMatch(match, { date: { year: today.year + 1, month: 1, day: 1 } });
  }
  for (const match of scanner.matches(THIS_WEEK)) takeMatch(match, { date: nextWeekday(today, 5, true) });
  for (const match of scanner.matches(END_OF_DAY))
    takeMatch(match, { clock: { hour: 17, minute: 0, needsMeridiem: false } });
  for (const match of scanner.matches(HALF_PAST)) {
    const past = Number(match[2]);
    const to = Number(match[3]);
    const clock = match[3]
      ? { hour: to === 1 ? 12 : to - 1, minute: 45, needsMeridiem: true }
      : { hour: past, minute: match[1] === "half" ? 30 : 15, needsMeridiem: true };
    if (clock.hour <= 12) takeMatch(match, { clock });
  }
  for (const match of scanner.matches(ORDINAL_DAY)) {
    const day = Number(match[1] ?? match[2]);
    if (day < 1 || day > 31) continue;
    let date: LocalDate = { ...today, day: Math.min(day, daysInMonth(today.year, today.month)) };
    if (compareDates(date, today) < 0) {
      const next = addMonths({ ...today, day: 1 }, 1);
      date = { ...next, day: Math.min(day, daysInMonth(next.year, next.month)) };
    }
    takeMatch(match, { date });
  }

  const reference = { instant: frame.reference, timezone: offsetMinutes(frame.reference, frame.timeZone) };
  for (const result of chrono.parse(scanner.work, reference, { forwardDate: true })) {
    const finding = fromChrono(result);
    if (finding) take(result.index, result.index + result.text.length, finding);
  }
  return findings;
}

function fromChrono(result: ParsedResult): Omit<DateFinding, "span"> | null {
  const text = result.text.trim();
  if (BARE_WEEKDAY_ABBREVIATION.test(text) || LOOSE_PERIOD.test(text)) return null;
  const start = result.start;
  const tags = result.tags();
  if (tags.has("result/relativeDateAndTime")) {
    return RELATIVE_INSTANT.test(text) ? { instant: result.date() } : null;
  }
  const finding: Omit<DateFinding, "span"> = {};
  if (start.isCertain("day") || start.isCertain("weekday") || start.isCertain("month")) {
    finding.date = { year: start.get("year") ?? 0, month: start.get("month") ?? 1, day: start.get("day") ?? 1 };
  }
  const period = CASUAL_PERIODS.find(([tag]) => tags.has(tag))?.[1];
  if (period) finding.period = period;
  if (tags.has("casualReference/noon")) finding.clock = { hour: 12, minute: 0, needsMeridiem: false };
  else if (tags.has("casualReference/midnight")) finding.clock = { hour: 0, minute: 0, needsMeridiem: false };
  else if (start.isCertain("hour")) {
    const hour = start.get("hour") ?? 0;
    const minute = start.get("minute") ?? 0;
    finding.clock = { hour, minute, needsMeridiem: !start.isCertain("meridiem") && hour >= 1 && hour <= 12 };
  }
  return finding.date || finding.clock || finding.period ? finding : null;
}
