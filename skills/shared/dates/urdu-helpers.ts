import type { LocalDate } from "../../../vocabulary/time-zone";
import { addDays, daysInMonth, weekdayOf } from "../../../vocabulary/time-zone";
import type { Ambiguity } from "../types";

/** Adds months, clamping the day to the target month's length (Jan 31 + 1 month = Feb 28). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** The next date with a weekday (0 = Sunday); today counts only when `includeToday`. */
export function nextWeekday(today: LocalDate, weekday: number, includeToday: boolean): LocalDate {
  let delta = (weekday - weekdayOf(today) + 7) % 7;
  if (delta === 0 && !includeToday) delta = 7;
  return addDays(today, delta);
}

const PAST_MARKERS =
  /(?<![\p{L}\p{M}])(تھا|تھی|تھے|تھیں|گیا|گئی|گئے|لیا|دیا|ہوا|ہوئی|ہوئے|چکا|چکی|چکے|tha|thi|thay|gaya|gya|gayi|gai|gaye|liya|lia|diya|dia|hua|hui|huay|huye|chuka|chuki|chukay)(?![\p{L}\p{M}])/u;
const FINAL_KIYA = /(?<![\p{L}\p{M}])(کیا|کی|kiya|kia|ki)[\s؟?.!۔]*$/u;

/**
 * True when the text has a past-tense verb. Then کل / kal may be yesterday even if another clause is
 * about the future ("kal bank gaya tha, receipt file karni hai"), so it is asked about, not guessed.
 */
export function hasPastVerb(text: string): boolean {
  return PAST_MARKERS.test(text) || FINAL_KIYA.test(text);
}

/** کل / kal said with a past-tense verb: yesterday or tomorrow? */
export function yesterdayOrTomorrowAmbiguity(field: string, text: string, offset: number): Ambiguity {
  const twoDays = offset === 2;
  return {
    field,
    text,
    options: twoDays ? ["day after tomorrow", "day before yesterday"] : ["tomorrow", "yesterday"],
    question: twoDays
      ? `By "${text}" do you mean the day after tomorrow or the day before yesterday?`
      : `By "${text}" do you mean tomorrow or yesterday?`,
    questionUr: twoDays
      ? `"${text}" سے آپ کی مراد آنے والا پرسوں ہے یا گزرا ہوا پرسوں؟`
      : `"${text}" سے آپ کی مراد آنے والا کل ہے یا گزرا ہوا کل؟`,
  };
}

/** ہفتہ / hafta: Saturday or a week? */
export function saturdayOrWeekAmbiguity(field: string, text: string): Ambiguity {
  return {
    field,
    text,
    options: ["saturday", "week"],
    question: `By "${text}" do you mean Saturday, or sometime in the week?`,
    questionUr: `"${text}" سے آپ کی مراد ہفتے کا دن (سنیچر) ہے یا پورا ہفتہ؟`,
  };
}
