import { monthNames, weekdayNames } from "../../../../vocabulary/calendar-names";
import { urduClock } from "../../../../vocabulary/clock-time";
import { daysBetween, offsetMinutes, toLocal, weekdayOf } from "../../../../vocabulary/time-zone";
import type { Translator } from "../i18n/translate";

const formatters = new Map<string, Intl.DateTimeFormat>();
function format(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions, date: Date): string {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, formatter);
  }
  return formatter.format(date);
}

/**
 * dayLabel names a day relative to now in the user's zone: Today, Tomorrow, Yesterday, a weekday for
 * the coming week, else a date. A past day is always a date ("Dec 1"): a weekday alone would read as
 * the next one.
 */
function dayLabel(date: Date, now: Date, timeZone: string, i18n: Translator): string {
  const local = toLocal(date, timeZone);
  const days = daysBetween(toLocal(now, timeZone), local);
  if (days === 0) return i18n.t("date.today");
  if (days === 1) return i18n.t("date.tomorrow");
  if (days === -1) return i18n.t("date.yesterday");
  const sameYear = toLocal(now, timeZone).year === local.year;
  if (i18n.language === "ur") {
    // As chat writes dates: "1 دسمبر", "جمعہ 6 مارچ"; Intl's Urdu months differ from the vocabulary's.
    const weekday = weekdayNames.ur[weekdayOf(local)]!;
    const day = `${local.day} ${monthNames.ur[local.month - 1]}${sameYear ? "" : ` ${local.year}`}`;
    if (days > 1 && days < 7) return weekday;
    return days > 0 ? `${weekday} ${day}` : day;
  }
  const options: Intl.DateTimeFormatOptions =
    days > 1 && days < 7
      ? { weekday: "long" }
      : {
          ...(days > 0 ? { weekday: "short" } : {}),
          month: "short",
          day: "numeric",
          ...(sameYear ? {} : { year: "numeric" }),
        };
  return format(i18n.locale, timeZone, options, date);
}

/** timeLabel is a clock time in the user's zone and language; Urdu says it as chat does ("صبح 9 بجے"). */
function timeLabel(date: Date, timeZone: string, i18n: Translator): string {
  if (i18n.language === "ur") {
    const local = toLocal(date, timeZone);
    return urduClock(local.hour, local.minute);
  }
  return format(i18n.locale, timeZone, { hour: "numeric", minute: "2-digit" }, date);
}

/** whenLabel is "Tomorrow, 5:00 PM", or only the day when the time does not matter. */
export function whenLabel(date: Date, dateOnly: boolean, now: Date, timeZone: string, i18n: Translator): string {
  const day = dayLabel(date, now, timeZone, i18n);
  return dateOnly ? day : i18n.t("date.dayAtTime", { day, time: timeLabel(date, timeZone, i18n) });
}

/** utcOffsetLabel is a zone's offset from UTC at an instant: "UTC+05:00", "UTC−03:30", "UTC+00:00". */
export function utcOffsetLabel(timeZone: string, at: Date): string {
  const minutes = offsetMinutes(at, timeZone);
  const sign = minutes < 0 ? "−" : "+";
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** zoneCity is the place a zone is named after: "America/New_York" → "New York". */
export const zoneCity = (timeZone: string): string => (timeZone.split("/").pop() ?? timeZone).replaceAll("_", " ");

/** fullLabel is an unambiguous date and time, for tooltips and the activity log. */
export function fullLabel(date: Date, timeZone: string, i18n: Translator): string {
  if (i18n.language === "ur") {
    const local = toLocal(date, timeZone);
    return `${local.day} ${monthNames.ur[local.month - 1]} ${local.year}، ${urduClock(local.hour, local.minute)}`;
  }
  return format(i18n.locale, timeZone, { dateStyle: "medium", timeStyle: "short" }, date);
}

/** durationLabel names a reminder offset in the largest whole unit: "30 minutes", "2 hours", "1 day". */
export function durationLabel(seconds: number, i18n: Translator): string {
  if (seconds > 0 && seconds % 86_400 === 0) return i18n.plural("duration.days", seconds / 86_400);
  if (seconds > 0 && seconds % 3600 === 0) return i18n.plural("duration.hours", seconds / 3600);
  return i18n.plural("duration.minutes", Math.round(seconds / 60));
}
