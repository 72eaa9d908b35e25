import type { DateFrame } from "../shared/dates/date-finding";
import { locateEvidence } from "../shared/evidence";
import { describeFrame, makeFrame, unusableFrame } from "../shared/frame";
import type { Acceptance } from "../shared/run-skill";
import { runAgent } from "../shared/run-skill";
import { Scanner } from "../shared/scanner";
import type { SkillContext } from "../shared/skill-context";
import type { Language, SkillResult } from "../shared/types";
import { answerFromRecords } from "./activity-answer";
import type { ActivityPeriod } from "./activity-question";
import { readActivityQuestion } from "./activity-question";
import type { ActivityEvent, ActivityReadingAnswer, ActivitySummary, SummarizeActivityInput } from "./schema";
import { ACTIVITY_PROMPT, activityReadingAnswerJsonSchema, activityReadingAnswerSchema } from "./schema";

/** The longest "last N days" a reading may ask about. */
const MAX_DAYS = 366;

/**
 * Answers a question about the user's history ("what did I finish yesterday?") from audit records.
 * The model only reads the question (period and kind); the records never reach it, and the answer
 * is always built from them by code, so a task title cannot steer what the user is told.
 */
export async function summarizeActivity(
  context: SkillContext,
  input: SummarizeActivityInput,
): Promise<SkillResult<ActivitySummary>> {
  const frame = makeFrame(input.referenceTime, input.timeZone);
  if (!frame) return unusableFrame(input.timeZone);
  return runAgent(context, {
    prompt: ACTIVITY_PROMPT,
    schema: activityReadingAnswerSchema,
    jsonSchema: activityReadingAnswerJsonSchema,
    fields: () => ({
      question: JSON.stringify(input.question),
      locale: input.locale,
      reference_time: describeFrame(frame),
      time_zone: input.timeZone,
    }),
    accept: (reading) => acceptActivityReading(reading, input, frame),
    deterministic: () =>
      summarizeActivityRules(input.events, input.question, input.locale, frame, input.listLimit, input.actor),
  });
}

/** The Audit agent's rules: read the period and kind asked about, then answer from the records. */
export function summarizeActivityRules(
  events: readonly ActivityEvent[],
  question: string,
  locale: Language,
  frame: DateFrame,
  listLimit?: number,
  actor?: string,
): SkillResult<ActivitySummary> {
  const scanner = new Scanner(question);
  const reading = readActivityQuestion(scanner);
  return {
    kind: "ok",
    value: answerFromRecords(events, reading, locale, frame, listLimit, actor),
    confidence: reading.period.name === "recent" ? 0.6 : 0.9,
    spans: [...scanner.spans].sort((a, b) => a.start - b.start),
    path: "deterministic",
    ambiguities: [],
  };
}

function acceptActivityReading(
  answer: ActivityReadingAnswer,
  input: SummarizeActivityInput,
  frame: DateFrame,
): Acceptance<ActivitySummary> {
  const read = periodOf(answer);
  if ("rejected" in read) return read;
  const { period } = read;
  return {
    accepted: {
      kind: "ok",
      value: answerFromRecords(
        input.events,
        { period, kind: answer.kind },
        input.locale,
        frame,
        input.listLimit,
        input.actor,
      ),
      confidence: answer.confidence,
      spans: locateEvidence(input.question, answer.evidence),
      path: "llm",
      ambiguities: [],
    },
  };
}

/** The period the model read, or why it is inconsistent: a day count belongs to "last-days" and only there. */
function periodOf(answer: ActivityReadingAnswer): { period: ActivityPeriod } | { rejected: string } {
  const { period, days } = answer;
  if (period !== "last-days")
    return days === null ? { period: { name: period } } : { rejected: `a day count with period ${period}` };
  if (days === null || !Number.isInteger(days) || days < 1 || days > MAX_DAYS)
    return { rejected: `last-days needs a day count in 1..${MAX_DAYS}` };
  return { period: { name: period, days } };
}
