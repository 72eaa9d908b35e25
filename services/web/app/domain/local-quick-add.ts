import type { DueValue, PriorityName, QuickAddFrame, QuickAddParse, QuickAddSpan, SpanValue } from "./quick-add";
import { formatRrule, weekdayCodes, type RuleParts, type WeekdayCode } from "./rrule";
import { addDays, fromWallTime, toWallTime, type WallTime } from "./zoned-time";

/**
 * A small deterministic reader for quick add (English, Urdu and Roman Urdu basics): #tags, p1–p4,
 * "tomorrow at 5pm", "every Monday", "remind me 30m before". It stands in until the server exposes the
 * Task skill's spans to the browser; it only has to be good enough to prefill chips the user can remove.
 */

type Day = Pick<WallTime, "year" | "month" | "day">;
type Clock = { hour: number; minute: number };

interface Found {
  start: number;
  end: number;
}

const dayNames: [RegExp, WeekdayCode][] = [
  [/^(mon|monday|پیر|peer|pir)$/i, "MO"],
  [/^(tue|tues|tuesday|منگل|mangal)$/i, "TU"],
  [/^(wed|wednesday|بدھ|budh)$/i, "WE"],
  [/^(thu|thur|thurs|thursday|جمعرات|jumeraat)$/i, "TH"],
  [/^(fri|friday|جمعہ|jumma)$/i, "FR"],
  [/^(sat|saturday|ہفتہ)$/i, "SA"],
  [/^(sun|sunday|اتوار|itwar|itwaar)$/i, "SU"],
];
const fullDay = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|پیر|منگل|بدھ|جمعرات|جمعہ|ہفتہ|اتوار";
const shortDay = "mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun";
const months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const monthPattern = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const small: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, ten: 10 };

// Word edges that also work for Urdu letters (\b only knows ASCII words).
const B = "(?<![\\p{L}\\p{N}])";
const E = "(?![\\p{L}\\p{N}])";
const rx = (source: string) => new RegExp(source.replaceAll("\\b<", B).replaceAll(">\\b", E), "giu");

const weekdayOf = (word: string): WeekdayCode | undefined => dayNames.find(([re]) => re.test(word))?.[1];
const weekdayIndex = (code: WeekdayCode) => (weekdayCodes.indexOf(code) + 1) % 7; // 0 = Sunday

class Scanner {
  readonly spans: { found: Found; value: SpanValue }[] = [];
  constructor(readonly text: string) {}

  free(start: number, end: number): boolean {
    return this.spans.every(({ found }) => end <= found.start || start >= found.end);
  }

  /** each yields every match of a pattern that does not overlap a span taken already. */
  *each(pattern: RegExp): Generator<RegExpExecArray> {
    for (const match of this.text.matchAll(pattern)) {
      if (this.free(match.index, match.index + match[0].length)) yield match;
    }
  }

  first(pattern: RegExp): RegExpExecArray | undefined {
    return this.each(pattern).next().value ?? undefined;
  }

  take(found: Found, value: SpanValue): void {
    this.spans.push({ found, value });
  }
}

const foundOf = (match: RegExpExecArray): Found => ({ start: match.index, end: match.index + match[0].length });

