import { monthNames, shortMonthNames } from "../../vocabulary/calendar-names";
import { dayCodesFromSunday as DAY_CODES } from "../../vocabulary/recurrence/rule";
import { alternation, PERIOD_WORDS, readNumber } from "../shared/date-words";
import { lexiconFor } from "../shared/dates/lexicon";
import { wordRegex } from "../shared/scanner";
import type { RecurrenceMatch } from "./english-recurrence";

const HAR = "(?:ہر|har|hr)";
const MONTH_WORD = "(?:مہینے|مہینہ|ماہ|mahine|mahina)";
const ORDINALS: ReadonlyArray<readonly [string, number]> = [
  ["پہلا", 1],
  ["پہلے", 1],
  ["پہلی", 1],
  ["دوسرا", 2],
  ["دوسرے", 2],
  ["دوسری", 2],
  ["تیسرا", 3],
  ["تیسرے", 3],
  ["تیسری", 3],
  ["چوتھا", 4],
  ["چوتھے", 4],
  ["چوتھی", 4],
  ["آخری", -1],
  ["pehla", 1],
  ["pehle", 1],
  ["pehli", 1],
  ["doosra", 2],
  ["doosre", 2],
  ["dusra", 2],
  ["dusre", 2],
  ["doosri", 2],
  ["teesra", 3],
  ["teesre", 3],
  ["teesri", 3],
  ["chautha", 4],
  ["chauthe", 4],
  ["akhri", -1],
  ["aakhri", -1],
];
const ORDINAL = alternation(ORDINALS.map(([word]) => word));
const ENGLISH_MONTH_WORDS =
  "january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|september|sep|october|oct|november|nov|december|dec";
const SATURDAY_OR_WEEK = /^(ہفتے|ہفتہ|hafte|hafta)$/;

type Build = (match: RegExpExecArray) => Omit<RecurrenceMatch, "start" | "end"> | null;

interface CompiledRule {
  regex: RegExp;
  build: Build;
}

function compile(romanUrdu: boolean): CompiledRule[] {
  const lex = lexiconFor(romanUrdu);
  const day = lex.weekday;
  const on = `(?:\\s+(?:${lex.on}))?`;
  const n = lex.number;
  const period = alternation(PERIOD_WORDS.map(([word]) => word).filter((word) => romanUrdu || !/^[a-z]/.test(word)));
  const unit = "دن|din|ہفتے|ہفتہ|hafte|hafta|مہینے|mahine|سال|saal|گھنٹے|ghante";
  const rules: Array<[string, Build]> = [
    [
      `${HAR}\\s+${MONTH_WORD}\\s+(?:کے|کی|کا|ke|ki|ka)\\s+(?:آخری|akhri|aakhri)\\s+(?:دن|تاریخ|din|tareekh|tarikh)${on}`,
      () => ({ parts: { freq: "MONTHLY", byMonthDay: [-1] } }),
    ],
    [
      `${HAR}\\s+${MONTH_WORD}\\s+(?:کی|ki)\\s+(\\d{1,2}|پہلی|pehli|دوسری|doosri|یکم|yakam|yakum)\\s*(?:تاریخ|tareekh|tarikh|tarik|tareek)?${on}`,
      (m) => ({ parts: { freq: "MONTHLY", byMonthDay: [ordinalDay(m[1] ?? "")] } }),
    ],
    [
      `${HAR}\\s+${MONTH_WORD}\\s+(?:کا|کے|کی|ka|ke|ki)\\s+(${ORDINAL})\\s+(${day})${on}`,
      (m) => nthWeekday(m[1] ?? "", m[2] ?? "", lex.weekdayOf),
    ],
    [
      `${HAR}\\s+(?:(${n}|دوسرے|doosre|dusre|تیسرے|teesre)\\s+)(${unit})(?!\\s+(?:کو|ko))(?:\\s+(?:بعد|baad|میں|mein))?`,
      (m) => interval(m[1] ?? "", m[2] ?? ""),
    ],
    [`${HAR}\\s+(?:دوسرے|doosre|dusre)\\s+(${day})${on}`, (m) => weekly([m[1] ?? ""], 2, lex.weekdayOf)],
    [
      `${HAR}\\s+(?:کام\\s+کے\\s+دن|ورکنگ\\s+ڈے|kaam\\s+ke\\s+din|working\\s+day|weekday)|کام\\s+کے\\s+دنوں\\s+میں|kaam\\s+ke\\s+dino\\s+mein`,
      () => ({ parts: { freq: "WEEKLY", byDay: ["MO", "TU", "WE", "TH", "FR"] } }),
    ],
    [
      `(?:${HAR}\\s+)?(${day})\\s+(?:سے|se)\\s+(${day})(?:\\s+(?:تک|tak))?`,
      (m) => range(m[1] ?? "", m[2] ?? "", lex.weekdayOf),
    ],
    [
      `${HAR}\\s+(${day})((?:\\s*(?:،|,|اور|aur|and|&)\\s*(?:${day}))*)(\\s+(?:${lex.on}))?`,
      (m) => {
        const words = [m[1] ?? "", ...(m[2] ?? "").split(/\s*(?:،|,|اور|aur|and|&)\s*/)].filter(Boolean);
        if (words.length === 1 && SATURDAY_OR_WEEK.test(words[0] ?? "") && !m[3]) return { parts: { freq: "WEEKLY" } };
        return weekly(words, 1, lex.weekdayOf);
      },
    ],
    [
      `${HAR}\\s+(${period})|(?:${HAR}\\s+)?(?:روز|روزانہ|دن|roz|rozana|din)\\s+(${period})`,
      (m) => ({
        parts: { freq: "DAILY" },
        ...periodOf(m[1] ?? m[2] ?? "", lex.periodOf),
      }),
    ],
    [`${HAR}\\s+(?:روز|دن|roz|din)|روزانہ|rozana|rozaana|roz\\s+ka|روز\\s+کا`, () => ({ parts: { freq: "DAILY" } })],
    [`${HAR}\\s+(?:ہفتے|ہفتہ|hafte|hafta)|ہفتہ\\s*وار|haftawar|hafta\\s+war`, () => ({ parts: { freq: "WEEKLY" } })],
    [`${HAR}\\s+${MONTH_WORD}|ماہانہ|mahana|mahaana`, () => ({ parts: { freq: "MONTHLY" } })],
    [
      `${HAR}\\s+(?:سال|برس|saal|sal)(?:\\s+(\\d{1,2})\\s+(${lex.month}${romanUrdu ? `|${ENGLISH_MONTH_WORDS}` : ""})${on})?|سالانہ|salana|saalana`,
      (m) => yearly(m[1], m[2]),
    ],
  ];
  return rules.map(([source, build]) => ({ regex: wordRegex(source), build }));
}

