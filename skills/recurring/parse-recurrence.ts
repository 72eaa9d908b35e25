import { formatRule, readRule } from "../../vocabulary/recurrence/rule";
import type { DateFrame } from "../shared/dates/date-finding";
import { locateEvidence } from "../shared/evidence";
import { describeFrame, makeFrame, unusableFrame } from "../shared/frame";
import { detectLanguage } from "../shared/language";
import type { Acceptance } from "../shared/run-skill";
import { runAgent } from "../shared/run-skill";
import { Scanner } from "../shared/scanner";
import type { SkillContext } from "../shared/skill-context";
import type { SkillResult } from "../shared/types";
import { scanRecurrence } from "./scan-recurrence";
import type { ParseRecurrenceInput, Recurrence, RecurrenceAnswer } from "./schema";
import { RECURRENCE_PROMPT, recurrenceAnswerJsonSchema, recurrenceAnswerSchema } from "./schema";

/** Turns a phrase such as "every weekday" or "ہر پیر" into an RRULE and a repeat-from. */
export async function parseRecurrence(
  context: SkillContext,
  input: ParseRecurrenceInput,
): Promise<SkillResult<Recurrence>> {
  const frame = makeFrame(input.referenceTime, input.timeZone);
  if (!frame) return unusableFrame(input.timeZone);
  return runAgent(context, {
    prompt: RECURRENCE_PROMPT,
    schema: recurrenceAnswerSchema,
    jsonSchema: recurrenceAnswerJsonSchema,
    fields: () => ({
      text: JSON.stringify(input.text),
      reference_time: describeFrame(frame),
      time_zone: input.timeZone,
    }),
    accept: (answer) => acceptRecurrenceAnswer(answer, input.text),
    deterministic: () => parseRecurrenceRules(input.text, frame),
  });
}

/** The Recurring agent's rules; phrases without "every" count here ("weekdays", "last day of the month"). */
export function parseRecurrenceRules(text: string, frame: DateFrame): SkillResult<Recurrence> {
  const scanner = new Scanner(text);
  const scan = scanRecurrence(scanner, frame, detectLanguage(text), { loose: true });
  if (!scan) return { kind: "invalid", reason: "no recurrence found", path: "deterministic" };
  return {
    kind: "ok",
    value: { rrule: formatRule(scan.parts), repeatFrom: scan.repeatFrom },
    confidence: 0.9,
    spans: scan.spans,
    path: "deterministic",
    ambiguities: [],
  };
}

function acceptRecurrenceAnswer(answer: RecurrenceAnswer, text: string): Acceptance<Recurrence> {
  if (!answer.found) return { accepted: { kind: "invalid", reason: "no recurrence found", path: "llm" } };
  const parts = answer.rrule ? readRule(answer.rrule) : null;
  if (!parts) return { rejected: `bad rrule ${answer.rrule ?? "(none)"}` };
  return {
    accepted: {
      kind: "ok",
      value: { rrule: formatRule(parts), repeatFrom: answer.repeatFrom },
      confidence: answer.confidence,
      spans: locateEvidence(text, answer.evidence),
      path: "llm",
      ambiguities: answer.ambiguities,
    },
  };
}
