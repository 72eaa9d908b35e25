import { intentNames } from "../../vocabulary/intents";
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

const LANGUAGES: ReadonlySet<string> = new Set(["en", "ur", "roman-ur"]);
const INTENTS: ReadonlySet<string> = new Set(intentNames);
const TEXT_FIELDS = [
  "title",
  "due",
  "priority",
  "rrule",
  "repeatFrom",
  "reminder",
  "ambiguous",
  "taskId",
  "query",
  "project",
  "reference",
  "zone",
] as const;
const LIST_FIELDS = ["tags", "names"] as const;

/**
 * corpusLines reads corpus lines written one per string, "text | language | intent | field=value | …": lists (tags,
 * names) comma-separated (an empty list: "names="), "title=null" for a title that is not scored. A line is one row
 * of a table that reads alone, and a wrong language, intent or field name throws when the corpus loads.
 */
export function corpusLines(lines: readonly string[]): Utterance[] {
  return lines.map((line) => {
    const [text = "", language = "", intent = "", ...fields] = line.split(" | ");
    if (!LANGUAGES.has(language) || !INTENTS.has(intent)) throw new Error(`corpus line: ${line}`);
    const utterance: Record<string, unknown> = { text, language, intent };
    for (const field of fields) {
      const at = field.indexOf("=");
      const [name, value] = [field.slice(0, at), field.slice(at + 1)];
      if ((LIST_FIELDS as readonly string[]).includes(name)) utterance[name] = value ? value.split(",") : [];
      else if (name === "title" && value === "null") utterance.title = null;
      else if ((TEXT_FIELDS as readonly string[]).includes(name)) utterance[name] = value;
      else throw new Error(`corpus line field ${JSON.stringify(name)}: ${line}`);
    }
    return utterance as unknown as Utterance;
  });
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
