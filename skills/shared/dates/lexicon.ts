import type { DayPeriod } from "../date-words";
import { alternation, MONTH_WORDS, NUMBER_WORDS, PERIOD_WORDS, WEEKDAY_WORDS } from "../date-words";

const isLatin = (word: string): boolean => /^[a-z' ]+$/.test(word);

/** Regex alternations for one script selection (Urdu script only, or Urdu script plus Roman Urdu). */
export interface DateLexicon {
  weekday: string;
  month: string;
  number: string;
  period: string;
  relativeDay: string;
  next: string;
  thisOne: string;
  baje: string;
  fraction: string;
  unit: string;
  after: string;
  on: string;
  weekdayOf: (word: string) => number | undefined;
  periodOf: (word: string) => DayPeriod | undefined;
  relativeDayOf: (word: string) => number | undefined;
  unitOf: (word: string) => DurationUnit | undefined;
  fractionOf: (word: string) => number;
}

export type DurationUnit = "minute" | "hour" | "day" | "week" | "month" | "year";

const RELATIVE_DAYS: ReadonlyArray<readonly [string, number]> = [
  ["آج", 0],
  ["کل", 1],
  ["پرسوں", 2],
  ["ترسوں", 3],
  ["aaj", 0],
  ["aj", 0],
  ["kal", 1],
  ["parson", 2],
  ["parso", 2],
  ["parsoon", 2],
  ["parsun", 2],
  ["tarson", 3],
];

const UNITS: ReadonlyArray<readonly [string, DurationUnit]> = [
  ["منٹ", "minute"],
  ["گھنٹے", "hour"],
  ["گھنٹہ", "hour"],
  ["گھنٹوں", "hour"],
  ["دن", "day"],
  ["دنوں", "day"],
  ["روز", "day"],
  ["ہفتے", "week"],
  ["ہفتہ", "week"],
  ["ہفتوں", "week"],
  ["مہینے", "month"],
  ["مہینہ", "month"],
  ["مہینوں", "month"],
  ["ماہ", "month"],
  ["سال", "year"],
  ["برس", "year"],
  ["minute", "minute"],
  ["minutes", "minute"],
  ["mint", "minute"],
  ["minat", "minute"],
  ["min", "minute"],
  ["mins", "minute"],
  ["ghanta", "hour"],
  ["ghante", "hour"],
  ["ghantay", "hour"],
  ["ghanton", "hour"],
  ["ghantey", "hour"],
  ["din", "day"],
  ["dino", "day"],
  ["dinon", "day"],
  ["hafta", "week"],
  ["hafte", "week"],
  ["haftay", "week"],
  ["hafton", "week"],
  ["mahina", "month"],
  ["mahine", "month"],
  ["mahinay", "month"],
  ["saal", "year"],
  ["sal", "year"],
];

/** ساڑھے 5 = 5:30, سوا 5 = 5:15, پونے 5 = 4:45 (minutes added to the hour said). */
const FRACTIONS: ReadonlyArray<readonly [string, number]> = [
  ["ساڑھے", 30],
  ["سوا", 15],
  ["پونے", -15],
  ["saadhe", 30],
  ["sadhe", 30],
  ["sarhe", 30],
  ["sarhay", 30],
  ["sarhey", 30],
  ["saade", 30],
  ["sawa", 15],
  ["paune", -15],
  ["pone", -15],
  ["paune", -15],
];

const NEXT = [
  "اگلے",
  "اگلی",
  "اگلا",
  "آنے والے",
  "آنے والی",
  "آئندہ",
  "agle",
  "agli",
  "agla",
  "aane wale",
  "aane wali",
  "anay walay",
];
const THIS = ["اس", "is", "iss"];
const BAJE = ["بجے", "بجکر", "baje", "bajay", "bajey", "bje", "bjay", "bj"];
const AFTER = ["بعد", "میں", "baad", "bad", "mein", "main", "men"];
const ON = ["کو", "کے دن", "ko", "ke din"];

function build(withRoman: boolean): DateLexicon {
  const keep = <T>(entries: ReadonlyArray<readonly [string, T]>): ReadonlyArray<readonly [string, T]> =>
    entries.filter(([word]) => withRoman || !isLatin(word));
  const words = (list: readonly string[]): string => alternation(list.filter((word) => withRoman || !isLatin(word)));
  const weekdays = keep(WEEKDAY_WORDS).filter(([word]) => withRoman || !isLatin(word));
  const lookup = <T>(entries: ReadonlyArray<readonly [string, T]>) => {
    const map = new Map<string, T>(entries);
    return (word: string): T | undefined => map.get(word.replace(/\s+/g, " "));
  };
  const fractionLookup = lookup(FRACTIONS);
  return {
    weekday: alternation(weekdays.map(([word]) => word)),
    month: alternation(keep(MONTH_WORDS).map(([word]) => word)),
    number: `\\d{1,2}|${alternation(keep(NUMBER_WORDS).map(([word]) => word))}`,
    period: alternation(keep(PERIOD_WORDS).map(([word]) => word)),
    relativeDay: alternation(keep(RELATIVE_DAYS).map(([word]) => word)),
    next: words(NEXT),
    thisOne: words(THIS),
    baje: words(BAJE),
    fraction: alternation(keep(FRACTIONS).map(([word]) => word)),
    unit: alternation(keep(UNITS).map(([word]) => word)),
    after: words(AFTER),
    on: words(ON),
    weekdayOf: lookup(weekdays),
    periodOf: lookup(PERIOD_WORDS),
    relativeDayOf: lookup(RELATIVE_DAYS),
    unitOf: lookup(UNITS),
    fractionOf: (word) => fractionLookup(word) ?? 0,
  };
}

const urduOnly = build(false);
const withRoman = build(true);

/** The lexicon for a language: Roman Urdu words are only read in Roman Urdu text ("peer" is English too). */
export function lexiconFor(romanUrdu: boolean): DateLexicon {
  return romanUrdu ? withRoman : urduOnly;
}

/** Month number of an Urdu-script month name. */
export function monthOf(word: string): number | undefined {
  return MONTH_WORDS.find(([name]) => name === word)?.[1];
}
