import type { MessageInitShape } from "@bufbuild/protobuf";
import { type Timestamp, timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Outcome, type SkillMetaSchema, SkillPath } from "../../../gen/todo/skills/v1/skill_pb";
import type { Locale, SkillResult } from "../../../skills/index";
import { isValidTimeZone } from "../../../vocabulary/time-zone";
import { InvalidArgumentError } from "../../platform/errors";

type SkillMetaInit = MessageInitShape<typeof SkillMetaSchema>;

const outcomes = { ok: Outcome.OK, invalid: Outcome.INVALID, error: Outcome.ERROR } as const;
const paths = { llm: SkillPath.LLM, deterministic: SkillPath.DETERMINISTIC } as const;

/** metaOf describes how a skill answered: outcome, path, confidence, spans, ambiguities and why. */
export function metaOf<T>(result: SkillResult<T>): SkillMetaInit {
  const base = { outcome: outcomes[result.kind], path: paths[result.path] };
  if (result.kind !== "ok") {
    const reason = result.fallbackReason ? `${result.reason} (llm: ${result.fallbackReason})` : result.reason;
    return { ...base, reason };
  }
  return {
    ...base,
    confidence: result.confidence,
    spans: result.spans.map((span) => ({ field: span.field, start: span.start, end: span.end, text: span.text })),
    ambiguities: result.ambiguities.map((a) => ({
      field: a.field,
      text: a.text,
      options: a.options,
      question: a.question,
      questionUr: a.questionUr,
    })),
    reason: result.fallbackReason ?? "",
  };
}

/** okValue is the result's value when the skill answered ok. */
export const okValue = <T>(result: SkillResult<T>): T | undefined => (result.kind === "ok" ? result.value : undefined);

/** frameOf reads the reference time and zone a request gives, defaulting to now and UTC; an unknown zone is InvalidArgument. */
export function frameOf(req: { referenceTime?: Timestamp; timeZone: string }): {
  referenceTime: Date;
  timeZone: string;
} {
  const timeZone = req.timeZone || "UTC";
  if (!isValidTimeZone(timeZone))
    throw new InvalidArgumentError([{ field: "time_zone", description: `unknown time zone "${timeZone}"` }]);
  return { referenceTime: req.referenceTime ? timestampDate(req.referenceTime) : new Date(), timeZone };
}

/** localeOf maps a request locale ("ur", "ur-PK", "en", "") to the skills' reply locale. */
export const localeOf = (locale: string): Locale => (locale.toLowerCase().startsWith("ur") ? "ur" : "en");

/** isoTimestamp turns a skill's ISO instant into a Timestamp. */
export const isoTimestamp = (iso: string | undefined): Timestamp | undefined =>
  iso ? timestampFromDate(new Date(iso)) : undefined;
