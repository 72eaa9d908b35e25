import { locateEvidence } from "../shared/evidence";
import { detectLanguage } from "../shared/language";
import type { Acceptance } from "../shared/run-skill";
import { runAgent } from "../shared/run-skill";
import type { SkillContext } from "../shared/skill-context";
import type { SkillResult } from "../shared/types";
import { writeQuery } from "./filter-intent";
import { writeFilterRules } from "./filter-rules";
import type { FilterAnswer, FilterQuery, WriteFilterInput } from "./schema";
import { FILTER_PROMPT, filterAnswerJsonSchema, filterAnswerSchema } from "./schema";

/**
 * Turns a sentence ("my urgent work stuff this week", "آج کے ضروری کام", "kal ke kaam") into a query of the
 * filter language for the user to see and confirm. The model answers an intent, never query text, and a
 * tag, project or search word it names must be in the text or among the user's own.
 */
export async function writeFilter(context: SkillContext, input: WriteFilterInput): Promise<SkillResult<FilterQuery>> {
  return runAgent(context, {
    prompt: FILTER_PROMPT,
    schema: filterAnswerSchema,
    jsonSchema: filterAnswerJsonSchema,
    fields: () => ({
      text: JSON.stringify(input.text),
      tags: JSON.stringify(input.tags.slice(0, 200)),
      projects: JSON.stringify(input.projects.slice(0, 200)),
    }),
    accept: (answer) => acceptFilterAnswer(answer, input),
    deterministic: () => writeFilterRules(input.text, input.tags, input.projects),
  });
}

function acceptFilterAnswer(answer: FilterAnswer, input: WriteFilterInput): Acceptance<FilterQuery> {
  if (!answer.found)
    return { accepted: { kind: "invalid", reason: "the text names nothing a filter can test", path: "llm" } };
  const text = input.text.toLowerCase();
  const grounded = (value: string, known: readonly string[]) =>
    text.includes(value.toLowerCase()) || known.some((k) => k.toLowerCase() === value.toLowerCase());
  const stray = [
    ...answer.tags.filter((tag) => !grounded(tag, input.tags)),
    ...answer.projects.filter((name) => !grounded(name, input.projects)),
    ...(answer.search && !text.includes(answer.search.toLowerCase()) ? [answer.search] : []),
  ];
  if (stray.length > 0) return { rejected: `names not in the text or the user's lists: ${stray.join(", ")}` };
  const query = writeQuery(answer);
  if (!query) return { rejected: "found without any term" };
  return {
    accepted: {
      kind: "ok",
      value: { query, language: detectLanguage(input.text) },
      confidence: answer.confidence,
      spans: locateEvidence(input.text, answer.evidence),
      path: "llm",
      ambiguities: [],
    },
  };
}