const compiled = new Map<boolean, CompiledRule[]>();

/** Finds the first Urdu-script (or, in Roman Urdu text, Roman Urdu) recurrence phrase. */
export function findUrduRecurrence(work: string, romanUrdu: boolean): RecurrenceMatch | null {
  let rules = compiled.get(romanUrdu);
  if (!rules) {
    rules = compile(romanUrdu);
    compiled.set(romanUrdu, rules);
  }
  for (const { regex, build } of rules) {
    regex.lastIndex = 0;
    const match = regex.exec(work);
    if (!match) continue;
    const built = build(match);
    if (built) return { ...built, start: match.index, end: match.index + match[0].length };
  }
  return null;
}

type WeekdayOf = (word: string) => number | undefined;

function weekly(words: string[], every: number, weekdayOf: WeekdayOf): Omit<RecurrenceMatch, "start" | "end"> | null {
  const byDay = [
    ...new Set(words.map((word) => weekdayOf(word.trim())).filter((d): d is number => d !== undefined)),
  ].map((d) => DAY_CODES[d] ?? "MO");
  if (byDay.length === 0) return null;
  return { parts: { freq: "WEEKLY", ...(every > 1 ? { interval: every } : {}), byDay } };
}

function range(from: string, to: string, weekdayOf: WeekdayOf): Omit<RecurrenceMatch, "start" | "end"> | null {
  const start = weekdayOf(from);
  const end = weekdayOf(to);
  if (start === undefined || end === undefined || start === end) return null;
  const days: string[] = [];
  for (let d = start; ; d = (d + 1) % 7) {
    days.push(DAY_CODES[d] ?? "MO");
    if (d === end) break;
  }
  return { parts: { freq: "WEEKLY", byDay: days } };
}

function nthWeekday(
  ordinal: string,
  word: string,
  weekdayOf: WeekdayOf,
): Omit<RecurrenceMatch, "start" | "end"> | null {
  const nth = ORDINALS.find(([name]) => name === ordinal)?.[1];
  const weekday = weekdayOf(word);
  if (nth === undefined || weekday === undefined) return null;
  return { parts: { freq: "MONTHLY", byDay: [`${nth}${DAY_CODES[weekday] ?? "MO"}`] } };
}

function interval(amount: string, unit: string): Omit<RecurrenceMatch, "start" | "end"> | null {
  const every = /^(دوسرے|doosre|dusre)$/.test(amount) ? 2 : /^(تیسرے|teesre)$/.test(amount) ? 3 : readNumber(amount);
  if (!Number.isFinite(every) || every < 1) return null;
  const freq = /^(دن|din)$/.test(unit)
    ? "DAILY"
    : /^(ہفت|haft)/.test(unit)
      ? "WEEKLY"
      : /^(مہینے|mahine)$/.test(unit)
        ? "MONTHLY"
        : /^(سال|saal)$/.test(unit)
          ? "YEARLY"
          : "HOURLY";
  return { parts: { freq, ...(every > 1 ? { interval: every } : {}) } };
}

function ordinalDay(word: string): number {
  if (/^\d+$/.test(word)) return Math.min(31, Math.max(1, Number(word)));
  return /^(دوسری|doosri)$/.test(word) ? 2 : 1;
}

function periodOf(word: string, lookup: (word: string) => RecurrenceMatch["period"]): Pick<RecurrenceMatch, "period"> {
  const period = lookup(word);
  return period ? { period } : {};
}

const ENGLISH_MONTHS = shortMonthNames.map((name) => name.toLowerCase());
const URDU_MONTHS: readonly string[] = monthNames.ur;

function yearly(day: string | undefined, month: string | undefined): Omit<RecurrenceMatch, "start" | "end"> | null {
  if (!day || !month) return { parts: { freq: "YEARLY" } };
  const index =
    URDU_MONTHS.indexOf(month) >= 0 ? URDU_MONTHS.indexOf(month) + 1 : ENGLISH_MONTHS.indexOf(month.slice(0, 3)) + 1;
  const value = Number(day);
  if (index < 1 || value < 1 || value > 31) return { parts: { freq: "YEARLY" } };
  return { parts: { freq: "YEARLY", byMonth: [index], byMonthDay: [value] } };
}
