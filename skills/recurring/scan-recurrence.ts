import type { RuleParts } from "../../vocabulary/recurrence/rule";
import { fromLocal } from "../../vocabulary/time-zone";
import type { DayPeriod } from "../shared/date-words";
import type { DateFrame } from "../shared/dates/date-finding";
import { scanDates } from "../shared/dates/scan-dates";
import { Scanner, wordRegex } from "../shared/scanner";
import type { Language, RepeatFrom, Span } from "../shared/types";
import type { RecurrenceMatch } from "./english-recurrence";
import { findEnglishRecurrence } from "./english-recurrence";
import { findUrduRecurrence } from "./urdu-recurrence";

/** A recurrence read out of text. */
export interface RecurrenceScan {
  parts: RuleParts;
  repeatFrom: RepeatFrom;
  spans: Span[];
  /** A part of the day the phrase implied ("every morning", ہر صبح). */
  period?: DayPeriod;
}

/** "after completion", "after I finish it", مکمل ہونے کے بعد: repeat from completion. */
export const COMPLETION = wordRegex(
  [
    "(?:repeat(?:ing)?\\s+)?(?:counting\\s+)?(?:from|after)\\s+(?:the\\s+)?(?:last\\s+)?(?:completion|completing(?:\\s+it)?|done)",
    "after\\s+(?:i|we|you)\\s+(?:finish|complete|do|mark)(?:\\s+(?:it|this|that))?(?:\\s+(?:done|complete))?",
    "after\\s+(?:it|this|that)\\s+(?:is|'s|gets)\\s+(?:done|completed|finished)",
    "after\\s+(?:it's|its)\\s+(?:done|completed|finished)",
    "(?:مکمل|ختم|پورا)\\s+(?:ہونے|کرنے)\\s+کے\\s+بعد(?:\\s+سے)?",
    "(?:mukammal|complete|khatam|poora|pura|done)\\s+(?:hone|karne)\\s+ke\\s+baad(?:\\s+se)?",
  ].join("|"),
);
const EVERY_BANG = /(?<![\p{L}])every!/u;
const UNTIL = wordRegex("until|till|through|thru|ending(?:\\s+on)?");

/**
 * Reads a recurrence, its end (COUNT from "5 times" / "5 بار", UNTIL from "until June 30") and whether
 * it repeats from completion. Claims what it reads. `loose` accepts phrases without an explicit
 * "every", for text known to be about repetition.
 */
export function scanRecurrence(
  scanner: Scanner,
  frame: DateFrame,
  language: Language,
  options: { loose: boolean; field?: string },
): RecurrenceScan | null {
  const field = options.field ?? "recurrence";
  const romanUrdu = language === "roman-ur";
  const bang = EVERY_BANG.exec(scanner.original);
  if (bang) scanner.blank(bang.index + 5, bang.index + 6);
  const work = scanner.work;
  const completionMatch = scanner.first(COMPLETION);
  const found = pickFirst(findUrduRecurrence(work, romanUrdu), findEnglishRecurrence(work, options.loose));
  if (!found) return null;
  const spans = scanner.claimPieces(field, found.start, found.end);
  const parts: RuleParts = { ...found.parts };

  const count = scanner.first(countRegex(romanUrdu));
  if (count) {
    const amount = Number(count[1] ?? count[2] ?? "");
    if (amount >= 1 && amount <= 1000) {
      parts.count = amount;
      spans.push(...scanner.claimPieces(field, count.index, count.index + count[0].length));
    }
  }
  const until = parts.count ? null : scanner.first(UNTIL);
  if (until) {
    const rest = scanner.original.slice(until.index + until[0].length);
    const sub = new Scanner(rest);
    const dates = scanDates(sub, frame, field, language);
    const first = dates.findings[0];
    if (first && first.span.start <= 1 && first.date) {
      const endOfDay = fromLocal({ ...first.date, hour: 23, minute: 59 }, frame.timeZone);
      parts.until = `${endOfDay.toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`;
      const offset = until.index + until[0].length;
      spans.push(...scanner.claimPieces(field, until.index, offset + first.span.end));
    }
  }
  let repeatFrom: RepeatFrom = "due";
  if (completionMatch && scanner.isFree(completionMatch.index, completionMatch.index + completionMatch[0].length)) {
    repeatFrom = "completion";
    spans.push(...scanner.claimPieces(field, completionMatch.index, completionMatch.index + completionMatch[0].length));
  } else if (bang) {
    repeatFrom = "completion";
  }
  return {
    parts,
    repeatFrom,
    spans: spans.sort((a, b) => a.start - b.start),
    ...(found.period ? { period: found.period } : {}),
  };
}

function pickFirst(a: RecurrenceMatch | null, b: RecurrenceMatch | null): RecurrenceMatch | null {
  if (!a) return b;
  if (!b) return a;
  return a.start <= b.start ? a : b;
}

const countRegexes = new Map<boolean, RegExp>();

function countRegex(romanUrdu: boolean): RegExp {
  let regex = countRegexes.get(romanUrdu);
  if (!regex) {
    const words = romanUrdu ? "|baar|bar|martaba|dafa|dafaa|times" : "|times";
    regex = wordRegex(`(?:for\\s+)?(\\d{1,4})\\s*(?:بار|مرتبہ|دفعہ${words})|(?:لگاتار\\s+)?(\\d{1,4})\\s+occurrences`);
    countRegexes.set(romanUrdu, regex);
  }
  return regex;
}
