import { monthNames, romanWeekdayNames, weekdayNamesByCode } from "../calendar-names";
import { toLocal } from "../time-zone";
import { type RuleParts as ParsedParts, readRule, splitByDay, type WeekdayCode, weekdayCodes } from "./rule";

/** Languages a rule is described in: English, Urdu script, Roman Urdu. */
export type Language = "en" | "ur" | "roman-ur";

/** The describer's view of a rule: every list present, weekdays split into code and ordinal. */
interface RuleParts {
  freq: ParsedParts["freq"];
  interval: number;
  byDay: { day: WeekdayCode; ordinal?: number }[];
  byMonthDay: number[];
  byMonth: number[];
  byHour: number[];
  byMinute: number[];
  count?: number;
  until?: string;
}

/** describable: the parts the phrases cover; BYSETPOS, BYWEEKNO and BYYEARDAY are shown as the rule itself. */
function describable(parts: ParsedParts): RuleParts | undefined {
  if (parts.bySetPos || parts.byWeekNo || parts.byYearDay) return undefined;
  return {
    freq: parts.freq,
    interval: parts.interval ?? 1,
    byDay: (parts.byDay ?? []).map(splitByDay),
    byMonthDay: parts.byMonthDay ?? [],
    byMonth: parts.byMonth ?? [],
    byHour: parts.byHour ?? [],
    byMinute: parts.byMinute ?? [],
    ...(parts.count ? { count: parts.count } : {}),
    ...(parts.until ? { until: parts.until } : {}),
  };
}

const englishDays: Record<WeekdayCode, string> = weekdayNamesByCode.en;
const urduDays: Record<WeekdayCode, string> = weekdayNamesByCode.ur;
const englishMonths = monthNames.en;
const urduMonths = monthNames.ur;
const urduOrdinals = ["", "پہلے", "دوسرے", "تیسرے", "چوتھے", "پانچویں"];
const romanDays: Record<WeekdayCode, string> = {
  SU: romanWeekdayNames[0],
  MO: romanWeekdayNames[1],
  TU: romanWeekdayNames[2],
  WE: romanWeekdayNames[3],
  TH: romanWeekdayNames[4],
  FR: romanWeekdayNames[5],
  SA: romanWeekdayNames[6],
};
const romanOrdinals = ["", "pehle", "doosre", "teesre", "chauthe", "panchwein"];

const weekdaySet = ["MO", "TU", "WE", "TH", "FR"];

function englishOrdinal(n: number): string {
  if (n === -1) return "last";
  if (n === -2) return "second-to-last";
  const tens = n % 100;
  const suffix =
    tens >= 11 && tens <= 13 ? "th" : (({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th");
  return `${n}${suffix}`;
}

const urduOrdinal = (n: number): string =>
  n === -1 ? "آخری" : n === -2 ? "آخری سے پہلے" : (urduOrdinals[n] ?? `${n}ویں`);

const romanOrdinal = (n: number): string =>
  n === -1 ? "aakhri" : n === -2 ? "aakhri se pehle" : (romanOrdinals[n] ?? `${n}wein`);

function joinList(items: string[], language: Language): string {
  if (items.length <= 1) return items.join("");
  const and = language === "ur" ? " اور " : language === "roman-ur" ? " aur " : " and ";
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

/** untilDate shows UNTIL as a date: a UTC instant is read in the task's zone, a plain date as written. */
function untilDate(until: string, language: Language, timeZone: string): string {
  const [, y, mo, d, h, mi] = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})\d{2}Z)?/.exec(until) ?? [];
  const written = { year: Number(y), month: Number(mo), day: Number(d) };
  const { year, month, day } =
    h === undefined
      ? written
      : toLocal(new Date(Date.UTC(written.year, written.month - 1, written.day, Number(h), Number(mi))), timeZone);
  if (language === "roman-ur") return `${day} ${englishMonths[month - 1]} ${year}`;
  return language === "ur" ? `${day} ${urduMonths[month - 1]} ${year}` : `${englishMonths[month - 1]} ${day}, ${year}`;
}

function englishCore(parts: RuleParts): string | undefined {
  const n = parts.interval;
  const every = (unit: string) => (n === 1 ? `every ${unit}` : `every ${n} ${unit}s`);
  const days = sortedDays(parts);
  switch (parts.freq) {
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
      return parts.byMonth.length === 0 && parts.byMonthDay.length === 0 && parts.byDay.length === 0
        ? period
        : undefined;
    }
  }
}

