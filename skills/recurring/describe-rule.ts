import { monthNames, weekdayNamesByCode } from "../../vocabulary/calendar-names.ts";
import { toLocal } from "../../vocabulary/time-zone.ts";
import type { Locale } from "../shared/types.ts";
import { readRule, type RuleParts } from "../../vocabulary/recurrence/rule.ts";

const EN_DAYS: Record<string, string> = weekdayNamesByCode.en;
const UR_DAYS: Record<string, string> = weekdayNamesByCode.ur;
const EN_MONTHS = monthNames.en;
const UR_MONTHS = monthNames.ur;
const EN_ORDINALS: Record<string, string> = { "1": "1st", "2": "2nd", "3": "3rd", "4": "4th", "5": "5th", "-1": "last" };
const UR_ORDINALS: Record<string, string> = { "1": "پہلا", "2": "دوسرا", "3": "تیسرا", "4": "چوتھا", "5": "پانچواں", "-1": "آخری" };
const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR"];

/**
 * A readable summary of an RRULE in English ("every 2nd Monday of the month") or Urdu
 * ("ہر مہینے کا دوسرا پیر"). UNTIL dates are shown in `timeZone` (UTC by default). Unreadable rules
 * come back as the rule text itself.
 */
export function describeRule(rrule: string, locale: Locale, timeZone = "UTC"): string {
  const parts = readRule(rrule);
  if (!parts) return rrule;
  const body = locale === "ur" ? describeUrdu(parts) : describeEnglish(parts);
  return body + ending(parts, locale, timeZone);
}

function ordinalSuffix(day: number): string {
  if (day % 100 >= 11 && day % 100 <= 13) return `${day}th`;
  return `${day}${{ 1: "st", 2: "nd", 3: "rd" }[day % 10] ?? "th"}`;
}

function joinEnglish(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

function joinUrdu(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join("، ")} اور ${words.at(-1)}`;
}

function isWeekdays(days: string[] | undefined): boolean {
  return days?.length === 5 && WEEKDAYS.every((day) => days.includes(day));
}

function describeEnglish(parts: RuleParts): string {
  const n = parts.interval ?? 1;
  const every = (unit: string): string => (n === 1 ? `every ${unit}` : n === 2 ? `every other ${unit}` : `every ${n} ${unit}s`);
  switch (parts.freq) {
    case "HOURLY":
      return every("hour");
    case "DAILY":
      return every("day");
    case "WEEKLY": {
      const days = parts.byDay ?? [];
      if (n === 1 && isWeekdays(days)) return "every weekday";
      if (n === 1 && days.length === 2 && days.includes("SA") && days.includes("SU")) return "every weekend";
      const names = joinEnglish(days.map((day) => EN_DAYS[day] ?? day));
      if (days.length === 0) return every("week");
      if (n === 1) return `every ${names}`;
      if (n === 2) return `every other ${names}`;
      return `every ${n} weeks on ${names}`;
    }
    case "MONTHLY": {
      const prefix = n === 1 ? "every month" : every("month");
      const nthDay = parts.byDay?.[0] && /^(-?\d)([A-Z]{2})$/.exec(parts.byDay[0]);
      if (nthDay) {
        const unit = n === 1 ? "of the month" : `of ${n === 2 ? "every other month" : `every ${n} months`}`;
        return `every ${EN_ORDINALS[nthDay[1] ?? ""] ?? nthDay[1]} ${EN_DAYS[nthDay[2] ?? ""] ?? nthDay[2]} ${unit}`;
      }
      const day = parts.byMonthDay?.[0];
      if (day === -1) return `on the last day of ${prefix}`;
      if (day !== undefined) return `${prefix} on the ${ordinalSuffix(day)}`;
      return prefix;
    }
    case "YEARLY": {
      const month = parts.byMonth?.[0];
      const day = parts.byMonthDay?.[0];
      const prefix = n === 1 ? "every year" : every("year");
      return month && day ? `${prefix} on ${EN_MONTHS[month - 1]} ${day}` : prefix;
    }
  }
}

function describeUrdu(parts: RuleParts): string {
  const n = parts.interval ?? 1;
  const every = (unit: string, oblique: string): string =>
    n === 1 ? `ہر ${oblique}` : n === 2 ? `ہر دوسرے ${oblique}` : `ہر ${n} ${unit} بعد`;
  switch (parts.freq) {
    case "HOURLY":
      return every("گھنٹے", "گھنٹے");
    case "DAILY":
      return n === 1 ? "ہر روز" : every("دن", "دن");
    case "WEEKLY": {
      const days = parts.byDay ?? [];
      if (n === 1 && isWeekdays(days)) return "ہر کام کے دن (پیر سے جمعہ)";
      const names = joinUrdu(days.map((day) => UR_DAYS[day] ?? day));
      if (days.length === 0) return every("ہفتے", "ہفتے");
      if (n === 1) return `ہر ${names}`;
      if (n === 2) return `ہر دوسرے ${names}`;
      return `ہر ${n} ہفتے بعد ${names}`;
    }
    case "MONTHLY": {
      const prefix = n === 1 ? "ہر مہینے" : every("مہینے", "مہینے");
      const nthDay = parts.byDay?.[0] && /^(-?\d)([A-Z]{2})$/.exec(parts.byDay[0]);
      if (nthDay) return `${prefix} کا ${UR_ORDINALS[nthDay[1] ?? ""] ?? nthDay[1]} ${UR_DAYS[nthDay[2] ?? ""] ?? nthDay[2]}`;
      const day = parts.byMonthDay?.[0];
      if (day === -1) return `${prefix} کی آخری تاریخ`;
      if (day !== undefined) return `${prefix} کی ${day} تاریخ`;
      return prefix;
    }
    case "YEARLY": {
      const month = parts.byMonth?.[0];
      const day = parts.byMonthDay?.[0];
      const prefix = n === 1 ? "ہر سال" : every("سال", "سال");
      return month && day ? `${prefix} ${day} ${UR_MONTHS[month - 1]} کو` : prefix;
    }
  }
}

function ending(parts: RuleParts, locale: Locale, timeZone: string): string {
  if (parts.count) return locale === "ur" ? `، ${parts.count} بار` : `, ${parts.count} times`;
  if (!parts.until) return "";
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z)?/.exec(parts.until);
  if (!match) return "";
  const instant = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4] ?? 0), Number(match[5] ?? 0)));
  const local = match[4] ? toLocal(instant, timeZone) : { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return locale === "ur"
    ? `، ${local.day} ${UR_MONTHS[local.month - 1]} ${local.year} تک`
    : `, until ${EN_MONTHS[local.month - 1]} ${local.day}, ${local.year}`;
}
