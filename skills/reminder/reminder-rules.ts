import { fromLocal, toLocal } from "../../vocabulary/time-zone";
import { readNumber } from "../shared/date-words";
import type { DateFinding, DateFrame, ResolvedTime } from "../shared/dates/date-finding";
import { resolveFindings } from "../shared/dates/date-finding";
import { scanDates } from "../shared/dates/scan-dates";
import { Scanner, wordRegex } from "../shared/scanner";
import type { Language, Span } from "../shared/types";

/** A reminder: an absolute instant, or an offset before the task's due time. */
export type ReminderValue = { at: string } | { beforeSeconds: number };

/** What the reminder rules read: an offset, or time findings still to be placed against the due time. */
export type ReminderScan =
  | { kind: "before"; beforeSeconds: number; spans: Span[] }
  | { kind: "at"; findings: DateFinding[]; spans: Span[] };

const EN_AMOUNT = "\\d{1,3}|an?|one|two|three|four|five|six|ten|fifteen|twenty|thirty|forty-five|half\\s+an?";
const EN_UNIT = "minutes?|mins?|hours?|hrs?|days?|weeks?";
const UR_AMOUNT = "\\d{1,3}|ایک|دو|تین|چار|پانچ|دس|پندرہ|بیس|تیس|پینتالیس|آدھا|آدھے|ڈیڑھ";
const RO_AMOUNT = "\\d{1,3}|ek|aik|do|teen|char|paanch|panch|das|pandrah|bees|tees|aadha|adha|aadhe|adhe|derh|dedh";
const UR_UNIT = "منٹ|گھنٹہ|گھنٹے|دن|ہفتہ|ہفتے";
const RO_UNIT = "minute|minutes|min|mins|mint|ghanta|ghante|ghantay|din|hafta|hafte";
const UR_TRIGGER =
  "(?:مجھے\\s+)?(?:یاد\\s+(?:دلا|کرا|کروا)(?:نا|دینا|دیں|ئیں|ئیے|و|دو)?(?:\\s+(?:دینا|دیں|دو|دیجیے|دیجئے))?|یاد\\s*دہانی(?:\\s+(?:کرانا|کروانا|کرنا|کریں|کر\\s+دیں|کرا\\s+دیں|لگا\\s+دیں|لگانا))?)";
const RO_TRIGGER =
  "(?:mujhe\\s+)?(?:yaad\\s+(?:dila|kara|karwa|krwa|dilana|karana|karwana|dilao|karao)(?:na|o|ein|en)?(?:\\s+(?:dena|dein|do|den))?|reminder\\s+(?:dena|de\\s+dena|lagana|laga\\s+do|set\\s+karna|set\\s+kar\\s+do))";

const OFFSET_EN = wordRegex(
  `(?:(?:remind|alert|notify|ping)\\s+me\\s+|(?:with\\s+)?(?:a\\s+)?reminder\\s+)?(?:(${EN_AMOUNT})\\s*(${EN_UNIT})|(?:the\\s+)?(day|night|evening))\\s+(?:before|early|earlier|ahead|in\\s+advance|prior)(?:\\s+(?:it'?s\\s+due|the\\s+deadline|due|it\\s+starts|the\\s+meeting))?`,
);
const OFFSET_EN_NOUN = wordRegex(`(?:with\\s+)?(?:an?\\s+)?(\\d{1,3})[-\\s]*(${EN_UNIT})\\s+reminder`);
const OFFSET_UR = wordRegex(`(?:مجھے\\s+)?(${UR_AMOUNT})\\s*(${UR_UNIT})\\s+پہلے(?:\\s+${UR_TRIGGER})?`);
const OFFSET_RO = wordRegex(
  `(?:mujhe\\s+)?(${RO_AMOUNT})\\s*(${RO_UNIT})\\s+(?:pehle|pehlay|pehley|phle|pahle)(?:\\s+${RO_TRIGGER})?`,
);
const TRIGGER_BEFORE_TIME = wordRegex(
  "(?:(?:remind|alert|notify|ping)\\s+me|set\\s+(?:a\\s+)?reminder(?:\\s+for)?|reminder)(?!\\s+(?:to|about|that|of)\\b)",
);
const TRIGGER_AFTER_TIME = new Map<boolean, RegExp>([
  [false, wordRegex(`(?:پر|کو)?\\s*${UR_TRIGGER}`)],
  [true, wordRegex(`(?:پر|کو|par|ko)?\\s*(?:${UR_TRIGGER}|${RO_TRIGGER})`)],
]);

