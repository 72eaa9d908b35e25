import { Priority } from "../../../../gen/todo/v1/task_pb";
import type { PriorityName } from "./quick-add";

/** Priorities from most to least important, as the UI lists them. */
export const priorityNames: PriorityName[] = ["urgent", "high", "medium", "low", "none"];

const toEnum: Record<PriorityName, Priority> = {
  none: Priority.NONE,
  low: Priority.LOW,
  medium: Priority.MEDIUM,
  high: Priority.HIGH,
  urgent: Priority.URGENT,
};

/** priorityEnum maps a priority name to the contract's enum. */
export const priorityEnum = (name: PriorityName): Priority => toEnum[name];

/** priorityName maps the contract's enum to a name; unspecified reads as none. */
export const priorityName = (value: Priority): PriorityName =>
  (Object.entries(toEnum).find(([, v]) => v === value)?.[0] as PriorityName | undefined) ?? "none";

export const isPriorityName = (value: string): value is PriorityName => (priorityNames as string[]).includes(value);
