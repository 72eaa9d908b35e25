import type { Locale } from "./pending";

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function localParts(date: Date, timeZone: string): LocalParts {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone, year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", weekday: "short", hourCycle: "h23",
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    weekday: weekdays.indexOf(parts.weekday ?? "Sun"),
  };
}

const dayNumber = (p: LocalParts): number => Date.UTC(p.year, p.month - 1, p.day) / 86_400_000;

const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const UR_MONTHS = ["جنوری", "فروری", "مارچ", "اپریل", "مئی", "جون", "جولائی", "اگست", "ستمبر", "اکتوبر", "نومبر", "دسمبر"];
const UR_DAYS = ["اتوار", "پیر", "منگل", "بدھ", "جمعرات", "جمعہ", "ہفتہ"];

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

function urduTime(p: LocalParts): string {
  const part = p.hour < 4 ? "رات" : p.hour < 12 ? "صبح" : p.hour < 16 ? "دوپہر" : p.hour < 19 ? "شام" : "رات";
  const hour12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  return `${part} ${hour12}${p.minute ? `:${String(p.minute).padStart(2, "0")}` : ""} بجے`;
}

function englishTime(p: LocalParts): string {
  const hour12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  return `${hour12}:${String(p.minute).padStart(2, "0")} ${p.hour < 12 ? "AM" : "PM"}`;
}

/**
 * describeWhen says an instant the way people do, in the user's zone: "tomorrow at 5:00 PM",
 * "Fri, Mar 6", "کل شام 5 بجے", "جمعہ 6 مارچ".
 */
export function describeWhen(at: Date, dateOnly: boolean, timeZone: string, now: Date, locale: Locale): string {
  const p = localParts(at, timeZone);
  const today = localParts(now, timeZone);
  const offset = dayNumber(p) - dayNumber(today);
  const sameYear = p.year === today.year;
  if (locale === "ur") return dateOnly ? urduDay(p, offset, sameYear) : `${urduDay(p, offset, sameYear)} ${urduTime(p)}`;
  const day = englishDay(p, offset, sameYear);
  return dateOnly ? day : `${day} at ${englishTime(p)}`;
}

/** localDayRange is the [start, end) instants of the local day an instant falls on. */
export function localDayRange(at: Date, timeZone: string): { start: Date; end: Date } {
  const p = localParts(at, timeZone);
  const sinceMidnight = (p.hour * 60 + p.minute) * 60_000 + at.getUTCSeconds() * 1000 + at.getUTCMilliseconds();
  const start = new Date(at.getTime() - sinceMidnight);
  return { start, end: new Date(start.getTime() + 86_400_000) };
}
