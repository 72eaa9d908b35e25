import type { PriorityName } from "../../../../vocabulary/priority";

/** Fields quick add can read out of a line, named as the Task skill names its spans. */
export type SpanField = "due" | "priority" | "tag" | "recurrence" | "reminder" | "project";

/** ProjectValue is the project a "+Project" marker names: one of the user's (id) or a new one (isNew, no id). */
export interface ProjectValue {
  id: string;
  name: string;
  isNew: boolean;
  archived: boolean;
}

/** DueValue is a due time; dateOnly when only a day was named. */
export interface DueValue {
  at: Date;
  dateOnly: boolean;
}

/** SpanValue is what one span contributes when its chip is kept. */
export type SpanValue =
  | { field: "due"; due: DueValue }
  | { field: "priority"; priority: PriorityName }
  | { field: "tag"; tag: string }
  | { field: "recurrence"; rrule: string; impliedDue?: DueValue }
  | { field: "reminder"; beforeSeconds: number }
  | { field: "reminder"; at: Date }
  | { field: "project"; project: ProjectValue };

/** QuickAddSpan is a piece of the typed line (UTF-16 offsets) and the value read from it. */
export interface QuickAddSpan {
  start: number;
  end: number;
  text: string;
  value: SpanValue;
}

/** QuickAddParse is the typed line and every span read from it, in text order. */
export interface QuickAddParse {
  text: string;
  spans: QuickAddSpan[];
}

/** QuickAddFrame is the "now" and zone relative dates are read in. */
export interface QuickAddFrame {
  referenceTime: Date;
  timeZone: string;
  language: "en" | "ur";
}
