import type { LocalDate } from "../../../vocabulary/time-zone";
import { addDays, compareDates, daysInMonth, weekdayOf } from "../../../vocabulary/time-zone";
import { readNumber } from "../date-words";
import type { Scanner } from "../scanner";
import { wordRegex } from "../scanner";
import type { Ambiguity } from "../types";
import type { DateFinding, DateFrame, DateScan } from "./date-finding";
import type { DateLexicon, DurationUnit } from "./lexicon";
import { lexiconFor, monthOf } from "./lexicon";
import {
  addMonths,
  hasPastVerb,
  nextWeekday,
  saturdayOrWeekAmbiguity,
  yesterdayOrTomorrowAmbiguity,
} from "./urdu-helpers";

interface UrduRules {
  duration: RegExp;
  nextPeriod: RegExp;
  monthEnd: RegExp;
  thisWeek: RegExp;
  relativeDay: RegExp;
  weekday: RegExp;
  monthDate: RegExp;
  dayOfMonth: RegExp;
  clock: RegExp;
  halfHours: RegExp;
  clockWithMinutes: RegExp;
  periodDigits: RegExp;
  period: RegExp;
}

function compile(lex: DateLexicon): UrduRules {
  const n = lex.number;
  const p = lex.period;
  const half = "آدھے|آدھا|aadhe|aadha|adhe|adha|ڈیڑھ|derh|dedh|ڈھائی|dhai|dhaai";
  return {
    duration: wordRegex(`(${n}|${half})\\s*(${lex.unit})\\s+(?:${lex.after})`),
    nextPeriod: wordRegex(
      `(${lex.next})\\s+(ہفتے|ہفتہ|hafte|hafta|مہینے|مہینہ|mahine|mahina|سال|saal)(?!\\s+(?:${lex.on}))`,
    ),
    monthEnd: wordRegex(
      "(?:اس\\s+|is\\s+)?(?:مہینے|ماہ|mahine)\\s+(?:کے|کی|ke|ki)\\s+(?:آخری\\s+(?:دن|تاریخ)|آخر(?:\\s+(?:میں|پر|تک))?|a{1,2}khri\\s+(?:din|tareekh|tarikh)|a{1,2}khir(?:\\s+(?:mein|par|tak))?)",
    ),
    thisWeek: wordRegex(`(?:${lex.thisOne})\\s+(?:ہفتے|hafte)(?!\\s+(?:${lex.on}))`),
    relativeDay: wordRegex(`(${lex.relativeDay})(?:\\s+(?:کو|ko))?`),
    weekday: wordRegex(`(?:(بروز|${lex.next}|${lex.thisOne})\\s+)?(${lex.weekday})(?:\\s+(${lex.on}))?`),
    monthDate: wordRegex(
      `(\\d{1,2})\\s*(?:ویں|وں)?\\s+(${lex.month})(?:\\s+(\\d{4}))?|(${lex.month})\\s+(?:کی\\s+)?(\\d{1,2})`,
    ),
    dayOfMonth: wordRegex(
      `(?:(اس|اگلے|is|agle)\\s+(?:مہینے|mahine)\\s+(?:کی|ki)\\s+)?(\\d{1,2}|پہلی|pehli|pehle)\\s*(?:تاریخ|tareekh|tarikh|tareek|tarekh)(?:\\s+(?:کو|ko))?`,
    ),
    clock: wordRegex(
      `(?:(${p})\\s+(?:کے\\s+|ke\\s+)?)?(?:(${lex.fraction})\\s+)?(${n})(?:[:.](\\d{2}))?\\s*(?:${lex.baje})(?:\\s+(${p}))?`,
    ),
    halfHours: wordRegex(`(?:(${p})\\s+)?(ڈیڑھ|derh|dedh|ڈھائی|dhai|dhaai)\\s*(?:${lex.baje})(?:\\s+(${p}))?`),
    clockWithMinutes: wordRegex(
      `(?:(${p})\\s+)?(${n})\\s*(?:بج|baj)\\s*(?:کر|kar|ke)\\s*(${n})\\s*(?:منٹ|minute|minat|mint)(?:\\s+(${p}))?`,
    ),
    periodDigits: wordRegex(`(${p})\\s+(\\d{1,2})(?:[:.](\\d{2}))?(?!\\s*(?:[:.\\d]|${lex.unit}))`),
    period: wordRegex(`(${p})(?:\\s+(?:کو|ko|میں|mein))?`),
  };
}

