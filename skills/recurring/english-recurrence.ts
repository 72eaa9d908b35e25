import type { RuleParts } from "../../vocabulary/recurrence/rule";
import type { DayPeriod } from "../shared/date-words";
import { readNumber } from "../shared/date-words";
import { wordRegex } from "../shared/scanner";

/** One recurrence phrase found in text. */
export interface RecurrenceMatch {
  parts: RuleParts;
  start: number;
  end: number;
  period?: DayPeriod;
}

const DAY =
  "(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)";
const PLURAL_DAY = "(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)";
const DAY_LIST = `${DAY}s?(?:\\s*(?:,|and|&|\\+)\\s*${DAY}s?)*`;
const ORDINAL = "first|1st|second|2nd|third|3rd|fourth|4th|last";
const NUMBER = "\\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|other|second|2nd|third|3rd|fourth|4th";
const MONTH =
  "january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|september|sept|sep|october|oct|november|nov|december|dec";
const EVERY = "(?:every|each)";
const TH = "(?:st|nd|rd|th)?";

type Build = (match: RegExpExecArray) => Omit<RecurrenceMatch, "start" | "end"> | null;

interface Rule {
  strict: RegExp;
  loose?: RegExp;
  build: Build;
}

const rule = (strict: string, build: Build, loose?: string): Rule => ({
  strict: wordRegex(strict),
  build,
  ...(loose ? { loose: wordRegex(loose) } : {}),
});

/** Rules in the order they are tried; earlier rules own the more specific phrasings. */
const RULES: Rule[] = [
  rule(
    `(?:on\\s+)?(?:the\\s+)?last\\s+day\\s+of\\s+(?:every|each)\\s+month|${EVERY}\\s+last\\s+day\\s+of\\s+(?:the\\s+)?month|(?:at\\s+the\\s+)?end\\s+of\\s+(?:every|each)\\s+month|${EVERY}\\s+month\\s+(?:on\\s+the\\s+last\\s+day|end)`,
    () => ({ parts: { freq: "MONTHLY", byMonthDay: [-1] } }),
    "(?:on\\s+)?(?:the\\s+)?last\\s+day\\s+of\\s+(?:the\\s+)?month|(?:at\\s+the\\s+)?end\\s+of\\s+(?:the\\s+)?month|month\\s+end",
  ),
  rule(
    `${EVERY}\\s+(?:year\\s+on\\s+)?(?:(${MONTH})\\s+(\\d{1,2})${TH}|(?:the\\s+)?(\\d{1,2})${TH}\\s+(?:of\\s+)?(${MONTH}))|(?:annually|yearly)\\s+on\\s+(?:(${MONTH})\\s+(\\d{1,2})${TH}|(?:the\\s+)?(\\d{1,2})${TH}\\s+(?:of\\s+)?(${MONTH}))`,
    (m) => yearly(m[1] ?? m[4] ?? m[5] ?? m[8], m[2] ?? m[3] ?? m[6] ?? m[7]),
  ),
  rule(
    `${EVERY}\\s+month\\s+on\\s+the\\s+(\\d{1,2})${TH}|(?:on\\s+)?the\\s+(\\d{1,2})${TH}\\s+(?:day\\s+)?of\\s+(?:every|each)\\s+month|${EVERY}\\s+(\\d{1,2})(?:st|nd|rd|th)(?:\\s+of\\s+(?:the|every|each)\\s+month)?(?!\\s+${DAY})|monthly\\s+on\\s+the\\s+(\\d{1,2})${TH}|(first|1st)\\s+(?:day\\s+)?of\\s+(?:every|each)\\s+month`,
    (m) => monthDay(m[1] ?? m[2] ?? m[3] ?? m[4] ?? "1"),
    `(?:on\\s+)?the\\s+(\\d{1,2})(?:st|nd|rd|th)\\s+of\\s+the\\s+month|(first|1st)\\s+of\\s+the\\s+month`,
  ),
  rule(
    `${EVERY}\\s+(${ORDINAL})\\s+(${DAY})(?:\\s+of\\s+(?:the|every|each)\\s+month)?|(?:on\\s+)?the\\s+(${ORDINAL})\\s+(${DAY})\\s+(?:of\\s+)?(?:every|each)\\s+month`,
    (m) => nthWeekday(m[1] ?? m[3], m[2] ?? m[4]),
    `(?:on\\s+)?(?:the\\s+)?(${ORDINAL})\\s+(${DAY})(?:\\s+of\\s+the\\s+month)?`,
  ),
  rule(
    `(?:${EVERY}|on)\\s+(?:week\\s*day|working\\s+day|work\\s*day|business\\s+day)s?|${EVERY}\\s+(?:day\\s+)?(?:monday|mon)\\s*(?:to|through|thru|-|–)\\s*(?:friday|fri)`,
    () => ({ parts: { freq: "WEEKLY", byDay: ["MO", "TU", "WE", "TH", "FR"] } }),
    "week\\s*days|(?:monday|mon)\\s*(?:to|through|thru|-|–)\\s*(?:friday|fri)",
  ),
  rule(`(?:${EVERY}|on)\\s+weekends?`, () => ({ parts: { freq: "WEEKLY", byDay: ["SA", "SU"] } }), "weekends"),
  rule(`${EVERY}\\s+other\\s+(${DAY_LIST})`, (m) => weekly(m[1], 2)),
  rule(`${EVERY}\\s+(${NUMBER})\\s+(hour|day|week|month|year)s?(?:\\s+on\\s+(${DAY_LIST}))?`, (m) =>
    interval(m[1], m[2], m[3]),
  ),
  rule(
    `${EVERY}\\s+(${DAY_LIST})|on\\s+(${PLURAL_DAY}(?:\\s*(?:,|and|&)\\s*${PLURAL_DAY})*)`,
    (m) => weekly(m[1] ?? m[2], 1),
    `(${PLURAL_DAY}(?:\\s*(?:,|and|&)\\s*${PLURAL_DAY})*)`,
  ),
  rule("every\\s+fortnight|fortnightly|bi-?weekly", () => ({ parts: { freq: "WEEKLY", interval: 2 } })),
  rule(`${EVERY}\\s+(morning|afternoon|evening|night)|nightly`, (m) => ({
    parts: { freq: "DAILY" },
    period:
      m[1] === "morning" ? "morning" : m[1] === "afternoon" ? "afternoon" : m[1] === "evening" ? "evening" : "night",
  })),
  rule(
    `${EVERY}\\s*(?:single\\s+)?(hour|day|week|month|year)|(hourly|daily|weekly|monthly|yearly|annually)|once\\s+a\\s+(day|week|month|year)`,
    (m) => simple(m[1] ?? m[2] ?? m[3] ?? ""),
  ),
];

