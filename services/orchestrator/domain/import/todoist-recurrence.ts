import { dayCodesFromSunday, type WeekdayCode } from "../../../../vocabulary/recurrence/rule";
import { addDays, fromLocal, type LocalDate, startOfDay, toLocal, weekdayOf } from "../../../../vocabulary/time-zone";

/** A Todoist recurring date read as ours: the rule, what it repeats from, and the first due date. */
export interface TodoistRepeat {
  rrule: string;
  /** fromCompletion: Todoist's "every!" (repeat from the completion date) rather than "every". */
  fromCompletion: boolean;
  dueAt: Date;
  dueDateOnly: boolean;
}

const dayNames: Record<string, WeekdayCode> = {
  sun: "SU",
  sunday: "SU",
  mon: "MO",
  monday: "MO",
  tue: "TU",
  tues: "TU",
  tuesday: "TU",
  wed: "WE",
  wednesday: "WE",
  thu: "TH",
  thur: "TH",
  thurs: "TH",
  thursday: "TH",
  fri: "FR",
  friday: "FR",
  sat: "SA",
  saturday: "SA",
};
const units: Record<string, string> = { day: "DAILY", week: "WEEKLY", month: "MONTHLY", year: "YEARLY" };
const workdays: WeekdayCode[] = ["MO", "TU", "WE", "TH", "FR"];

const PHRASE = /^every(!)?\s+(?:(other)\s+|(\d{1,3})\s+)?([a-z,\s]+?)(?:\s+at\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm)?)?$/;

/**
 * readTodoistRepeat reads the common shapes of Todoist's recurring dates (its help lists them): "every day",
 * "every weekday", "every week", "every other month", "every 3 days", "every monday", "every mon, fri",
 * "every other friday", each optionally "at 9am" / "at 17:30", and "every!" (from completion); "daily", "weekly",
 * "monthly", "yearly" too. The first due date is today (in the zone) or the next of the named days. Anything else is
 * null: the caller keeps the text rather than guess.
 */
export function readTodoistRepeat(text: string, timeZone: string, now: Date): TodoistRepeat | null {
  const value = text.trim().toLowerCase().replace(/\s+/g, " ");
  const single = { daily: "every day", weekly: "every week", monthly: "every month", yearly: "every year" }[value];
  const match = PHRASE.exec(single ?? value);
  if (!match) return null;
  const [, bang, other, count, what, hourText, minuteText, meridiem] = match;
  const interval = other ? 2 : count ? Number(count) : 1;
  if (interval < 1) return null;
  const words = what!.split(/[\s,]+/).filter((w) => w && w !== "and");
  let freq: string;
  let days: WeekdayCode[] = [];
  const unit = words.length === 1 ? words[0]!.replace(/s$/, "") : "";
  if (units[unit]) freq = units[unit]!;
  else if (words.length === 1 && (words[0] === "weekday" || words[0] === "workday")) {
    freq = "WEEKLY";
    days = workdays;
  } else if (words.every((w) => dayNames[w])) {
    freq = "WEEKLY";
    days = [...new Set(words.map((w) => dayNames[w]!))];
  } else return null;
  let hour: number | null = null;
  let minute = 0;
  if (hourText !== undefined) {
    hour = Number(hourText);
    minute = minuteText ? Number(minuteText) : 0;
    if (meridiem) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (meridiem === "pm" ? 12 : 0);
    }
    if (hour > 23 || minute > 59) return null;
  }
  const local = toLocal(now, timeZone);
  let day: LocalDate = { year: local.year, month: local.month, day: local.day };
  if (days.length > 0) {
    for (let i = 0; i < 7 && !days.includes(dayCodesFromSunday[weekdayOf(day)]!); i++) day = addDays(day, 1);
  }
  const parts = [
    `FREQ=${freq}`,
    ...(interval > 1 ? [`INTERVAL=${interval}`] : []),
    ...(days.length ? [`BYDAY=${days.join(",")}`] : []),
  ];
  return {
    rrule: parts.join(";"),
    fromCompletion: bang === "!",
    dueAt: hour === null ? startOfDay(day, timeZone) : fromLocal({ ...day, hour, minute }, timeZone),
    dueDateOnly: hour === null,
  };
}
