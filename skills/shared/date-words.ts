/** Lexicons shared by the Urdu / Roman Urdu date, reminder and recurrence rules. */
import { monthNames, weekdayNames, weekdaySpellings } from "../../vocabulary/calendar-names";

/** Weekday words → 0 (Sunday) … 6 (Saturday). Saturday (ہفتہ / hafta) is handled apart: it also means "week". */
export const WEEKDAY_WORDS: ReadonlyArray<readonly [string, number]> = [
  ...weekdayNames.ur.map((name, day) => [name, day] as const),
  ...weekdaySpellings,
  ...weekdayNames.en.map((name, day) => [name.toLowerCase(), day] as const),
];

/** Month names (Urdu script and English/Roman spellings) → 1–12. */
export const MONTH_WORDS: ReadonlyArray<readonly [string, number]> = monthNames.ur.map(
  (name, i) => [name, i + 1] as const,
);

/** Number words 1–12 (and a few more) in Urdu script and Roman Urdu. */
export const NUMBER_WORDS: ReadonlyArray<readonly [string, number]> = [
  ["ایک", 1],
  ["دو", 2],
  ["تین", 3],
  ["چار", 4],
  ["پانچ", 5],
  ["چھ", 6],
  ["چھے", 6],
  ["سات", 7],
  ["آٹھ", 8],
  ["نو", 9],
  ["دس", 10],
  ["گیارہ", 11],
  ["بارہ", 12],
  ["پندرہ", 15],
  ["بیس", 20],
  ["تیس", 30],
  ["پینتالیس", 45],
  ["ek", 1],
  ["aik", 1],
  ["teen", 3],
  ["char", 4],
  ["chaar", 4],
  ["panch", 5],
  ["paanch", 5],
  ["chhe", 6],
  ["che", 6],
  ["saat", 7],
  ["aath", 8],
  ["aat", 8],
  ["nau", 9],
  ["das", 10],
  ["gyarah", 11],
  ["gyara", 11],
  ["barah", 12],
  ["bara", 12],
  ["pandrah", 15],
  ["bees", 20],
  ["tees", 30],
  ["paintalis", 45],
  ["one", 1],
  ["two", 2],
  ["three", 3],
  ["four", 4],
  ["five", 5],
  ["six", 6],
  ["seven", 7],
  ["eight", 8],
  ["nine", 9],
  ["ten", 10],
  ["eleven", 11],
  ["twelve", 12],
  ["fifteen", 15],
  ["twenty", 20],
  ["thirty", 30],
];

const numberLookup = new Map<string, number>(NUMBER_WORDS);

/** Reads a digit string or number word; NaN when it is neither. */
export function readNumber(token: string): number {
  const trimmed = token.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  return numberLookup.get(trimmed) ?? Number.NaN;
}

/** Parts of the day, with the hour a bare mention stands for. */
export type DayPeriod = "morning" | "noon" | "afternoon" | "evening" | "night";

export const PERIOD_WORDS: ReadonlyArray<readonly [string, DayPeriod]> = [
  ["صبح", "morning"],
  ["سویرے", "morning"],
  ["دوپہر", "afternoon"],
  ["سہ پہر", "afternoon"],
  ["شام", "evening"],
  ["رات", "night"],
  ["subah", "morning"],
  ["subha", "morning"],
  ["subh", "morning"],
  ["savere", "morning"],
  ["dopahar", "afternoon"],
  ["dopehar", "afternoon"],
  ["dopher", "afternoon"],
  ["shaam", "evening"],
  ["sham", "evening"],
  ["raat", "night"],
  ["rat", "night"],
];

/** Default clock time of a bare day period ("kal subah" → 09:00). */
export const PERIOD_DEFAULT_HOUR: Record<DayPeriod, number> = {
  morning: 9,
  noon: 12,
  afternoon: 14,
  evening: 18,
  night: 21,
};

/** Builds a regex alternation, longest words first, with regex characters escaped. */
export function alternation(words: readonly string[]): string {
  return [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+"))
    .join("|");
}

/**
 * Turns an hour said with a day period (or none) into a 24-hour clock hour, plus a day shift for
 * small hours said "at night" (رات 2 بجے is 02:00 the next day). Without a period, 1–7 are read as
 * afternoon/evening (tasks at 5 o'clock are rarely 5 am) and 8–11 as morning.
 */
export function toClockHour(hour: number, period: DayPeriod | undefined): { hour: number; dayShift: number } {
  if (hour >= 13) return { hour: hour % 24, dayShift: 0 };
  switch (period) {
    case "morning":
      return { hour: hour % 12, dayShift: 0 };
    case "noon":
    case "afternoon":
      return { hour: hour >= 11 ? hour : hour + 12, dayShift: 0 };
    case "evening":
      return { hour: hour === 12 ? 12 : hour + 12, dayShift: 0 };
    case "night":
      if (hour === 12 || hour <= 4) return { hour: hour % 12, dayShift: 1 };
      return { hour: hour + 12, dayShift: 0 };
    default:
      if (hour === 0 || hour === 12) return { hour, dayShift: 0 };
      return { hour: hour <= 7 ? hour + 12 : hour, dayShift: 0 };
  }
}
