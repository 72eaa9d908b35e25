import { Priority } from "../gen/todo/v1/task_pb";

/** The priority scale by name, least to most important. */
export const priorityNames = ["none", "low", "medium", "high", "urgent"] as const;
export type PriorityName = (typeof priorityNames)[number];

/** The scale most important first, as lists and pickers show it. */
export const prioritiesByImportance: readonly PriorityName[] = [...priorityNames].reverse();

const toEnum: Record<PriorityName, Priority> = {
  none: Priority.NONE,
  low: Priority.LOW,
  medium: Priority.MEDIUM,
  high: Priority.HIGH,
  urgent: Priority.URGENT,
};

/** priorityEnum maps a name to the contract's enum. */
export const priorityEnum = (name: PriorityName): Priority => toEnum[name];

/** priorityName maps the contract's enum (or its stored number) to a name; unspecified or unknown reads as none. */
export const priorityName = (value: Priority | number): PriorityName =>
  priorityNames.find((name) => toEnum[name] === value) ?? "none";

/** isPriorityName: is this string a name on the scale? */
export const isPriorityName = (value: string): value is PriorityName =>
  (priorityNames as readonly string[]).includes(value);

/** asPriorityName reads a name someone reported ("" or anything unknown is "none"). */
export const asPriorityName = (value: string): PriorityName => (isPriorityName(value) ? value : "none");

/**
 * The markers people type for a priority, as other apps write them: Todoist's p1 (most urgent) … p4
 * (lowest) — a user who typed p4 asked for "low", which differs from saying nothing ("none") — the same
 * numbers after "!" (`!1` … `!4`), a name after "!" (`!high`, `!low`, …), and `!!!` / `!!`.
 */
export const priorityMarkers: readonly (readonly [marker: string, priority: PriorityName])[] = [
  ["p1", "urgent"],
  ["p2", "high"],
  ["p3", "medium"],
  ["p4", "low"],
  ["!1", "urgent"],
  ["!2", "high"],
  ["!3", "medium"],
  ["!4", "low"],
  ["!urgent", "urgent"],
  ["!high", "high"],
  ["!medium", "medium"],
  ["!normal", "medium"],
  ["!low", "low"],
  ["!!!", "urgent"],
  ["!!", "high"],
];

/** The languages the priority words are written in. */
export type PriorityLanguage = "en" | "ur" | "roman-ur";

/**
 * The words and phrases that state a priority in a sentence, per language ("urgent", "not urgent",
 * فوری, کم اہم, zaroori). Phrases are matched as whole words, spaces standing for any run of spaces;
 * a longer phrase wins over a word inside it ("not urgent" is low, not urgent).
 */
export const priorityWords: Readonly<Record<PriorityLanguage, Readonly<Record<RankedPriority, readonly string[]>>>> = {
  en: {
    urgent: ["urgent", "urgently", "asap", "a.s.a.p", "a.s.a.p.", "priority urgent", "urgent priority"],
    high: ["important", "high priority", "highest priority", "top priority", "priority high", "priority: high"],
    medium: ["medium priority", "normal priority", "priority medium", "priority normal", "priority: medium"],
    low: ["low priority", "lowest priority", "priority low", "priority: low", "not urgent", "no rush"],
  },
  ur: {
    urgent: ["فوری", "فوراً", "فورا", "فوری طور پر"],
    high: ["اہم", "ضروری", "زیادہ ترجیح", "اعلیٰ ترجیح", "اعلی ترجیح"],
    medium: ["درمیانی ترجیح", "عام ترجیح"],
    low: ["کم اہم", "غیر ضروری", "کم ترجیح"],
  },
  "roman-ur": {
    urgent: ["fori", "foran", "fauran", "urgent"],
    high: ["ahem", "aham", "zaroori", "zaruri", "important", "zyada tarjeeh"],
    medium: ["darmiyani tarjeeh", "aam tarjeeh"],
    low: ["kam ahem", "kam aham", "kam zaroori", "ghair zaroori", "kam tarjeeh"],
  },
};

/** Words that make "urgent" or "important" stronger without changing the priority ("very urgent", بہت اہم). */
export const priorityIntensifiers: Readonly<Record<PriorityLanguage, readonly string[]>> = {
  en: ["very", "really", "super"],
  ur: ["بہت", "انتہائی"],
  "roman-ur": ["bohat", "bahut", "boht"],
};

/** A priority someone can state (every name but "none"). */
export type RankedPriority = Exclude<PriorityName, "none">;

/** The priorities someone can state, most important first. */
export const rankedPriorities = ["urgent", "high", "medium", "low"] as const satisfies readonly RankedPriority[];

/** How each language names a priority in a sentence (chat replies; the web's Urdu labels use the same words). */
export const priorityLabels: Readonly<Record<PriorityLanguage, Readonly<Record<PriorityName, string>>>> = {
  en: { urgent: "urgent", high: "high", medium: "medium", low: "low", none: "none" },
  ur: { urgent: "فوری", high: "زیادہ", medium: "درمیانی", low: "کم", none: "کوئی نہیں" },
  "roman-ur": { urgent: "fori", high: "zyada", medium: "darmiyani", low: "kam", none: "koi nahi" },
};
