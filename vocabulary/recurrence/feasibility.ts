import type { RuleParts } from "./rule";

const monthLengths = (leap: boolean) => [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * neverMeets reasons about the calendar before anything is expanded: a day must satisfy BYMONTH,
 * BYMONTHDAY and BYYEARDAY together, and in some year (leap or not) such a day exists or the rule can
 * never fire (BYMONTH=2;BYMONTHDAY=30, BYYEARDAY=1;BYMONTH=7). Returns why not, or null when they can meet.
 * Exact for those three parts; what else restricts the days (weekdays, BYSETPOS, INTERVAL) is left to
 * the bounded trial expansion.
 */
export function neverMeets(parts: RuleParts): string | null {
  const { byMonth, byMonthDay, byYearDay } = parts;
  if (!byMonthDay && !byYearDay) return null;
  for (const leap of [false, true]) {
    const lengths = monthLengths(leap);
    const yearLength = leap ? 366 : 365;
    let yearDay = 0;
    for (let month = 1; month <= 12; month++) {
      const length = lengths[month - 1]!;
      for (let day = 1; day <= length; day++) {
        yearDay += 1;
        if (byMonth && !byMonth.includes(month)) continue;
        if (byMonthDay && !byMonthDay.includes(day) && !byMonthDay.includes(day - length - 1)) continue;
        if (byYearDay && !byYearDay.includes(yearDay) && !byYearDay.includes(yearDay - yearLength - 1)) continue;
        return null;
      }
    }
  }
  const named = [byMonth && "BYMONTH", byMonthDay && "BYMONTHDAY", byYearDay && "BYYEARDAY"].filter(Boolean);
  return `${named.join(", ")} never meet on one day`;
}

const dayMs = 86_400_000;
const codesFromSunday = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

/**
 * nextCandidateDay is the first UTC day at or after `from` (and not after `until`) that BYMONTH,
 * BYMONTHDAY, BYYEARDAY and the weekdays of BYDAY all allow, as the start of that day; null when none.
 * A plain loop over days, far cheaper than the rrule package's iteration, so the expansion can skip the
 * months a sparse rule ("every hour on 29 February that is a Monday") cannot touch.
 */
export function nextCandidateDay(parts: RuleParts, from: number, until: number): number | null {
  const { byMonth, byMonthDay, byYearDay, byDay } = parts;
  const weekdays = byDay ? new Set(byDay.map((entry) => entry.slice(-2))) : undefined;
  for (let day = Math.floor(from / dayMs) * dayMs; day <= until; day += dayMs) {
    const date = new Date(day);
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth() + 1;
    if (byMonth && !byMonth.includes(month)) continue;
    const monthDay = date.getUTCDate();
    const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (byMonthDay && !byMonthDay.includes(monthDay) && !byMonthDay.includes(monthDay - length - 1)) continue;
    if (byYearDay) {
      const yearDay = (day - Date.UTC(year, 0, 1)) / dayMs + 1;
      const yearLength = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / dayMs;
      if (!byYearDay.includes(yearDay) && !byYearDay.includes(yearDay - yearLength - 1)) continue;
    }
    if (weekdays && !weekdays.has(codesFromSunday[date.getUTCDay()]!)) continue;
    return day;
  }
  return null;
}