const compiled = new Map<boolean, UrduRules>();

function rulesFor(romanUrdu: boolean): { rules: UrduRules; lex: DateLexicon } {
  const lex = lexiconFor(romanUrdu);
  let rules = compiled.get(romanUrdu);
  if (!rules) {
    rules = compile(lex);
    compiled.set(romanUrdu, rules);
  }
  return { rules, lex };
}

/**
 * Reads Urdu-script (and, in Roman Urdu text, Roman Urdu) date and time words. Claims what it reads
 * under `field`. Bare کل/kal with a past-tense verb, and ہفتہ/hafta that may be Saturday or a week,
 * come back as ambiguities instead of dates.
 */
export function scanUrduDates(scanner: Scanner, frame: DateFrame, field: string, romanUrdu: boolean): DateScan {
  const { now, reference } = frame;
  const { rules, lex } = rulesFor(romanUrdu);
  const today: LocalDate = { year: now.year, month: now.month, day: now.day };
  const findings: DateFinding[] = [];
  const ambiguities: Ambiguity[] = [];
  const take = (match: RegExpExecArray, finding: Omit<DateFinding, "span">): void => {
    const [span] = scanner.claimPieces(field, match.index, match.index + match[0].length);
    if (span) findings.push({ ...finding, span });
  };

  for (const match of scanner.matches(rules.duration)) {
    const amount = amountOf(match[1] ?? "");
    const unit = lex.unitOf(match[2] ?? "");
    if (!unit || Number.isNaN(amount)) continue;
    take(match, durationFinding(amount, unit, today, reference));
  }
  for (const match of scanner.matches(rules.nextPeriod)) {
    const word = match[2] ?? "";
    if (/^(ہفت|haft)/.test(word)) take(match, { date: addDays(today, 7 - ((weekdayOf(today) + 6) % 7)) });
    else if (/^(مہین|mahin)/.test(word)) take(match, { date: addMonths({ ...today, day: 1 }, 1) });
    else take(match, { date: { year: today.year + 1, month: 1, day: 1 } });
  }
  for (const match of scanner.matches(rules.monthEnd)) {
    take(match, { date: { ...today, day: daysInMonth(today.year, today.month) } });
  }
  for (const match of scanner.matches(rules.thisWeek)) take(match, { date: nextWeekday(today, 5, true) });
  const past = hasPastVerb(scanner.work);
  for (const match of scanner.matches(rules.relativeDay)) {
    const word = match[1] ?? "";
    const offset = lex.relativeDayOf(word) ?? 0;
    if (offset > 0 && past) {
      const [span] = scanner.claimPieces(field, match.index, match.index + match[0].length);
      if (span) ambiguities.push(yesterdayOrTomorrowAmbiguity(field, span.text, offset));
      continue;
    }
    take(match, { date: addDays(today, offset) });
  }
  for (const match of scanner.matches(rules.weekday)) {
    const [, prefix, word = "", suffix] = match;
    const weekday = lex.weekdayOf(word);
    if (weekday === undefined) continue;
    if (weekday === 6 && /^(ہفت|haft)/.test(word) && !prefix && !suffix) {
      const after = scanner.work.slice(match.index + match[0].length);
      const before = scanner.work.slice(0, match.index);
      if (/^\s*(\d|بجے)/.test(after) === false) {
        if (/(\d|ایک|ek|aik|do|دو)\s*$/.test(before)) continue;
        const [span] = scanner.claimPieces(field, match.index, match.index + match[0].length);
        if (span) ambiguities.push(saturdayOrWeekAmbiguity(field, span.text));
        continue;
      }
    }
    take(match, { date: nextWeekday(today, weekday, false) });
  }
  for (const match of scanner.matches(rules.monthDate)) {
    const day = Number(match[1] ?? match[5]);
    const month = monthOf(match[2] ?? match[4] ?? "");
    if (!month || day < 1 || day > 31) continue;
    const explicitYear = match[3] ? Number(match[3]) : undefined;
    let date: LocalDate = {
      year: explicitYear ?? today.year,
      month,
      day: Math.min(day, daysInMonth(today.year, month)),
    };
    if (!explicitYear && compareDates(date, today) < 0) date = { ...date, year: date.year + 1 };
    take(match, { date });
  }
  for (const match of scanner.matches(rules.dayOfMonth)) {
    const day = /^\d+$/.test(match[2] ?? "") ? Number(match[2]) : 1;
    if (day < 1 || day > 31) continue;
    let base: LocalDate = { year: today.year, month: today.month, day: 1 };
    if (match[1] && /^(اگلے|agle)$/.test(match[1])) base = addMonths(base, 1);
    let date = { ...base, day: Math.min(day, daysInMonth(base.year, base.month)) };
    if (!match[1] && compareDates(date, today) < 0) {
      const next = addMonths(base, 1);
      date = { ...next, day: Math.min(day, daysInMonth(next.year, next.month)) };
    }
    take(match, { date });
  }
  scanClocks(scanner, rules, lex, take);
  return { findings, ambiguities };
}

