import type { DateFrame } from "../shared/dates/date-finding";
import type { Locale } from "../shared/types";
import type { ActivityKind, ActivityRange, ActivityReading, RangeName } from "./activity-question";
import { activityRange, kindOfEvent } from "./activity-question";
import type { ActivityEvent } from "./schema";

const LIST_LIMIT = 10;
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
  locale: Locale,
  frame: DateFrame,
): string {
  const range = activityRange(reading.period, frame);
  const to = range.to && range.to < frame.reference ? range.to : frame.reference;
  const groups = new Map<Exclude<ActivityKind, "any">, Map<string, string>>();
  for (const event of [...events].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))) {
    const at = new Date(event.occurredAt);
    if (Number.isNaN(at.getTime()) || (range.from && at < range.from) || at > to) continue;
    const eventKind = kindOfEvent(event.type);
    if (!eventKind || (reading.kind !== "any" && eventKind !== reading.kind)) continue;
    const group = groups.get(eventKind) ?? new Map<string, string>();
    const title = event.title?.trim() || (locale === "ur" ? "(بلا عنوان)" : "(untitled)");
    group.set(event.taskId ?? `${title}#${group.size}`, title);
    groups.set(eventKind, group);
  }
  const ordered: KindGroup[] = GROUP_ORDER.filter((name) => groups.has(name)).map((name) => ({
    kind: name,
    titles: [...(groups.get(name)?.values() ?? [])],
  }));
  return composeAnswer(ordered, reading.kind, range, locale);
}

function rangeLabel(range: ActivityRange, locale: Locale): string {
  const label = (locale === "ur" ? UR_RANGE : EN_RANGE)[range.name];
  return range.name === "last-days" ? label.replace("{n}", String(range.days)) : label;
}

function listEnglish(titles: string[]): string {
  const shown = titles.slice(0, LIST_LIMIT);
  const rest = titles.length - shown.length;
  if (rest > 0) return `${shown.join(", ")} and ${rest} more`;
  return shown.length <= 1 ? (shown[0] ?? "") : `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
}

function listUrdu(titles: string[]): string {
  const shown = titles.slice(0, LIST_LIMIT);
  const rest = titles.length - shown.length;
  if (rest > 0) return `${shown.join("، ")} اور ${rest} مزید`;
  return shown.length <= 1 ? (shown[0] ?? "") : `${shown.slice(0, -1).join("، ")} اور ${shown.at(-1)}`;
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** One answer sentence for the groups found, in English or Urdu script. */
function composeAnswer(groups: KindGroup[], asked: ActivityKind, range: ActivityRange, locale: Locale): string {
  const when = rangeLabel(range, locale);
  const nonEmpty = groups.filter((group) => group.titles.length > 0);
  if (nonEmpty.length === 0) {
    if (locale === "ur") {
      if (asked === "any") return `${when} کوئی سرگرمی نہیں ہوئی۔`;
      return `${when} آپ نے کوئی کام ${UR_NEGATIVE[asked]}۔`;
    }
    if (asked === "any") return `There was no activity ${when}.`;
    return `You didn't ${verbBase(asked)} any tasks ${when}.`;
  }
  if (locale === "ur") {
    const clauses = nonEmpty.map((group) => {
      const [one, many] = UR_VERB[group.kind];
      const count = group.titles.length;
      return `${count} کام ${count === 1 ? one : many}: ${listUrdu(group.titles)}`;
    });
    return `${when} آپ نے ${clauses.join("؛ ")}۔`;
  }
  const clauses = nonEmpty.map((group) => {
    const count = group.titles.length;
    return `${EN_VERB[group.kind]} ${count} ${count === 1 ? "task" : "tasks"}: ${listEnglish(group.titles)}`;
  });
  return `${capitalize(when)} you ${clauses.join("; ")}.`;
}

function verbBase(kind: Exclude<ActivityKind, "any">): string {
  return { completed: "complete", created: "create", deleted: "delete", updated: "update" }[kind];
}
