import type { DateFrame } from "../shared/dates/date-finding";
import type { Language } from "../shared/types";
import type { ActivityKind, ActivityRange, ActivityReading, RangeName } from "./activity-question";
import { activityRange, kindOfEvent } from "./activity-question";
import type { ActivityEvent } from "./schema";

/** How many titles each kind lists unless asked for more. */
const LIST_LIMIT = 10;
const FSI = "\u2068";
const PDI = "\u2069";
const GROUP_ORDER: ReadonlyArray<Exclude<ActivityKind, "any">> = ["completed", "created", "updated", "deleted"];

const EN_RANGE: Record<RangeName, string> = {
  today: "today",
  yesterday: "yesterday",
  "this-week": "this week",
  "last-week": "last week",
  "this-month": "this month",
  "last-month": "last month",
  "last-days": "in the last {n} days",
  recent: "recently",
};
const ROMAN_RANGE: Record<RangeName, string> = {
  today: "aaj",
  yesterday: "kal",
  "this-week": "is hafte",
  "last-week": "pichle hafte",
  "this-month": "is mahine",
  "last-month": "pichle mahine",
  "last-days": "pichle {n} dinon mein",
  recent: "haal hi mein",
};
const UR_RANGE: Record<RangeName, string> = {
  today: "آج",
  yesterday: "کل",
  "this-week": "اس ہفتے",
  "last-week": "پچھلے ہفتے",
  "this-month": "اس مہینے",
  "last-month": "پچھلے مہینے",
  "last-days": "پچھلے {n} دنوں میں",
  recent: "حال ہی میں",
};
const EN_VERB: Record<Exclude<ActivityKind, "any">, string> = {
  completed: "completed",
  created: "created",
  deleted: "deleted",
  updated: "updated",
};
/** Urdu verb phrases: singular object, plural object. */
const UR_VERB: Record<Exclude<ActivityKind, "any">, readonly [string, string]> = {
  completed: ["مکمل کیا", "مکمل کیے"],
  created: ["بنایا", "بنائے"],
  deleted: ["حذف کیا", "حذف کیے"],
  updated: ["تبدیل کیا", "تبدیل کیے"],
};

/** Roman Urdu verb phrases: singular object, plural object. */
const ROMAN_VERB: Record<Exclude<ActivityKind, "any">, readonly [string, string]> = {
  completed: ["mukammal kiya", "mukammal kiye"],
  created: ["banaya", "banaye"],
  deleted: ["delete kiya", "delete kiye"],
  updated: ["tabdeel kiya", "tabdeel kiye"],
};
const ROMAN_NEGATIVE: Record<Exclude<ActivityKind, "any">, string> = {
  completed: "mukammal nahi kiya",
  created: "nahi banaya",
  deleted: "delete nahi kiya",
  updated: "tabdeel nahi kiya",
};

const UR_NEGATIVE: Record<Exclude<ActivityKind, "any">, string> = {
  completed: "مکمل نہیں کیا",
  created: "نہیں بنایا",
  deleted: "حذف نہیں کیا",
  updated: "تبدیل نہیں کیا",
};

interface KindGroup {
  kind: Exclude<ActivityKind, "any">;
  titles: string[];
}

/**
 * The answer to a reading of a history question, built from the records alone: the records of the
 * asked kind within the period (up to the reference time), one per task, grouped by kind. Titles are
 * only ever listed, so whatever a title says cannot change the sentence around it.
 */
export function answerFromRecords(
  events: readonly ActivityEvent[],
  reading: ActivityReading,
  locale: Language,
  frame: DateFrame,
  listLimit: number = LIST_LIMIT,
  actor?: string,
): { answer: string; omitted: number } {
  const range = activityRange(reading.period, frame);
  const to = range.to && range.to < frame.reference ? range.to : frame.reference;
  const groups = new Map<Exclude<ActivityKind, "any">, Map<string, string>>();
  for (const event of [...events].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))) {
    const at = new Date(event.occurredAt);
    if (Number.isNaN(at.getTime()) || (range.from && at < range.from) || at > to) continue;
    const eventKind = kindOfEvent(event.type);
    if (!eventKind || (reading.kind !== "any" && eventKind !== reading.kind)) continue;
    const group = groups.get(eventKind) ?? new Map<string, string>();
    const title =
      event.title?.trim() || (locale === "ur" ? "(بلا عنوان)" : locale === "roman-ur" ? "(be unwan)" : "(untitled)");
    group.set(event.taskId ?? `${title}#${group.size}`, title);
    groups.set(eventKind, group);
  }
  const ordered: KindGroup[] = GROUP_ORDER.filter((name) => groups.has(name)).map((name) => ({
    kind: name,
    titles: [...(groups.get(name)?.values() ?? [])],
  }));
  const omitted = ordered.reduce((sum, group) => sum + Math.max(0, group.titles.length - listLimit), 0);
  return { answer: composeAnswer(ordered, reading.kind, range, locale, listLimit, actor), omitted };
}

