import { daysBetween, toLocal } from "../../../../vocabulary/time-zone";
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

/** dayLabel names a day relative to now in the user's zone: Today, Tomorrow, Yesterday, or a short date. */
function dayLabel(date: Date, now: Date, timeZone: string, i18n: Translator): string {
  const days = daysBetween(toLocal(now, timeZone), toLocal(date, timeZone));
  if (days === 0) return i18n.t("date.today");
  if (days === 1) return i18n.t("date.tomorrow");
  if (days === -1) return i18n.t("date.yesterday");
  const sameYear = toLocal(now, timeZone).year === toLocal(date, timeZone).year;
  const options: Intl.DateTimeFormatOptions =
    Math.abs(days) < 7
      ? { weekday: "long" }
      : { weekday: "short", month: "short", day: "numeric", ...(sameYear ? {} : { year: "numeric" }) };
  return format(i18n.locale, timeZone, options, date);
}

/** timeLabel is a clock time in the user's zone and language. */
const timeLabel = (date: Date, timeZone: string, i18n: Translator): string =>
  format(i18n.locale, timeZone, { hour: "numeric", minute: "2-digit" }, date);

/** whenLabel is "Tomorrow, 5:00 PM", or only the day when the time does not matter. */
export function whenLabel(date: Date, dateOnly: boolean, now: Date, timeZone: string, i18n: Translator): string {
  const day = dayLabel(date, now, timeZone, i18n);
  return dateOnly ? day : i18n.t("date.dayAtTime", { day, time: timeLabel(date, timeZone, i18n) });
}

/** fullLabel is an unambiguous date and time, for tooltips and the activity log. */
export const fullLabel = (date: Date, timeZone: string, i18n: Translator): string =>
  format(i18n.locale, timeZone, { dateStyle: "medium", timeStyle: "short" }, date);

/** durationLabel names a reminder offset in the largest whole unit: "30 minutes", "2 hours", "1 day". */
export function durationLabel(seconds: number, i18n: Translator): string {
  if (seconds > 0 && seconds % 86_400 === 0) return i18n.plural("duration.days", seconds / 86_400);
  if (seconds > 0 && seconds % 3600 === 0) return i18n.plural("duration.hours", seconds / 3600);
  return i18n.plural("duration.minutes", Math.round(seconds / 60));
}
