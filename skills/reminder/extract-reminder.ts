import { fromLocal, parseLocalDateTime } from "../../vocabulary/time-zone";
import type { DateFrame } from "../shared/dates/date-finding";
import { locateEvidence } from "../shared/evidence";
import { describeFrame, makeFrame, unusableFrame } from "../shared/frame";
import { detectLanguage } from "../shared/language";
import type { Acceptance } from "../shared/run-skill";
import { runAgent } from "../shared/run-skill";
import { Scanner } from "../shared/scanner";
import type { SkillContext } from "../shared/skill-context";
import type { Ambiguity, SkillResult } from "../shared/types";
import type { ReminderValue } from "./reminder-rules";
import { resolveReminder, scanReminder } from "./reminder-rules";
import type { ExtractReminderInput, ReminderAnswer } from "./schema";
import { REMINDER_PROMPT, reminderAnswerJsonSchema, reminderAnswerSchema } from "./schema";

export type { ReminderValue } from "./reminder-rules";

/** Reads a reminder — an absolute time or an offset before due — out of free text. */
export async function extractReminder(
  context: SkillContext,
  input: ExtractReminderInput,
): Promise<SkillResult<ReminderValue>> {
  const frame = makeFrame(input.referenceTime, input.timeZone);
  if (!frame) return unusableFrame(input.timeZone);
  return runAgent(context, {
    prompt: REMINDER_PROMPT,
    schema: reminderAnswerSchema,
    jsonSchema: reminderAnswerJsonSchema,
    fields: () => ({
      text: JSON.stringify(input.text),
      reference_time: describeFrame(frame),
      time_zone: input.timeZone,
      due_at: input.dueAt ? input.dueAt.toISOString() : "none",
    }),
    accept: (answer) => acceptReminderAnswer(answer, input.text, frame),
    deterministic: () => extractReminderRules(input.text, frame, input.dueAt),
  });
}

/** The Reminder agent's rules. */
export function extractReminderRules(
  text: string,
  frame: DateFrame,
  dueAt: Date | undefined,
): SkillResult<ReminderValue> {
  const scanner = new Scanner(text);
  const scan = scanReminder(scanner, frame, detectLanguage(text), { loose: true });
  const value = scan ? resolveReminder(scan, frame, dueAt) : null;
  if (!scan || !value) return { kind: "invalid", reason: "no reminder time or offset found", path: "deterministic" };
  const ambiguities: Ambiguity[] = [];
  if ("beforeSeconds" in value && !dueAt) {
    ambiguities.push({
      field: "reminder",
      text: scan.spans.map((span) => span.text).join(" "),
      options: [],
      question: "Before when? The task has no due time yet.",
      questionUr: "کس وقت سے پہلے؟ اس کام کا ابھی کوئی وقت مقرر نہیں۔",
    });
  }
  return {
    kind: "ok",
    value,
    confidence: ambiguities.length ? 0.6 : 0.9,
    spans: scan.spans,
    path: "deterministic",
    ambiguities,
  };
}

function acceptReminderAnswer(answer: ReminderAnswer, text: string, frame: DateFrame): Acceptance<ReminderValue> {
  if (!answer.found) return { accepted: { kind: "invalid", reason: "no reminder time or offset found", path: "llm" } };
  let value: ReminderValue;
  if (answer.atLocal) {
    const local = parseLocalDateTime(answer.atLocal);
    if (!local) return { rejected: `bad reminder time ${answer.atLocal}` };
    value = { at: fromLocal(local.dateOnly ? { ...local.local, hour: 9 } : local.local, frame.timeZone).toISOString() };
  } else if (answer.beforeSeconds !== null) {
    value = { beforeSeconds: answer.beforeSeconds };
  } else {
    return { rejected: "found without a time or offset" };
  }
  return {
    accepted: {
      kind: "ok",
      value,
      confidence: answer.confidence,
      spans: locateEvidence(text, answer.evidence),
      path: "llm",
      ambiguities: answer.ambiguities,
    },
  };
}