type Take = (match: RegExpExecArray, finding: Omit<DateFinding, "span">) => void;

function scanClocks(scanner: Scanner, rules: UrduRules, lex: DateLexicon, take: Take): void {
  for (const match of scanner.matches(rules.clock)) {
    const hour = readNumber(match[3] ?? "");
    if (Number.isNaN(hour) || hour > 24) continue;
    const shift = lex.fractionOf(match[2] ?? "");
    const explicitMinute = match[4] ? Number(match[4]) : 0;
    const total = hour * 60 + explicitMinute + shift;
    const period = lex.periodOf(match[1] ?? match[5] ?? "");
    take(match, {
      clock: {
        hour: Math.floor(total / 60) || (shift < 0 ? 12 : 0),
        minute: ((total % 60) + 60) % 60,
        needsMeridiem: hour <= 12,
      },
      ...(period ? { period } : {}),
    });
  }
  for (const match of scanner.matches(rules.halfHours)) {
    const hour = /^(ڈیڑھ|derh|dedh)$/.test(match[2] ?? "") ? 1 : 2;
    const period = lex.periodOf(match[1] ?? match[3] ?? "");
    take(match, { clock: { hour, minute: 30, needsMeridiem: true }, ...(period ? { period } : {}) });
  }
  for (const match of scanner.matches(rules.clockWithMinutes)) {
    const hour = readNumber(match[2] ?? "");
    const minute = readNumber(match[3] ?? "");
    if (Number.isNaN(hour) || Number.isNaN(minute) || minute > 59) continue;
    const period = lex.periodOf(match[1] ?? match[4] ?? "");
    take(match, { clock: { hour, minute, needsMeridiem: hour <= 12 }, ...(period ? { period } : {}) });
  }
  for (const match of scanner.matches(rules.periodDigits)) {
    const hour = Number(match[2]);
    if (hour > 23) continue;
    const period = lex.periodOf(match[1] ?? "");
    take(match, {
      clock: { hour, minute: Number(match[3] ?? 0), needsMeridiem: hour <= 12 },
      ...(period ? { period } : {}),
    });
  }
  for (const match of scanner.matches(rules.period)) {
    const period = lex.periodOf(match[1] ?? "");
    if (period) take(match, { period });
  }
}

function amountOf(word: string): number {
  if (/^(آدھے|آدھا|aadhe|aadha|adhe|adha)$/.test(word)) return 0.5;
  if (/^(ڈیڑھ|derh|dedh)$/.test(word)) return 1.5;
  if (/^(ڈھائی|dhai|dhaai)$/.test(word)) return 2.5;
  return readNumber(word);
}

function durationFinding(
  amount: number,
  unit: DurationUnit,
  today: LocalDate,
  reference: Date,
): Omit<DateFinding, "span"> {
  switch (unit) {
    case "minute":
      return { instant: new Date(reference.getTime() + amount * 60_000) };
    case "hour":
      return { instant: new Date(reference.getTime() + amount * 3_600_000) };
    case "day":
      return { date: addDays(today, Math.round(amount)) };
    case "week":
      return { date: addDays(today, Math.round(amount * 7)) };
    case "month":
      return { date: addMonths(today, Math.round(amount)) };
    case "year":
      return { date: addMonths(today, Math.round(amount * 12)) };
  }
}
