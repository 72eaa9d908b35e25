import type { Scanner } from "../shared/scanner.ts";
import { wordRegex } from "../shared/scanner.ts";
import type { LocalDate, LocalDateTime } from "../shared/time-zone.ts";
import { addDays, fromLocal, weekdayOf } from "../shared/time-zone.ts";
import { addMonths } from "../shared/dates/urdu-helpers.ts";

/** What kind of change a question asks about. */
export type ActivityKind = "completed" | "created" | "deleted" | "updated" | "any";

/** The period a question asks about. */
export type RangeName = "today" | "yesterday" | "this-week" | "last-week" | "this-month" | "last-month" | "last-days" | "recent";

export interface ActivityRange {
  name: RangeName;
  from?: Date;
  to?: Date;
  days?: number;
}

const RANGES: ReadonlyArray<readonly [RangeName, RegExp]> = [
  ["last-days", wordRegex("(?:last|past|previous)\\s+(\\d{1,3})\\s+days|(?:پچھلے|گزشتہ)\\s+(\\d{1,3})\\s+(?:دن|دنوں)|pichle\\s+(\\d{1,3})\\s+(?:din|dino|dinon)")],
  ["yesterday", wordRegex("yesterday|کل|گزشتہ\\s+روز|kal")],
  ["today", wordRegex("today|آج|aaj|aj")],
  ["last-week", wordRegex("last\\s+week|previous\\s+week|(?:پچھلے|گزشتہ)\\s+ہفتے|pichle\\s+hafte")],
  ["this-week", wordRegex("this\\s+week|اس\\s+ہفتے|is\\s+hafte")],
  ["last-month", wordRegex("last\\s+month|previous\\s+month|(?:پچھلے|گزشتہ)\\s+(?:مہینے|ماہ)|pichle\\s+mahine")],
  ["this-month", wordRegex("this\\s+month|اس\\s+(?:مہینے|ماہ)|is\\s+mahine")],
];

const KINDS: ReadonlyArray<readonly [ActivityKind, RegExp]> = [
  ["completed", wordRegex("finish(?:ed)?|complete(?:d)?|done|tick(?:ed)?\\s+off|مکمل|ختم|پورا|پورے|mukammal|khatam|poora|complete\\s+kiya|ho\\s+gaya")],
  ["deleted", wordRegex("delete(?:d)?|remove(?:d)?|trash(?:ed)?|حذف|ڈیلیٹ|مٹایا|مٹائے|ہٹایا|ہٹائے|delete\\s+kiya|hataya|mitaya")],
  ["created", wordRegex("create(?:d)?|add(?:ed)?|new|بنایا|بنائے|شامل|banaya|banaye|add\\s+kiya")],
  ["updated", wordRegex("change(?:d)?|update(?:d)?|edit(?:ed)?|reschedul(?:e|ed)|تبدیل|بدلا|بدلے|badla|badle")],
];

/** Reads the period and the kind of change a history question asks about; claims the words used. */
export function readActivityQuestion(scanner: Scanner, now: LocalDateTime, timeZone: string): { range: ActivityRange; kind: ActivityKind } {
  const today: LocalDate = { year: now.year, month: now.month, day: now.day };
  const start = (date: LocalDate): Date => fromLocal({ ...date, hour: 0, minute: 0 }, timeZone);
  const monday = addDays(today, -((weekdayOf(today) + 6) % 7));
  let range: ActivityRange = { name: "recent" };
  for (const [name, regex] of RANGES) {
    const match = scanner.first(regex);
    if (!match) continue;
    scanner.claim("range", match.index, match.index + match[0].length);
    switch (name) {
      case "last-days": {
        const days = Number(match[1] ?? match[2] ?? match[3]);
        range = { name, days, from: start(addDays(today, -days)) };
        break;
      }
      case "yesterday":
        range = { name, from: start(addDays(today, -1)), to: start(today) };
        break;
      case "today":
        range = { name, from: start(today), to: start(addDays(today, 1)) };
        break;
      case "last-week":
        range = { name, from: start(addDays(monday, -7)), to: start(monday) };
        break;
      case "this-week":
        range = { name, from: start(monday), to: start(addDays(monday, 7)) };
        break;
      case "last-month":
        range = { name, from: start(addMonths({ ...today, day: 1 }, -1)), to: start({ ...today, day: 1 }) };
        break;
      case "this-month":
        range = { name, from: start({ ...today, day: 1 }), to: start(addMonths({ ...today, day: 1 }, 1)) };
        break;
      default:
        break;
    }
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
  return { range, kind };
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