function rangeLabel(range: ActivityRange, locale: Language): string {
  const label = (locale === "ur" ? UR_RANGE : locale === "roman-ur" ? ROMAN_RANGE : EN_RANGE)[range.name];
  return range.name === "last-days" ? label.replace("{n}", String(range.days)) : label;
}

/**
 * The titles one per line ("• title"), at most `limit`, then how many more and how to see them. In Urdu
 * script each title is isolated (FSI … PDI) so an English title keeps the line right-to-left.
 */
function bullets(titles: readonly string[], locale: Language, limit: number): string[] {
  const lines = titles.slice(0, limit).map((title) => `• ${locale === "ur" ? `${FSI}${title}${PDI}` : title}`);
  const rest = titles.length - Math.min(limit, titles.length);
  if (rest > 0)
    lines.push(
      locale === "ur"
        ? `…اور ${rest} مزید — دیکھنے کے لیے “مزید دکھائیں” لکھیں۔`
        : locale === "roman-ur"
          ? `…aur ${rest} mazeed — dekhne ke liye “aur dikhao” likhein.`
          : `…and ${rest} more — say “show more” to see them.`,
    );
  return lines;
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The answer: one header line per kind found ("Today you completed 3 tasks:"), then its titles one per line.
 * With an actor (someone else's changes) the name stands where "you" would ("Today Sara completed 3 tasks:").
 */
function composeAnswer(
  groups: KindGroup[],
  asked: ActivityKind,
  range: ActivityRange,
  locale: Language,
  limit: number,
  actor?: string,
): string {
  const when = rangeLabel(range, locale);
  const who = actor ? (locale === "ur" ? `${FSI}${actor}${PDI}` : actor) : undefined;
  const nonEmpty = groups.filter((group) => group.titles.length > 0);
  if (nonEmpty.length === 0) {
    if (locale === "ur") {
      if (asked === "any") return who ? `${when} ${who} نے کوئی تبدیلی نہیں کی۔` : `${when} کوئی سرگرمی نہیں ہوئی۔`;
      return `${when} ${who ?? "آپ"} نے کوئی کام ${UR_NEGATIVE[asked]}۔`;
    }
    if (locale === "roman-ur") {
      if (asked === "any")
        return who
          ? `${capitalize(when)} ${who} ne koi tabdeeli nahi ki.`
          : `${capitalize(when)} koi activity nahi hui.`;
      return `${capitalize(when)} ${who ?? "aap"} ne koi kaam ${ROMAN_NEGATIVE[asked]}.`;
    }
    if (asked === "any") return who ? `${who} made no changes ${when}.` : `There was no activity ${when}.`;
    return `${who ?? "You"} didn't ${verbBase(asked)} any tasks ${when}.`;
  }
  const lines = nonEmpty.flatMap((group, i) => {
    const count = group.titles.length;
    let header: string;
    if (locale === "ur") {
      const [one, many] = UR_VERB[group.kind];
      header = `${i === 0 ? `${when} ` : ""}${who ?? "آپ"} نے ${count} کام ${count === 1 ? one : many}:`;
    } else if (locale === "roman-ur") {
      const [one, many] = ROMAN_VERB[group.kind];
      const subject = who ?? (i === 0 ? "aap" : "Aap");
      header = `${i === 0 ? `${capitalize(when)} ${subject}` : subject} ne ${count} kaam ${count === 1 ? one : many}:`;
    } else {
      const what = `${EN_VERB[group.kind]} ${count} ${count === 1 ? "task" : "tasks"}:`;
      header = i === 0 ? `${capitalize(when)} ${who ?? "you"} ${what}` : `${who ?? "You"} ${what}`;
    }
    return [header, ...bullets(group.titles, locale, limit)];
  });
  return lines.join("\n");
}

function verbBase(kind: Exclude<ActivityKind, "any">): string {
  return { completed: "complete", created: "create", deleted: "delete", updated: "update" }[kind];
}
