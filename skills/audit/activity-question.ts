import type { LocalDate } from "../../vocabulary/time-zone";
import { addDays, fromLocal, weekdayOf } from "../../vocabulary/time-zone";
import type { DateFrame } from "../shared/dates/date-finding";
import { addMonths } from "../shared/dates/urdu-helpers";
import type { Scanner } from "../shared/scanner";
import { wordRegex } from "../shared/scanner";

/** Every kind of change a question can ask about; "any" when it names none. */
export const ACTIVITY_KINDS = ["completed", "created", "updated", "deleted", "any"] as const;
/** What kind of change a question asks about. */
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** Every period a question can ask about; "recent" when it names none. */
export const RANGE_NAMES = [
  "today",
  "yesterday",
  "this-week",
  "last-week",
  "this-month",
  "last-month",
  "last-days",
  "recent",
] as const;
/** The period a question asks about. */
export type RangeName = (typeof RANGE_NAMES)[number];

/** A period by name; "last-days" carries its day count. */
export type ActivityPeriod = { name: "last-days"; days: number } | { name: Exclude<RangeName, "last-days"> };

/** What a history question asks: a period and a kind of change. */
export interface ActivityReading {
  period: ActivityPeriod;
  kind: ActivityKind;
}

/** A period made concrete in a frame; an open end means "from the beginning" or "up to now". */
export type ActivityRange = ActivityPeriod & { from?: Date; to?: Date };

const RANGES: ReadonlyArray<readonly [RangeName, RegExp]> = [
  [
    "last-days",
    wordRegex(
      "(?:last|past|previous)\\s+(\\d{1,3})\\s+days|(?:پچھلے|گزشتہ)\\s+(\\d{1,3})\\s+(?:دن|دنوں)|pichle\\s+(\\d{1,3})\\s+(?:din|dino|dinon)",
    ),
  ],
  ["yesterday", wordRegex("yesterday|کل|گزشتہ\\s+روز|kal")],
  ["today", wordRegex("today|آج|aaj|aj")],
  ["last-week", wordRegex("last\\s+week|previous\\s+week|(?:پچھلے|گزشتہ)\\s+ہفتے|pichle\\s+hafte")],
  ["this-week", wordRegex("this\\s+week|اس\\s+ہفتے|is\\s+hafte")],
  ["last-month", wordRegex("last\\s+month|previous\\s+month|(?:پچھلے|گزشتہ)\\s+(?:مہینے|ماہ)|pichle\\s+mahine")],
  ["this-month", wordRegex("this\\s+month|اس\\s+(?:مہینے|ماہ)|is\\s+mahine")],
];

const KINDS: ReadonlyArray<readonly [Exclude<ActivityKind, "any">, RegExp]> = [
  [
    "completed",
    wordRegex(
      "finish(?:ed)?|complete(?:d)?|done|tick(?:ed)?\\s+off|مکمل|ختم|پورا|پورے|mukammal|khatam|poora|complete\\s+kiya|ho\\s+gaya",
    ),
  ],
  [
    "deleted",
    wordRegex("delete(?:d)?|remove(?:d)?|trash(?:ed)?|حذف|ڈیلیٹ|مٹایا|مٹائے|ہٹایا|ہٹائے|delete\\s+kiya|hataya|mitaya"),
  ],
  ["created", wordRegex("create(?:d)?|add(?:ed)?|new|بنایا|بنائے|شامل|banaya|banaye|add\\s+kiya")],
  ["updated", wordRegex("change(?:d)?|update(?:d)?|edit(?:ed)?|reschedul(?:e|ed)|تبدیل|بدلا|بدلے|badla|badle")],
];

/** The rules' reading of a history question: the first period and kind words found; claims the words used. */
export function readActivityQuestion(scanner: Scanner): ActivityReading {
  let period: ActivityPeriod = { name: "recent" };
  for (const [name, regex] of RANGES) {
    const match = scanner.first(regex);
    if (!match) continue;
    scanner.claim("range", match.index, match.index + match[0].length);
    period = name === "last-days" ? { name, days: Number(match[1] ?? match[2] ?? match[3]) } : { name };
    break;
  }
  let kind: ActivityKind = "any";
  for (const [name, regex] of KINDS) {
    const match = scanner.first(regex);
    if (!match) continue;
    scanner.claim("kind", match.index, match.index + match[0].length);
    kind = name;
    break;
  }
  return { period, kind };
}

/** The instants a period covers in the frame's time zone: weeks start on Monday, "recent" is unbounded. */
export function activityRange(period: ActivityPeriod, frame: DateFrame): ActivityRange {
  const today: LocalDate = { year: frame.now.year, month: frame.now.month, day: frame.now.day };
  const start = (date: LocalDate): Date => fromLocal({ ...date, hour: 0, minute: 0 }, frame.timeZone);
  const monday = addDays(today, -((weekdayOf(today) + 6) % 7));
  const firstOfMonth: LocalDate = { ...today, day: 1 };
  switch (period.name) {
    case "last-days":
      return { ...period, from: start(addDays(today, -period.days)) };
    case "yesterday":
      return { ...period, from: start(addDays(today, -1)), to: start(today) };
    case "today":
      return { ...period, from: start(today), to: start(addDays(today, 1)) };
    case "last-week":
      return { ...period, from: start(addDays(monday, -7)), to: start(monday) };
    case "this-week":
      return { ...period, from: start(monday), to: start(addDays(monday, 7)) };
    case "last-month":
      return { ...period, from: start(addMonths(firstOfMonth, -1)), to: start(firstOfMonth) };
    case "this-month":
      return { ...period, from: start(firstOfMonth), to: start(addMonths(firstOfMonth, 1)) };
    case "recent":
      return { ...period };
  }
}

/** The kind of change an audit event type records ("TaskCompleted", "todo.events.v1.TaskDeleted"). */
export function kindOfEvent(type: string): Exclude<ActivityKind, "any"> | null {
  const lower = type.toLowerCase();
  if (/complet|done|finish/.test(lower)) return "completed";
  if (/delet|remov/.test(lower)) return "deleted";
  if (/creat|add/.test(lower)) return "created";
  if (/updat|chang|edit|resched|renam/.test(lower)) return "updated";
  return null;
}