/**
 * Reads a reminder: an offset before due ("30 minutes before", "ایک گھنٹہ پہلے یاد دلانا",
 * "aadha ghanta pehle") or an absolute time tied to a reminder word ("remind me at 4pm",
 * "4 بجے یاد دلانا"). With `loose` (the whole text is about the reminder) any time counts. A time
 * without a date is put on the due date when that keeps it before the due time.
 */
export function scanReminder(
  scanner: Scanner,
  frame: DateFrame,
  language: Language,
  options: { loose: boolean },
): ReminderScan | null {
  const offset = findOffset(scanner, language);
  if (offset) return offset;
  const romanUrdu = language === "roman-ur";

  const before = scanner.first(TRIGGER_BEFORE_TIME);
  if (before) {
    const from = before.index + before[0].length;
    const found = datesAt(scanner, frame, language, from, scanner.original.length, "start");
    if (found) {
      const spans = [...scanner.claimPieces("reminder", before.index, from), ...claimFound(scanner, found)];
      return { kind: "at", findings: found.findings, spans };
    }
  }
  const triggerRegex = TRIGGER_AFTER_TIME.get(romanUrdu);
  const after = triggerRegex ? scanner.first(triggerRegex) : null;
  if (after) {
    const found = datesAt(scanner, frame, language, 0, after.index, "end");
    if (found) {
      const spans = [
        ...claimFound(scanner, found),
        ...scanner.claimPieces("reminder", after.index, after.index + after[0].length),
      ];
      return { kind: "at", findings: found.findings, spans };
    }
  }
  if (!options.loose) return null;
  const found = datesAt(scanner, frame, language, 0, scanner.original.length, "any");
  if (!found) return null;
  const spans = claimFound(scanner, found);
  for (const trigger of [before, after]) {
    if (trigger) spans.push(...scanner.claimPieces("reminder", trigger.index, trigger.index + trigger[0].length));
  }
  return { kind: "at", findings: found.findings, spans };
}

function findOffset(scanner: Scanner, language: Language): ReminderScan | null {
  const regexes =
    language === "roman-ur"
      ? [OFFSET_RO, OFFSET_UR, OFFSET_EN, OFFSET_EN_NOUN]
      : [OFFSET_UR, OFFSET_EN, OFFSET_EN_NOUN];
  for (const regex of regexes) {
    const match = scanner.first(regex);
    if (!match) continue;
    const seconds = match[3] ? 86_400 : secondsOf(match[1] ?? "", match[2] ?? "");
    if (!(seconds > 0)) continue;
    const spans = scanner.claimPieces("reminder", match.index, match.index + match[0].length);
    return { kind: "before", beforeSeconds: seconds, spans };
  }
  return null;
}

function secondsOf(amount: string, unit: string): number {
  const trimmed = amount.replace(/\s+/g, " ").trim();
  let value: number;
  if (/^(an?|one|ek|aik|ایک)$/.test(trimmed)) value = 1;
  else if (/^(half an?|آدھا|آدھے|aadha|adha|aadhe|adhe)$/.test(trimmed)) value = 0.5;
  else if (/^(ڈیڑھ|derh|dedh)$/.test(trimmed)) value = 1.5;
  else if (trimmed === "forty-five") value = 45;
  else value = readNumber(trimmed);
  if (!Number.isFinite(value)) return Number.NaN;
  if (/^(min|mint|منٹ)/.test(unit)) return Math.round(value * 60);
  if (/^(h|ghant|گھنٹ)/.test(unit)) return Math.round(value * 3600);
  if (/^(day|din|دن)/.test(unit)) return Math.round(value * 86_400);
  if (/^(week|haft|ہفت)/.test(unit)) return Math.round(value * 604_800);
  return Number.NaN;
}

