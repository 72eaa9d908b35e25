import type { IntentName } from "../intent/schema";
import type { Language, Priority } from "../shared/types";

/**
 * One corpus line: what a person typed and what the deterministic path should read from it.
 * Reference time: Wednesday 2026-03-04 10:00 local, in Asia/Karachi unless `zone` says otherwise.
 */
export interface Utterance {
  text: string;
  language: Language;
  zone?: "America/New_York";
  intent: IntentName;
  /** Expected title (create only); `null` when the title is not scored (an ambiguous line). */
  title?: string | null;
  /** Local due: "2026-03-05T17:00", or "2026-03-05" for a date-only due. Absent: no due expected. */
  due?: string;
  priority?: Priority;
  tags?: string[];
  rrule?: string;
  repeatFrom?: "completion";
  /** "before:1800" or "at:2026-03-05T16:00" (local). */
  reminder?: string;
  /** The field reported as ambiguous. */
  ambiguous?: "due";
  /** Id of the recent task referred to (see RECENT_TASKS), for targeted intents. */
  taskId?: string;
  /** Search words, for search. */
  query?: string;
  /** The project an organise line names, as written. */
  project?: string;
  /** Section names or subtask titles an organise line lists, in order. */
  names?: string[];
  /** The task words an organise line uses (the new task's, or the one moved / given subtasks). */
  reference?: string;
}

/** The recent tasks every corpus line is detected against. */
export const RECENT_TASKS = [
  { id: "milk", title: "Buy milk" },
  { id: "doodh", title: "دودھ خریدنا" },
  { id: "doodh-ro", title: "doodh lena" },
  { id: "dentist", title: "Dentist appointment" },
  { id: "report", title: "Submit quarterly report" },
  { id: "report-ur", title: "رپورٹ جمع کروانا" },
  { id: "bank", title: "بینک جانا" },
  { id: "gym", title: "Gym membership renewal" },
  { id: "tax", title: "File tax return" },
  { id: "rent", title: "Pay rent" },
  { id: "bijli", title: "bijli ka bill jama karwana" },
  { id: "standup", title: "Team standup" },
  { id: "doctor-ur", title: "ڈاکٹر کی اپائنٹمنٹ" },
  { id: "call-mom", title: "Call mom" },
  { id: "bread", title: "Buy bread" },
  { id: "packing", title: "Packing for the trip" },
];