function urduCore(parts: RuleParts): string | undefined {
  const n = parts.interval;
  const every = (unit: string, once: string) => (n === 1 ? once : `ہر ${n} ${unit} بعد`);
  const days = sortedDays(parts);
  switch (parts.freq) {
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
      return parts.byMonth.length === 0 && parts.byMonthDay.length === 0 && parts.byDay.length === 0
        ? period
        : undefined;
    }
  }
}

function romanCore(parts: RuleParts): string | undefined {
  const n = parts.interval;
  const every = (unit: string, once: string) => (n === 1 ? once : `har ${n} ${unit} baad`);
  const days = sortedDays(parts);
  switch (parts.freq) {
    case "HOURLY":
      return every("ghante", "har ghante");
    case "DAILY":
      return every("din", "rozana");
    case "WEEKLY": {
      if (days.length === 0) return every("hafte", "har hafte");
      if (days.length === 7 && n === 1) return "rozana";
      if (isWeekdays(days)) return n === 1 ? "har kaam ke din" : `har ${n} hafte baad, kaam ke dinon mein`;
      const names = days.map((d) => romanDays[d]);
      if (n === 1) return `har ${joinList(names, "roman-ur")}`;
      if (days.length === 1) return `har ${romanOrdinal(n)} ${names[0]}`;
      return `har ${n} hafte baad ${joinList(names, "roman-ur")} ko`;
    }
    case "MONTHLY": {
      const period = n === 1 ? "har mahine" : `har ${n} mahine baad`;
      if (parts.byDay.length > 0 && parts.byDay.every((d) => d.ordinal)) {
        const which = parts.byDay.map((d) => `${romanOrdinal(d.ordinal!)} ${romanDays[d.day]}`);
        return n === 1
          ? `har mahine ke ${joinList(which, "roman-ur")} ko`
          : `${period}, ${joinList(which, "roman-ur")} ko`;
      }
      if (parts.byMonthDay.length > 0) {
        if (parts.byMonthDay.length === 1 && parts.byMonthDay[0] === -1) return `${period} ke aakhri din`;
        return `${period} ki ${joinList(parts.byMonthDay.map(String), "roman-ur")} tareekh ko`;
      }
      return parts.byDay.length === 0 ? period : undefined;
    }
    case "YEARLY": {
      const period = every("saal", "har saal");
      if (parts.byMonth.length === 1 && parts.byMonthDay.length === 1 && parts.byDay.length === 0) {
        return `${period} ${parts.byMonthDay[0]} ${englishMonths[parts.byMonth[0]! - 1]} ko`;
      }
      return parts.byMonth.length === 0 && parts.byMonthDay.length === 0 && parts.byDay.length === 0
        ? period
        : undefined;
    }
  }
}

/**
 * describeRule renders an RRULE as a phrase people read ("every 2nd Monday", "ہر دوسرے پیر"), the one
 * describer the chat and the UI share; UNTIL is shown in `timeZone`. Undefined when the rule does not
 * read or uses parts the phrases do not cover: callers then show the rule itself.
 */
export function describeRule(rrule: string, language: Language, timeZone = "UTC"): string | undefined {
  const read = readRule(rrule);
  const parts = read ? describable(read) : undefined;
  if (!parts) return undefined;
  const core = language === "ur" ? urduCore(parts) : language === "roman-ur" ? romanCore(parts) : englishCore(parts);
  if (!core) return undefined;
  const pieces = [core];
  const time = clock(parts);
  if (time) pieces.push(language === "ur" ? `${time} بجے` : language === "roman-ur" ? `${time} baje` : `at ${time}`);
  let phrase = pieces.join(" ");
  const comma = language === "ur" ? "، " : ", ";
  if (parts.count)
    phrase +=
      comma +
      (language === "ur"
        ? `${parts.count} بار`
        : language === "roman-ur"
          ? `${parts.count} baar`
          : parts.count === 1
            ? "once"
            : `${parts.count} times`);
  if (parts.until) {
    const date = untilDate(parts.until, language, timeZone);
    phrase += comma + (language === "ur" ? `${date} تک` : language === "roman-ur" ? `${date} tak` : `until ${date}`);
  }
  return phrase;
}
