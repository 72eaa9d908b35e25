import { locateEvidence } from "../shared/evidence.ts";
import { describeFrame, makeFrame, unusableFrame } from "../shared/frame.ts";
import type { DateFrame } from "../shared/dates/date-finding.ts";
import type { Acceptance } from "../shared/run-skill.ts";
import { runAgent } from "../shared/run-skill.ts";
import { Scanner } from "../shared/scanner.ts";
import type { SkillContext } from "../shared/skill-context.ts";
import type { Locale, SkillResult } from "../shared/types.ts";
import type { KindGroup } from "./activity-answer.ts";
import { composeAnswer } from "./activity-answer.ts";
import type { ActivityKind } from "./activity-question.ts";
import { kindOfEvent, readActivityQuestion } from "./activity-question.ts";
import type { ActivityAnswer, ActivityEvent, ActivitySummary, SummarizeActivityInput } from "./schema.ts";
import { ACTIVITY_PROMPT, activityAnswerJsonSchema, activityAnswerSchema } from "./schema.ts";

/** The most recent records shown to the model; older ones are summarised by the rules only. */
const PROMPT_EVENT_LIMIT = 200;
const GROUP_ORDER: Array<Exclude<ActivityKind, "any">> = ["completed", "created", "updated", "deleted"];

/** Answers a question about the user's history ("what did I finish yesterday?") from audit records. */
export async function summarizeActivity(context: SkillContext, input: SummarizeActivityInput): Promise<SkillResult<ActivitySummary>> {
  const frame = makeFrame(input.referenceTime, input.timeZone);
  if (!frame) return unusableFrame(input.timeZone);
  const recent = [...input.events].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt)).slice(0, PROMPT_EVENT_LIMIT);
  return runAgent(context, {
    prompt: ACTIVITY_PROMPT,
    schema: activityAnswerSchema,
    jsonSchema: activityAnswerJsonSchema,
    fields: () => ({
      question: JSON.stringify(input.question),
      events: JSON.stringify(recent),
      locale: input.locale,
      reference_time: describeFrame(frame),
      time_zone: input.timeZone,
    }),
    accept: (answer) => acceptActivityAnswer(answer, input.question, input.locale),
    deterministic: () => summarizeActivityRules(input.events, input.question, input.locale, frame),
  });
}

/** The Audit agent's rules: read the period and kind asked about, filter, count and list titles. */
export function summarizeActivityRules(
  events: readonly ActivityEvent[],
  question: string,
  locale: Locale,
  frame: DateFrame,
): SkillResult<ActivitySummary> {
  const scanner = new Scanner(question);
  const { range, kind } = readActivityQuestion(scanner, frame.now, frame.timeZone);
  const to = range.to && range.to < frame.reference ? range.to : frame.reference;
  const groups = new Map<Exclude<ActivityKind, "any">, Map<string, string>>();
  for (const event of [...events].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))) {
    const at = new Date(event.occurredAt);
    if (Number.isNaN(at.getTime()) || (range.from && at < range.from) || at > to) continue;
    const eventKind = kindOfEvent(event.type);
    if (!eventKind || (kind !== "any" && eventKind !== kind)) continue;
    const group = groups.get(eventKind) ?? new Map<string, string>();
    const title = event.title?.trim() || (locale === "ur" ? "(بلا عنوان)" : "(untitled)");
    group.set(event.taskId ?? `${title}#${group.size}`, title);
    groups.set(eventKind, group);
  }
  const ordered: KindGroup[] = GROUP_ORDER.filter((name) => groups.has(name)).map((name) => ({
    kind: name,
    titles: [...(groups.get(name)?.values() ?? [])],
  }));
  return {
    kind: "ok",
    value: { answer: composeAnswer(ordered, kind, range, locale) },
    confidence: range.name === "recent" ? 0.6 : 0.9,
    spans: [...scanner.spans].sort((a, b) => a.start - b.start),
    path: "deterministic",
    ambiguities: [],
  };
}

const URDU_SCRIPT = /[\u0600-\u06FF]/;

function acceptActivityAnswer(answer: ActivityAnswer, question: string, locale: Locale): Acceptance<ActivitySummary> {
  if (locale === "ur" && !URDU_SCRIPT.test(answer.answer)) return { rejected: "answer is not in Urdu script" };
  return {
    accepted: {
      kind: "ok",
      value: { answer: answer.answer.trim() },
      confidence: answer.confidence,
      spans: locateEvidence(question, answer.evidence),
      path: "llm",
      ambiguities: [],
    },
  };
}
