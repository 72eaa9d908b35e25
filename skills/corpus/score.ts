import { sameRule } from "../../vocabulary/recurrence/rule";
import { formatLocalDate, formatLocalDateTime, toLocal } from "../../vocabulary/time-zone";
import { detectIntentRules } from "../intent/intent-rules";
import { makeFrame } from "../shared/frame";
import type { Language } from "../shared/types";
import { extractTaskRules } from "../task/task-rules";
import type { Utterance } from "./utterance";
import { RECENT_TASKS } from "./utterance";

/** One scored field of one line. */
export interface FieldScore {
  text: string;
  language: Language;
  field: string;
  expected: string;
  actual: string;
  ok: boolean;
}

const REFERENCE_LOCAL = "2026-03-04T10:00";

function referenceFor(zone: string): Date {
  return zone === "America/New_York" ? new Date("2026-03-04T15:00:00Z") : new Date("2026-03-04T05:00:00Z");
}

/**
 * Scores one line on the deterministic path. Always scored: intent and language. For create lines:
 * title and due (an unexpected due is a miss), and priority, tags, recurrence and reminder whenever
 * they were expected or produced (so a false positive counts, but an empty field read as empty
 * does not pad the score). Targeted intents: the task matched; search: the query; organise intents: the project, the names
 * (sections, subtasks) and the task words.
 */
export function scoreUtterance(line: Utterance): FieldScore[] {
  const zone = line.zone ?? "Asia/Karachi";
  const scores: FieldScore[] = [];
  const add = (field: string, expected: string, actual: string): void => {
    scores.push({ text: line.text, language: line.language, field, expected, actual, ok: expected === actual });
  };
  const intent = detectIntentRules({ text: line.text, context: { recentTasks: RECENT_TASKS } });
  const detected = intent.kind === "ok" ? intent.value : undefined;
  add("intent", line.intent, detected?.intent ?? intent.kind);
  add("language", line.language, detected?.language ?? "-");
  if (line.taskId) add("target", line.taskId, detected?.target?.taskId ?? "-");
  if (line.query) add("query", line.query, detected?.target?.reference ?? "-");
  if (line.project) add("project", line.project, detected?.project ?? "-");
  if (line.names) add("names", line.names.join(" | "), detected?.names?.join(" | ") ?? "-");
  if (line.reference) add("reference", line.reference, detected?.target?.reference ?? "-");
  if (line.intent !== "create") return scores;

  const frame = makeFrame(referenceFor(zone), zone);
  if (!frame || toLocal(frame.reference, zone) === undefined) throw new Error("bad corpus frame");
  if (formatLocalDateTime(frame.now) !== REFERENCE_LOCAL) throw new Error("corpus reference drifted");
  const result = extractTaskRules(line.text, frame);
  if (result.kind !== "ok") {
    add("task", "ok", result.kind);
    return scores;
  }
  const task = result.value;
  if (line.title !== null) add("title", line.title ?? "", task.title);
  const dueLocal = task.due
    ? task.due.dateOnly
      ? formatLocalDate(toLocal(new Date(task.due.at), zone))
      : formatLocalDateTime(toLocal(new Date(task.due.at), zone))
    : "-";
  add("due", line.due ?? "-", dueLocal);
  if (line.ambiguous) add("ambiguity", line.ambiguous, result.ambiguities.map((a) => a.field).join(",") || "-");
  if (line.priority || task.priority !== "none") add("priority", line.priority ?? "none", task.priority);
  if (line.tags || task.tags.length > 0) add("tags", (line.tags ?? []).join(","), task.tags.join(","));
  if (line.rrule || task.recurrence) {
    const actual = task.recurrence?.rrule ?? "-";
    const expected = line.rrule ?? "-";
    add("rrule", expected, line.rrule && task.recurrence && sameRule(line.rrule, actual) ? expected : actual);
    add("repeatFrom", line.repeatFrom ?? "due", task.recurrence?.repeatFrom ?? "-");
  }
  if (line.reminder || task.reminder) {
    const reminder = task.reminder;
    const actual = reminder?.at
      ? `at:${formatLocalDateTime(toLocal(new Date(reminder.at), zone))}`
      : reminder?.beforeSeconds !== undefined
        ? `before:${reminder.beforeSeconds}`
        : "-";
    add("reminder", line.reminder ?? "-", actual);
  }
  return scores;
}
