import { firstDayOnOrAfter } from "../../vocabulary/recurrence/expand";
import { readRule } from "../../vocabulary/recurrence/rule";
import { fromLocal, parseLocalDateTime } from "../../vocabulary/time-zone";
import type { DateFrame } from "../shared/dates/date-finding";
import { insideQuotes, locateEvidence } from "../shared/evidence";
import { describeFrame, makeFrame, unusableFrame } from "../shared/frame";
import type { Acceptance } from "../shared/run-skill";
import { runAgent } from "../shared/run-skill";
import type { SkillContext } from "../shared/skill-context";
import type { SkillResult } from "../shared/types";
import type { ExtractTaskInput, TaskAnswer, TaskFields } from "./schema";
import { TASK_PROMPT, taskAnswerJsonSchema, taskAnswerSchema } from "./schema";
import { extractTaskRules } from "./task-rules";

/** Reads a task's fields (title, priority, tags, due, recurrence, reminder) out of free text. */
export async function extractTask(context: SkillContext, input: ExtractTaskInput): Promise<SkillResult<TaskFields>> {
  const frame = makeFrame(input.referenceTime, input.timeZone);
  if (!frame) return unusableFrame(input.timeZone);
  return runAgent(context, {
    prompt: TASK_PROMPT,
    schema: taskAnswerSchema,
    jsonSchema: taskAnswerJsonSchema,
    fields: () => ({
      text: JSON.stringify(input.text),
      reference_time: describeFrame(frame),
      time_zone: input.timeZone,
      locale: input.locale ?? "en",
    }),
    accept: (answer) => acceptTaskAnswer(answer, input.text, frame),
    deterministic: () => extractTaskRules(input.text, frame),
  });
}

/** Checks what zod cannot: local times exist, the RRULE parses, no date came from quoted text. */
function acceptTaskAnswer(answer: TaskAnswer, text: string, frame: DateFrame): Acceptance<TaskFields> {
  const spans = locateEvidence(text, answer.evidence);
  if (spans.some((span) => ["due", "reminder", "recurrence"].includes(span.field) && insideQuotes(text, span))) {
    return { rejected: "date read from quoted text" };
  }
  const value: TaskFields = {
    title: answer.title.trim(),
    description: answer.description.trim(),
    priority: answer.priority,
    tags: [...new Set(answer.tags.map((tag) => tag.replace(/^[#@]/, "").toLowerCase()).filter(Boolean))],
  };
  if (answer.due) {
    const local = parseLocalDateTime(answer.due.local);
    if (!local) return { rejected: `bad due time ${answer.due.local}` };
    const dateOnly = local.dateOnly || answer.due.dateOnly;
    const wall = dateOnly ? { ...local.local, hour: 0, minute: 0 } : local.local;
    value.due = { at: fromLocal(wall, frame.timeZone).toISOString(), dateOnly };
  }
  if (answer.recurrence) {
    const parts = readRule(answer.recurrence.rrule);
    if (!parts) return { rejected: `bad rrule ${answer.recurrence.rrule}` };
    // The first due date of a rule repeating from its due date is one of the rule's days ("the 1st of every month" is due on a 1st).
    const dueDay = answer.due ? parseLocalDateTime(answer.due.local)?.local : undefined;
    if (dueDay && answer.recurrence.repeatFrom === "due") {
      const first = firstDayOnOrAfter(parts, dueDay);
      if (first.year !== dueDay.year || first.month !== dueDay.month || first.day !== dueDay.day)
        return { rejected: `due ${answer.due?.local} is not a day of ${answer.recurrence.rrule}` };
    }
    value.recurrence = {
      rrule: answer.recurrence.rrule.replace(/^RRULE:/i, ""),
      repeatFrom: answer.recurrence.repeatFrom,
    };
  }
  if (answer.reminder) {
    if (answer.reminder.atLocal) {
      const local = parseLocalDateTime(answer.reminder.atLocal);
      if (!local) return { rejected: `bad reminder time ${answer.reminder.atLocal}` };
      value.reminder = { at: fromLocal(local.local, frame.timeZone).toISOString() };
    } else if (answer.reminder.beforeSeconds !== null) {
      value.reminder = { beforeSeconds: answer.reminder.beforeSeconds };
    }
  }
  return {
    accepted: {
      kind: "ok",
      value,
      confidence: answer.confidence,
      spans,
      path: "llm",
      ambiguities: answer.ambiguities,
    },
  };
}
