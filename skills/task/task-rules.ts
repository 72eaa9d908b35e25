import { firstDayOnOrAfter } from "../../vocabulary/recurrence/expand";
import { formatRule } from "../../vocabulary/recurrence/rule";
import { scanRecurrence } from "../recurring/scan-recurrence";
import { resolveReminder, scanReminder } from "../reminder/reminder-rules";
import type { DateFinding, DateFrame } from "../shared/dates/date-finding";
import { resolveFindings } from "../shared/dates/date-finding";
import { scanDates } from "../shared/dates/scan-dates";
import { detectLanguage } from "../shared/language";
import { Scanner } from "../shared/scanner";
import type { Ambiguity, SkillResult, Span } from "../shared/types";
import { scanMarkers } from "./markers";
import type { TaskFields } from "./schema";
import { buildTitle } from "./title";

const DESCRIPTION_MARKER = /\s*(?:\n|(?:^|\s)(?:notes?|description|details|desc|تفصیل|نوٹ)\s*:\s*)/iu;
const REMIND_ME = /^\s*(?:please\s+)?remind\s+me\b/iu;
const REMIND_ME_TO =
  /^\s*(?:please\s+)?remind\s+me\s+to|^\s*مجھے\s+یاد\s+(?:دلانا|دلا\s+دینا|کرانا)\s+کہ|^\s*mujhe\s+yaad\s+(?:dilana|dila\s+dena|karana)\s+(?:ke|k|kay)/iu;

/**
 * The Task agent's rules: markers, reminder, recurrence and dates are read and claimed in that order,
 * and the title is what is left. Only the first line (or the text before "notes:") is read for fields;
 * the rest is the description, kept verbatim.
 */
export function extractTaskRules(text: string, frame: DateFrame): SkillResult<TaskFields> {
  if (text.trim().length === 0) return { kind: "invalid", reason: "empty text", path: "deterministic" };
  const split = DESCRIPTION_MARKER.exec(text);
  const headEnd = split ? split.index : text.length;
  const description = split ? text.slice(split.index + split[0].length).trim() : "";
  const head = text.slice(0, headEnd);
  const language = detectLanguage(head);
  const scanner = new Scanner(head);
  const remindMeTo = REMIND_ME_TO.exec(head) !== null;

  const markers = scanMarkers(scanner, language);
  const reminderScan = scanReminder(scanner, frame, language, { loose: false });
  const recurrence = scanRecurrence(scanner, frame, language, { loose: false });
  const dates = scanDates(scanner, frame, "due", language);
  const ambiguities: Ambiguity[] = [...dates.ambiguities];

  const findings: DateFinding[] = [...dates.findings];
  if (recurrence?.period)
    findings.push({ span: { field: "recurrence", start: 0, end: 0, text: "" }, period: recurrence.period });
  const due =
    ambiguities.length > 0
      ? undefined
      : resolveFindings(findings, {
          now: frame.now,
          timeZone: frame.timeZone,
          ...(recurrence ? { firstAllowedDay: (from) => firstDayOnOrAfter(recurrence.parts, from) } : {}),
        });
  let reminder = reminderScan ? resolveReminder(reminderScan, frame, due?.instant) : null;
  if (!reminder && remindMeTo && due && !due.dateOnly) reminder = { beforeSeconds: 0 };
  let dueValue = due ? { at: due.instant.toISOString(), dateOnly: due.dateOnly } : undefined;
  // "remind me at 9pm to take my medicine": the time is when the task is due, and the reminder fires then.
  if (
    !dueValue &&
    reminder &&
    "at" in reminder &&
    reminderScan?.kind === "at" &&
    REMIND_ME.test(head) &&
    ambiguities.length === 0
  ) {
    dueValue = { at: reminder.at, dateOnly: false };
    reminder = { beforeSeconds: 0 };
  }

  const { title, span: titleSpan } = buildTitle(scanner, head.length);
  const spans: Span[] = [...scanner.spans];
  if (titleSpan) spans.push(titleSpan);
  if (description && split) {
    const start = text.indexOf(description, split.index);
    spans.push({ field: "description", start, end: start + description.length, text: description });
  }

  const value: TaskFields = { title, description, priority: markers.priority, tags: markers.tags };
  if (dueValue) value.due = dueValue;
  if (recurrence) value.recurrence = { rrule: formatRule(recurrence.parts), repeatFrom: recurrence.repeatFrom };
  if (reminder) value.reminder = reminder;

  const distinctDates = new Set(dates.findings.filter((f) => f.date).map((f) => JSON.stringify(f.date)));
  let confidence = 0.9;
  if (!title) confidence = 0.3;
  if (distinctDates.size > 1) confidence -= 0.2;
  confidence -= 0.3 * ambiguities.length;
  return {
    kind: "ok",
    value,
    confidence: Math.max(0.1, Math.round(confidence * 100) / 100),
    spans: spans.sort((a, b) => a.start - b.start),
    path: "deterministic",
    ambiguities,
  };
}
