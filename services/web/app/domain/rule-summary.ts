import { monthNames, weekdayNamesByCode } from "../../../../vocabulary/calendar-names";
import type { Language } from "../i18n/language";
import { parseRrule, weekdayCodes, type RuleParts, type WeekdayCode } from "./rrule";

const englishDays: Record<WeekdayCode, string> = weekdayNamesByCode.en;
const urduDays: Record<WeekdayCode, string> = weekdayNamesByCode.ur;
const englishMonths = monthNames.en;
const urduMonths = monthNames.ur;
const urduOrdinals = ["", "پہلے", "دوسرے", "تیسرے", "چوتھے", "پانچویں"];

const weekdaySet = ["MO", "TU", "WE", "TH", "FR"];

function englishOrdinal(n: number): string {
  if (n === -1) return "last";
  if (n === -2) return "second-to-last";
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${suffix}`;
}

const urduOrdinal = (n: number): string => (n === -1 ? "آخری" : n === -2 ? "آخری سے پہلے" : (urduOrdinals[n] ?? `${n}ویں`));

function joinList(items: string[], language: Language): string {
  if (items.length <= 1) return items.join("");
  const and = language === "ur" ? " اور " : " and ";
  const comma = language === "ur" ? "، " : ", ";
  return `${items.slice(0, -1).join(comma)}${and}${items.at(-1)}`;
}

const sortedDays = (parts: RuleParts) =>
  [...parts.byDay].sort((a, b) => weekdayCodes.indexOf(a.day) - weekdayCodes.indexOf(b.day)).map((d) => d.day);

const isWeekdays = (days: string[]) => days.length === 5 && weekdaySet.every((d) => days.includes(d));

function clock(parts: RuleParts): string | undefined {
  if (parts.byHour.length !== 1) return undefined;
  return `${parts.byHour[0]}:${String(parts.byMinute[0] ?? 0).padStart(2, "0")}`;
}

function untilDate(until: string, language: Language): string {
  const [year, month, day] = [Number(until.slice(0, 4)), Number(until.slice(4, 6)), Number(until.slice(6, 8))];
  return language === "ur" ? `${day} ${urduMonths[month - 1]} ${year}` : `${englishMonths[month - 1]} ${day}, ${year}`;
}

function englishCore(parts: RuleParts): string | undefined {
  const n = parts.interval;
  const every = (unit: string) => (n === 1 ? `every ${unit}` : `every ${n} ${unit}s`);
  const days = sortedDays(parts);
  switch (parts.freq) {
    case "MINUTELY":
      return every("minute");
    case "HOURLY":
      return every("hour");
    case "DAILY":
      return every("day");
    case "WEEKLY": {
      if (days.length === 0) return every("week");
      if (days.length === 7 && n === 1) return "every day";
      if (isWeekdays(days)) return n === 1 ? "every weekday" : `every ${n} weeks on weekdays`;
      const names = days.map((d) => englishDays[d]);
      if (n === 1) return `every ${joinList(names, "en")}`;
      if (days.length === 1) return `every ${englishOrdinal(n)} ${names[0]}`;
      return `every ${n} weeks on ${joinList(names, "en")}`;
    }
    case "MONTHLY": {
      const period = n === 1 ? "every month" : `every ${n} months`;
      if (parts.byDay.length > 0 && parts.byDay.every((d) => d.ordinal)) {
        const which = parts.byDay.map((d) => `${englishOrdinal(d.ordinal!)} ${englishDays[d.day]}`);
        return `on the ${joinList(which, "en")} of ${period}`;
      }
      if (parts.byMonthDay.length > 0) {
        const which = parts.byMonthDay.map((d) => (d === -1 ? "last day" : englishOrdinal(d)));
        return `on the ${joinList(which, "en")} of ${period}`;
      }
      return parts.byDay.length === 0 ? period : undefined;
    }
    case "YEARLY": {
      const period = every("year");
      if (parts.byMonth.length === 1 && parts.byMonthDay.length === 1 && parts.byDay.length === 0) {
        return `${period} on ${englishMonths[parts.byMonth[0]! - 1]} ${parts.byMonthDay[0]}`;
      }
      return parts.byMonth.length === 0 && parts.byMonthDay.length === 0 && parts.byDay.length === 0 ? period : undefined;
    }
  }
}

function urduCore(parts: RuleParts): string | undefined {
  const n = parts.interval;
  const every = (unit: string, once: string) => (n === 1 ? once : `ہر ${n} ${unit} بعد`);
  const days = sortedDays(parts);
  switch (parts.freq) {
    case "MINUTELY":
      return every("منٹ", "ہر منٹ");
    case "HOURLY":
      return every("گھنٹے", "ہر گھنٹے");
    case "DAILY":
      return every("دن", "روزانہ");
    case "WEEKLY": {
      if (days.length === 0) return every("ہفتے", "ہر ہفتے");
      if (days.length === 7 && n === 1) return "روزانہ";
      if (isWeekdays(days)) return n === 1 ? "ہر کام کے دن" : `ہر ${n} ہفتے بعد، کام کے دنوں میں`;
      const names = days.map((d) => urduDays[d]);
      if (n === 1) return `ہر ${joinList(names, "ur")}`;
      if (days.length === 1) return `ہر ${urduOrdinal(n)} ${names[0]}`;
      return `ہر ${n} ہفتے بعد ${joinList(names, "ur")} کو`;
    }
    case "MONTHLY": {
      const period = n === 1 ? "ہر مہینے" : `ہر ${n} مہینے بعد`;
      if (parts.byDay.length > 0 && parts.byDay.every((d) => d.ordinal)) {
        const which = parts.byDay.map((d) => `${urduOrdinal(d.ordinal!)} ${urduDays[d.day]}`);
        return n === 1 ? `ہر مہینے کے ${joinList(which, "ur")} کو` : `${period}، ${joinList(which, "ur")} کو`;
      }
      if (parts.byMonthDay.length > 0) {
        if (parts.byMonthDay.length === 1 && parts.byMonthDay[0] === -1) return `${period} کے آخری دن`;
        return `${period} کی ${joinList(parts.byMonthDay.map(String), "ur")} تاریخ کو`;
      }
      return parts.byDay.length === 0 ? period : undefined;
    }
    case "YEARLY": {
      const period = every("سال", "ہر سال");
      if (parts.byMonth.length === 1 && parts.byMonthDay.length === 1 && parts.byDay.length === 0) {
        return `${period} ${parts.byMonthDay[0]} ${urduMonths[parts.byMonth[0]! - 1]} کو`;
      }
      return parts.byMonth.length === 0 && parts.byMonthDay.length === 0 && parts.byDay.length === 0 ? period : undefined;
    }
  }
}

/**
 * summarizeRule renders an RRULE as a phrase people read ("every 2nd Monday", "ہر دوسرے پیر");
 * undefined when the rule uses parts the summary does not cover (the UI then shows the rule itself).
 */
export function summarizeRule(rrule: string, language: Language): string | undefined {
  const parts = parseRrule(rrule);
  if (!parts) return undefined;
  const core = language === "ur" ? urduCore(parts) : englishCore(parts);
  if (!core) return undefined;
  const pieces = [core];
  const time = clock(parts);
  if (time) pieces.push(language === "ur" ? `${time} بجے` : `at ${time}`);
  let phrase = pieces.join(" ");
  const comma = language === "ur" ? "، " : ", ";
  if (parts.count) phrase += comma + (language === "ur" ? `${parts.count} بار` : parts.count === 1 ? "once" : `${parts.count} times`);
  if (parts.until) phrase += comma + (language === "ur" ? `${untilDate(parts.until, "ur")} تک` : `until ${untilDate(parts.until, "en")}`);
  return phrase;
}