interface Found {
  findings: DateFinding[];
}

/** Date findings inside [from, to) of the text: at its start, at its end, or anywhere. */
function datesAt(
  scanner: Scanner,
  frame: DateFrame,
  language: Language,
  from: number,
  to: number,
  where: "start" | "end" | "any",
): Found | null {
  const slice = maskOutside(scanner, from, to);
  const sub = new Scanner(slice);
  const { findings } = scanDates(sub, frame, "reminder", language);
  if (findings.length === 0) return null;
  const touching = findings.filter((finding) => {
    if (where === "any") return true;
    if (where === "start") return /^[\s,]*(?:(?:at|on|by)\s+)?$/i.test(slice.slice(from, finding.span.start));
    return slice.slice(finding.span.end, to).trim().length === 0;
  });
  if (touching.length === 0) return null;
  if (where === "start") {
    const chained = [touching[0] as DateFinding];
    for (const finding of findings) {
      const last = chained.at(-1);
      if (
        last &&
        finding.span.start > last.span.end &&
        /^[\s,]*(?:at|on)?\s*$/i.test(slice.slice(last.span.end, finding.span.start))
      )
        chained.push(finding);
    }
    return { findings: chained };
  }
  if (where === "end") {
    const chained = [touching.at(-1) as DateFinding];
    for (const finding of [...findings].reverse()) {
      const first = chained[0];
      if (
        first &&
        finding.span.end < first.span.start &&
        /^[\s,]*$/.test(slice.slice(finding.span.end, first.span.start))
      )
        chained.unshift(finding);
    }
    return { findings: chained };
  }
  return { findings };
}

/** The scanner's text with claimed, quoted and out-of-range characters blanked, offsets unchanged. */
function maskOutside(scanner: Scanner, from: number, to: number): string {
  let out = "";
  for (let i = 0; i < scanner.original.length; i += 1) {
    out += i >= from && i < to && scanner.isFree(i, i + 1) ? (scanner.original[i] ?? " ") : " ";
  }
  return out;
}

function claimFound(scanner: Scanner, found: Found): Span[] {
  return found.findings.flatMap((finding) => scanner.claimPieces("reminder", finding.span.start, finding.span.end));
}

/**
 * Places a reminder read as a time: on the due date when it has no date of its own and that keeps it
 * after now and no later than the due time, otherwise like any time. A date without a time means 09:00.
 */
export function resolveReminder(scan: ReminderScan, frame: DateFrame, dueAt: Date | undefined): ReminderValue | null {
  if (scan.kind === "before") return { beforeSeconds: scan.beforeSeconds };
  const context = { now: frame.now, timeZone: frame.timeZone };
  const hasDate = scan.findings.some((finding) => finding.date || finding.instant);
  let resolved: ResolvedTime | undefined;
  if (dueAt && !hasDate) {
    const due = toLocal(dueAt, frame.timeZone);
    const anchor: DateFinding = {
      span: { field: "reminder", start: 0, end: 0, text: "" },
      date: { year: due.year, month: due.month, day: due.day },
    };
    // "due 8 am, remind me at 7:30": on the due day a bare 7:30 is the morning one.
    const literal = scan.findings.map((finding) =>
      finding.clock && !finding.period ? { ...finding, clock: { ...finding.clock, needsMeridiem: false } } : finding,
    );
    for (const candidate of [scan.findings, literal]) {
      const onDueDay = resolveFindings([anchor, ...candidate], context);
      if (onDueDay && onDueDay.instant <= dueAt && onDueDay.instant > frame.reference) {
        resolved = onDueDay;
        break;
      }
    }
  }
  resolved ??= resolveFindings(scan.findings, context);
  if (!resolved) return null;
  const instant = resolved.dateOnly
    ? fromLocal({ ...resolved.local, hour: 9, minute: 0 }, frame.timeZone)
    : resolved.instant;
  return { at: instant.toISOString() };
}
