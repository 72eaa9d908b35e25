import type { LocalDate, LocalDateTime } from "../../../vocabulary/time-zone";
import { addDays, compareDates, fromLocal, toLocal } from "../../../vocabulary/time-zone";
import type { DayPeriod } from "../date-words";
import { PERIOD_DEFAULT_HOUR, toClockHour } from "../date-words";
import type { Ambiguity, Span } from "../types";

/** One date or time expression read out of text; several combine into one due time. */
export interface DateFinding {
  span: Span;
  date?: LocalDate;
  /** Clock time; `hour` may still be 1–12 when `needsMeridiem` is set. */
  clock?: { hour: number; minute: number; needsMeridiem: boolean };
  period?: DayPeriod;
  /** An exact instant ("in 2 hours"), which wins over everything else. */
  instant?: Date;
}

/** What the date rules found in one utterance. */
export interface DateScan {
  findings: DateFinding[];
  ambiguities: Ambiguity[];
}

/** The moment and zone relative words are read against. */
export interface DateFrame {
  reference: Date;
  now: LocalDateTime;
  timeZone: string;
}

/** A resolved due (or reminder) time. */
export interface ResolvedTime {
  instant: Date;
  local: LocalDateTime;
  dateOnly: boolean;
}

export interface ResolveContext {
  now: LocalDateTime;
  timeZone: string;
  /** First day a recurrence allows on or after a date; used when only a time was said. */
  firstAllowedDay?: (from: LocalDate) => LocalDate;
}

/**
 * Combines findings into one time: the first date, the first clock time (read with the first day
 * period), or an exact instant. A time without a date means today when it is still ahead, otherwise
 * tomorrow (or, for a recurring task, the first day the rule allows).
 */
export function resolveFindings(findings: DateFinding[], context: ResolveContext): ResolvedTime | undefined {
  const exact = findings.find((finding) => finding.instant !== undefined)?.instant;
  if (exact) return { instant: exact, local: toLocal(exact, context.timeZone), dateOnly: false };

  const date = findings.find((finding) => finding.date !== undefined)?.date;
  const clock = findings.find((finding) => finding.clock !== undefined)?.clock;
  const period = findings.find((finding) => finding.period !== undefined)?.period;
  if (!date && !clock && !period && !context.firstAllowedDay) return undefined;

  let time: { hour: number; minute: number; dayShift: number } | undefined;
  if (clock) {
    const converted = clock.needsMeridiem ? toClockHour(clock.hour, period) : { hour: clock.hour, dayShift: 0 };
    time = { hour: converted.hour, minute: clock.minute, dayShift: converted.dayShift };
  } else if (period) {
    time = { hour: PERIOD_DEFAULT_HOUR[period], minute: 0, dayShift: 0 };
  }

  const today: LocalDate = { year: context.now.year, month: context.now.month, day: context.now.day };
  let day: LocalDate;
  if (date) {
    day = addDays(date, time?.dayShift ?? 0);
  } else if (context.firstAllowedDay) {
    day = context.firstAllowedDay(today);
    if (time && compareDates(day, today) === 0 && !isAhead(time, context.now)) {
      day = context.firstAllowedDay(addDays(today, 1));
    }
  } else if (time) {
    const shifted = addDays(today, time.dayShift);
    day = time.dayShift > 0 || isAhead(time, context.now) ? shifted : addDays(today, 1);
  } else {
    return undefined;
  }

  const local: LocalDateTime = { ...day, hour: time?.hour ?? 0, minute: time?.minute ?? 0 };
  return { instant: fromLocal(local, context.timeZone), local, dateOnly: time === undefined };
}

function isAhead(time: { hour: number; minute: number }, now: LocalDateTime): boolean {
  return time.hour * 60 + time.minute > now.hour * 60 + now.minute;
}