function readTags(scan: Scanner): void {
  for (const match of scan.each(/(?<![\p{L}\p{N}])[#＃]([\p{L}\p{N}_\-/]{1,50})/gu)) {
    scan.take(foundOf(match), { field: "tag", tag: match[1]!.toLowerCase() });
  }
}

function readPriority(scan: Scanner): void {
  const byMarker: Record<string, PriorityName> = { p1: "urgent", p2: "high", p3: "medium", p4: "low" };
  const marker = scan.first(rx("\\b<(p[1-4])>\\b"));
  if (marker) return scan.take(foundOf(marker), { field: "priority", priority: byMarker[marker[1]!.toLowerCase()]! });
  const worded = scan.first(rx("\\b<(?:(urgent|high|medium|low) priority|priority (urgent|high|medium|low))>\\b"));
  if (worded) return scan.take(foundOf(worded), { field: "priority", priority: (worded[1] ?? worded[2])!.toLowerCase() as PriorityName });
  const urdu = scan.first(rx("\\b<(فوری|اہم|zaroori|fori)>\\b"));
  if (urdu) scan.take(foundOf(urdu), { field: "priority", priority: /اہم|zaroori/i.test(urdu[1]!) ? "high" : "urgent" });
}

type PendingReminder = { found: Found; beforeSeconds: number } | { found: Found; clock: Clock };

/** findReminder claims reminder phrases first, so "remind me at 4pm" is not read as the due time. */
function findReminder(scan: Scanner): PendingReminder | undefined {
  const before = scan.first(
    rx("\\b<remind(?: me)? (\\d{1,4}|a|an|one|two) ?(m|mins?|minutes?|h|hrs?|hours?|d|days?) (?:before|early|earlier)>\\b"),
  );
  if (before) {
    const amount = Number(before[1]) || small[before[1]!.toLowerCase()] || 1;
    const unit = before[2]!.toLowerCase();
    const seconds = unit.startsWith("d") ? 86_400 : unit.startsWith("h") ? 3600 : 60;
    return { found: foundOf(before), beforeSeconds: amount * seconds };
  }
  const at = scan.first(rx("\\b<remind(?: me)? at (\\d{1,2})(?::(\\d{2}))? ?(am|pm)?>\\b"));
  const clock = at && toClock(Number(at[1]), Number(at[2] ?? 0), at[3]);
  return at && clock ? { found: foundOf(at), clock } : undefined;
}

function toClock(hour: number, minute: number, meridiem: string | undefined): Clock | undefined {
  const m = meridiem?.toLowerCase().replaceAll(".", "");
  if (minute > 59) return undefined;
  if (m) {
    if (hour < 1 || hour > 12) return undefined;
    return { hour: (hour % 12) + (m === "pm" ? 12 : 0), minute };
  }
  return hour <= 23 ? { hour, minute } : undefined;
}

function readRecurrence(scan: Scanner): RuleParts | undefined {
  const rule = (freq: RuleParts["freq"], extra: Partial<RuleParts> = {}): RuleParts => ({
    freq,
    interval: 1,
    byDay: [],
    byMonthDay: [],
    byMonth: [],
    byHour: [],
    byMinute: [],
    ...extra,
  });
  const days = `(?:${fullDay}|${shortDay})`;
  const weekly = scan.first(rx(`\\b<(?:every|each|ہر) (other |2nd |second |دوسرے )?(${days}(?:(?:, ?| and | اور |، ?)${days})*)>\\b`));
  if (weekly) {
    const codes = weekly[2]!.split(/,|،| and | اور /u).map((w) => weekdayOf(w.trim())).filter((c): c is WeekdayCode => !!c);
    const parts = rule("WEEKLY", { interval: weekly[1] ? 2 : 1, byDay: [...new Set(codes)].map((day) => ({ day })) });
    scan.take(foundOf(weekly), { field: "recurrence", rrule: formatRrule(parts) });
    return parts;
  }
  const patterns: [RegExp, (m: RegExpExecArray) => RuleParts][] = [
    [rx("\\b<(?:every|each) weekday>\\b"), () => rule("WEEKLY", { byDay: ["MO", "TU", "WE", "TH", "FR"].map((d) => ({ day: d as WeekdayCode })) })],
    [rx("\\b<(?:every|each) (\\d{1,3}|other) (day|week|month|year)s?>\\b"), (m) =>
      rule(`${m[2]!.toUpperCase() === "DAY" ? "DAI" : m[2]!.toUpperCase()}LY` as RuleParts["freq"], { interval: Number(m[1]) || 2 })],
    [rx("\\b<(?:every|each) (day|week|month|year)>\\b"), (m) =>
      rule(`${m[1]!.toUpperCase() === "DAY" ? "DAI" : m[1]!.toUpperCase()}LY` as RuleParts["freq"])],
    [rx("\\b<(daily|weekly|monthly|yearly|annually)>\\b"), (m) =>
      rule(m[1]!.toLowerCase() === "annually" ? "YEARLY" : (m[1]!.toUpperCase() as RuleParts["freq"]))],
    [rx("\\b<(?:روزانہ|ہر روز|ہر دن|rozana|har roz|har din)>\\b"), () => rule("DAILY")],
    [rx("\\b<(?:ہر ہفتے|har hafte)>\\b"), () => rule("WEEKLY")],
    [rx("\\b<(?:ہر مہینے|har mahine)>\\b"), () => rule("MONTHLY")],
  ];
  for (const [pattern, build] of patterns) {
    const match = scan.first(pattern);
    if (!match) continue;
    const parts = build(match);
    scan.take(foundOf(match), { field: "recurrence", rrule: formatRrule(parts) });
    return parts;
  }
  return undefined;
}

function readTime(scan: Scanner): { found: Found; clock: Clock; tonight?: boolean } | undefined {
  const meridiem = scan.first(rx("\\b<(?:at |@ ?)?(\\d{1,2})(?::(\\d{2}))? ?(am|pm|a\\.m\\.|p\\.m\\.)(?![\\p{L}\\p{N}])"));
  if (meridiem) {
    const clock = toClock(Number(meridiem[1]), Number(meridiem[2] ?? 0), meridiem[3]);
    if (clock) return { found: foundOf(meridiem), clock };
  }
  const twentyFour = scan.first(rx("\\b<(?:at |@ ?)?([01]?\\d|2[0-3]):([0-5]\\d)>\\b"));
  if (twentyFour) return { found: foundOf(twentyFour), clock: { hour: Number(twentyFour[1]), minute: Number(twentyFour[2]) } };
  const named = scan.first(rx("\\b<(?:at )?(noon|midnight)>\\b"));
  if (named) return { found: foundOf(named), clock: { hour: named[1]!.toLowerCase() === "noon" ? 12 : 0, minute: 0 } };
  const tonight = scan.first(rx("\\b<tonight>\\b"));
  if (tonight) return { found: foundOf(tonight), clock: { hour: 20, minute: 0 }, tonight: true };
  const urdu = scan.first(rx("\\b<(?:(صبح|دوپہر|سہ پہر|شام|رات|subah|dopahar|sham|shaam|raat) )?(\\d{1,2})(?::(\\d{2}))? ?(?:بجے|baje)>\\b"));
  if (urdu) {
    let hour = Number(urdu[2]);
    const minute = Number(urdu[3] ?? 0);
    const part = urdu[1]?.toLowerCase();
    const evening = part && /دوپہر|سہ پہر|شام|رات|dopahar|sham|shaam|raat/.test(part);
    if (evening && hour < 12 && !(/رات|raat/.test(part!) && hour < 5)) hour += 12;
    if (hour <= 23 && minute <= 59) return { found: foundOf(urdu), clock: { hour, minute } };
  }
  return undefined;
}

function readDate(scan: Scanner, today: Day, now: WallTime, referenceTime: Date): { found: Found; day: Day; exactAt?: Date } | undefined {
  const lead = "(?:(?:on|by|due|for) )?";
  const relative = scan.first(rx(`\\b<${lead}(today|tomorrow|tmrw|tmr|day after tomorrow|آج|کل|پرسوں|aaj|kal|parson)>\\b`));
  if (relative) {
    const word = relative[1]!.toLowerCase();
    const offset = /today|آج|aaj/.test(word) ? 0 : /after|پرسوں|parson/.test(word) ? 2 : 1;
    return { found: foundOf(relative), day: addDays(today, offset) };
  }
  const inAmount = scan.first(rx("\\b<in (\\d{1,3}|a|an|one|two|three|four|five|ten) (minutes?|mins?|hours?|hrs?|days?|weeks?)>\\b"));
  if (inAmount) {
    const amount = Number(inAmount[1]) || small[inAmount[1]!.toLowerCase()] || 1;
    const unit = inAmount[2]!.toLowerCase();
    if (unit.startsWith("d") || unit.startsWith("w")) {
      return { found: foundOf(inAmount), day: addDays(today, amount * (unit.startsWith("w") ? 7 : 1)) };
    }
    const ms = amount * (unit.startsWith("h") ? 3_600_000 : 60_000);
    return { found: foundOf(inAmount), day: today, exactAt: new Date(referenceTime.getTime() + ms) };
  }
  const nextWeek = scan.first(rx(`\\b<${lead}next week>\\b`));
  if (nextWeek) return { found: foundOf(nextWeek), day: addDays(today, ((8 - now.weekday) % 7) || 7) };
  const weekday = scan.first(rx(`\\b<((?:on|by|due|this|next) )?(${fullDay}|(?<=(?:on|by|due|this|next) )(?:${shortDay}))>\\b`));
  if (weekday) {
    const target = weekdayIndex(weekdayOf(weekday[2]!)!);
    let ahead = (target - now.weekday + 7) % 7;
    if (weekday[1]?.trim().toLowerCase() === "next" && ahead === 0) ahead = 7;
    return { found: foundOf(weekday), day: addDays(today, ahead) };
  }
  const iso = scan.first(rx(`\\b<${lead}(\\d{4})-(\\d{2})-(\\d{2})>\\b`));
  if (iso) return { found: foundOf(iso), day: { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) } };
  const monthFirst = scan.first(rx(`\\b<${lead}(${monthPattern})\\.? (\\d{1,2})(?:st|nd|rd|th)?(?:,? (\\d{4}))?>\\b`));
  const dayFirst = monthFirst ? undefined : scan.first(rx(`\\b<${lead}(\\d{1,2})(?:st|nd|rd|th)? (?:of )?(${monthPattern})(?:,? (\\d{4}))?>\\b`));
  const named = monthFirst ?? dayFirst;
  if (named) {
    const [monthWord, dayNumber] = monthFirst ? [named[1]!, named[2]!] : [named[2]!, named[1]!];
    const month = months.indexOf(monthWord.slice(0, 3).toLowerCase()) + 1;
    const day = Number(dayNumber);
    if (day < 1 || day > 31) return undefined;
    let year = named[3] ? Number(named[3]) : today.year;
    if (!named[3] && (month < today.month || (month === today.month && day < today.day))) year += 1;
    return { found: foundOf(named), day: { year, month, day } };
  }
  return undefined;
}

/** firstDayOf is the first day on or after today that a weekly rule with weekdays hits. */
function firstDayOf(rule: RuleParts, today: Day, now: WallTime): Day {
  if (rule.freq !== "WEEKLY" || rule.byDay.length === 0) return today;
  const aheads = rule.byDay.map(({ day }) => (weekdayIndex(day) - now.weekday + 7) % 7);
  return addDays(today, Math.min(...aheads));
}

/** readQuickAdd reads the spans of a quick-add line in the given frame. */
export function readQuickAdd(text: string, frame: QuickAddFrame): QuickAddParse {
  const { timeZone, referenceTime } = frame;
  const now = toWallTime(referenceTime, timeZone);
  const today: Day = { year: now.year, month: now.month, day: now.day };
  const scan = new Scanner(text);

  readTags(scan);
  readPriority(scan);
  const reminder = findReminder(scan);
  if (reminder) scan.take(reminder.found, { field: "reminder", beforeSeconds: 0 });
  let due: DueValue | undefined;
  const rule = readRecurrence(scan);
  const date = readDate(scan, today, now, referenceTime);
  const time = readTime(scan);

  if (date?.exactAt) {
    due = { at: date.exactAt, dateOnly: false };
  } else if (date || time) {
    const day = date?.day ?? (rule ? firstDayOf(rule, today, now) : today);
    if (time) {
      let at = fromWallTime({ ...day, ...time.clock }, timeZone);
      if (!date && !rule && at.getTime() <= referenceTime.getTime()) at = fromWallTime({ ...addDays(day, 1), ...time.clock }, timeZone);
      due = { at, dateOnly: false };
    } else {
      due = { at: fromWallTime({ ...day, hour: 0, minute: 0 }, timeZone), dateOnly: true };
    }
  }
  if (due) {
    for (const piece of [date?.found, time?.found]) if (piece) scan.take(piece, { field: "due", due });
  }
  if (rule && !due) {
    const recurrence = scan.spans.find((s) => s.value.field === "recurrence");
    if (recurrence?.value.field === "recurrence") {
      recurrence.value.impliedDue = { at: fromWallTime({ ...firstDayOf(rule, today, now), hour: 0, minute: 0 }, timeZone), dateOnly: true };
    }
  }
  const reminderSpan = scan.spans.find((s) => s.value.field === "reminder");
  if (reminder && reminderSpan) {
    reminderSpan.value =
      "beforeSeconds" in reminder
        ? { field: "reminder", beforeSeconds: reminder.beforeSeconds }
        : { field: "reminder", at: fromWallTime({ ...(due ? toWallTime(due.at, timeZone) : today), ...reminder.clock }, timeZone) };
  }

  const spans: QuickAddSpan[] = scan.spans
    .map(({ found, value }) => ({ start: found.start, end: found.end, text: text.slice(found.start, found.end), value }))
    .sort((a, b) => a.start - b.start);
  return { text, spans };
}
