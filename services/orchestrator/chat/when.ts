import {
  monthNames,
  romanWeekdayNames,
  shortMonthNames,
  shortWeekdayNames,
  weekdayNames,
} from "../../../vocabulary/calendar-names";
import { romanUrduClock, urduClock } from "../../../vocabulary/clock-time";
import {
  addDays,
  daysBetween,
  type LocalDateTime,
  startOfDay,
  toLocal,
  weekdayOf,
} from "../../../vocabulary/time-zone";
import type { Locale } from "./pending";

type LocalParts = LocalDateTime & { weekday: number };

const weekdays = shortWeekdayNames;

function localParts(date: Date, timeZone: string): LocalParts {
  const local = toLocal(date, timeZone);
  return { ...local, weekday: weekdayOf(local) };
}

const EN_MONTHS = shortMonthNames;
const UR_MONTHS = monthNames.ur;
const UR_DAYS = weekdayNames.ur;

function englishDay(p: LocalParts, offset: number, sameYear: boolean): string {
  if (offset === 0) return "today";
  if (offset === 1) return "tomorrow";
  if (offset === -1) return "yesterday";
  return `${weekdays[p.weekday]}, ${EN_MONTHS[p.month - 1]} ${p.day}${sameYear ? "" : `, ${p.year}`}`;
}

function urduDay(p: LocalParts, offset: number, sameYear: boolean): string {
  if (offset === 0) return "آج";
  if (offset === 1) return "کل";
  if (offset === -1) return "گزشتہ کل";
  if (offset === 2) return "پرسوں";
  return `${UR_DAYS[p.weekday]} ${p.day} ${UR_MONTHS[p.month - 1]}${sameYear ? "" : ` ${p.year}`}`;
}

/** urduTime and romanTime say a clock time as the web app does too (vocabulary/clock-time: one formatter). */
const urduTime = (p: LocalParts): string => urduClock(p.hour, p.minute);

function romanDay(p: LocalParts, offset: number, sameYear: boolean): string {
  if (offset === 0) return "aaj";
  if (offset === 1) return "kal";
  if (offset === -1) return "guzishta kal";
  if (offset === 2) return "parson";
  return `${romanWeekdayNames[p.weekday]} ${p.day} ${monthNames.en[p.month - 1]}${sameYear ? "" : ` ${p.year}`}`;
}

const romanTime = (p: LocalParts): string => romanUrduClock(p.hour, p.minute);

function englishTime(p: LocalParts): string {
  const hour12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  return `${hour12}:${String(p.minute).padStart(2, "0")} ${p.hour < 12 ? "AM" : "PM"}`;
}

/**
 * describeWhen says an instant the way people do, in the user's zone: "tomorrow at 5:00 PM",
 * "Fri, Mar 6", "کل شام 5 بجے", "جمعہ 6 مارچ", "kal shaam 5 baje".
 */
export function describeWhen(at: Date, dateOnly: boolean, timeZone: string, now: Date, locale: Locale): string {
  const p = localParts(at, timeZone);
  const today = localParts(now, timeZone);
  const offset = daysBetween(today, p);
  const sameYear = p.year === today.year;
  if (locale === "ur")
    return dateOnly ? urduDay(p, offset, sameYear) : `${urduDay(p, offset, sameYear)} ${urduTime(p)}`;
  if (locale === "roman-ur")
    return dateOnly ? romanDay(p, offset, sameYear) : `${romanDay(p, offset, sameYear)} ${romanTime(p)}`;
  const day = englishDay(p, offset, sameYear);
  return dateOnly ? day : `${day} at ${englishTime(p)}`;
}

/** localDayRange is the [start, end) instants of the local day an instant falls on (23 or 25 hours across DST). */
export function localDayRange(at: Date, timeZone: string): { start: Date; end: Date } {
  const day = toLocal(at, timeZone);
  return { start: startOfDay(day, timeZone), end: startOfDay(addDays(day, 1), timeZone) };
}
