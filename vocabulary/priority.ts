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
 * The markers people type for a priority (Todoist's): p1 is the most urgent, p4 the lowest — a user who
 * typed p4 asked for "low", which differs from saying nothing ("none"). `!!!` is p1.
 */
export const priorityMarkers: readonly (readonly [marker: string, priority: PriorityName])[] = [
  ["p1", "urgent"],
  ["p2", "high"],
  ["p3", "medium"],
  ["p4", "low"],
  ["!!!", "urgent"],
];