/**
 * Finds the first English recurrence phrase. `loose` also accepts phrases without an explicit
 * "every" ("last day of the month", "weekdays"), for text known to be about repetition.
 */
export function findEnglishRecurrence(work: string, loose: boolean): RecurrenceMatch | null {
  for (const candidate of RULES) {
    for (const regex of loose && candidate.loose ? [candidate.strict, candidate.loose] : [candidate.strict]) {
      regex.lastIndex = 0;
      const match = regex.exec(work);
      if (!match) continue;
      const built = candidate.build(match);
      if (built) return { ...built, start: match.index, end: match.index + match[0].length };
    }
  }
  return null;
}

/** RRULE code of an English weekday word ("thurs" → "TH"). */
function englishDayCode(word: string): string | null {
  const codes: Array<[string, string]> = [
    ["mo", "MO"],
    ["tu", "TU"],
    ["we", "WE"],
    ["th", "TH"],
    ["fr", "FR"],
    ["sa", "SA"],
    ["su", "SU"],
  ];
  return codes.find(([prefix]) => word.startsWith(prefix))?.[1] ?? null;
}

function dayCodes(list: string | undefined): string[] {
  const words = (list ?? "").split(/\s*(?:,|and|&|\+)\s*/).filter(Boolean);
  return [...new Set(words.map(englishDayCode).filter((code): code is string => code !== null))];
}

function weekly(list: string | undefined, every: number): Omit<RecurrenceMatch, "start" | "end"> | null {
  const byDay = dayCodes(list);
  if (byDay.length === 0) return null;
  return { parts: { freq: "WEEKLY", ...(every > 1 ? { interval: every } : {}), byDay } };
}

const ORDINALS: Record<string, number> = {
  first: 1,
  "1st": 1,
  second: 2,
  "2nd": 2,
  third: 3,
  "3rd": 3,
  fourth: 4,
  "4th": 4,
  last: -1,
};

function nthWeekday(
  ordinal: string | undefined,
  day: string | undefined,
): Omit<RecurrenceMatch, "start" | "end"> | null {
  const nth = ORDINALS[ordinal ?? ""];
  const code = englishDayCode(day ?? "");
  if (!nth || !code) return null;
  return { parts: { freq: "MONTHLY", byDay: [`${nth}${code}`] } };
}

function interval(
  amount: string | undefined,
  unit: string | undefined,
  days: string | undefined,
): Omit<RecurrenceMatch, "start" | "end"> | null {
  const every = amount === "other" ? 2 : (ORDINALS[amount ?? ""] ?? readNumber(amount ?? ""));
  const freq = simple(unit ?? "")?.parts.freq;
  if (!freq || !Number.isFinite(every) || every < 1) return null;
  const byDay = freq === "WEEKLY" ? dayCodes(days) : [];
  return { parts: { freq, ...(every > 1 ? { interval: every } : {}), ...(byDay.length ? { byDay } : {}) } };
}

function simple(unit: string): Omit<RecurrenceMatch, "start" | "end"> | null {
  if (/^(hour|hourly)$/.test(unit)) return { parts: { freq: "HOURLY" } };
  if (/^(day|daily)$/.test(unit)) return { parts: { freq: "DAILY" } };
  if (/^(week|weekly)$/.test(unit)) return { parts: { freq: "WEEKLY" } };
  if (/^(month|monthly)$/.test(unit)) return { parts: { freq: "MONTHLY" } };
  if (/^(year|yearly|annually)$/.test(unit)) return { parts: { freq: "YEARLY" } };
  return null;
}

function monthDay(day: string): Omit<RecurrenceMatch, "start" | "end"> | null {
  const value = /^\d+$/.test(day) ? Number(day) : 1;
  if (value < 1 || value > 31) return null;
  return { parts: { freq: "MONTHLY", byMonthDay: [value] } };
}

const MONTH_INDEX = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

function yearly(month: string | undefined, day: string | undefined): Omit<RecurrenceMatch, "start" | "end"> | null {
  const index = MONTH_INDEX.indexOf((month ?? "").slice(0, 3)) + 1;
  const value = Number(day);
  if (index < 1 || !(value >= 1 && value <= 31)) return null;
  return { parts: { freq: "YEARLY", byMonth: [index], byMonthDay: [value] } };
}
