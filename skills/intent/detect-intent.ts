import { organiseIntents, shareIntents, teamIntents } from "../../vocabulary/intents";
import { locateEvidence } from "../shared/evidence";
import { detectLanguage } from "../shared/language";
import type { Acceptance } from "../shared/run-skill";
import { runAgent } from "../shared/run-skill";
import type { SkillContext } from "../shared/skill-context";
import type { SkillResult } from "../shared/types";
import { detectIntentRules, organiseIntent } from "./intent-rules";
import { readOrganise } from "./organise-rules";
import type { DetectIntentInput, Intent, IntentAnswer } from "./schema";
import { INTENT_PROMPT, intentAnswerJsonSchema, intentAnswerSchema } from "./schema";
import { readShare, shareIntent } from "./share-rules";
import { matchTask } from "./target";
import { readTeam, teamIntent } from "./team-rules";

/** The most recent tasks shown to the model. */
const PROMPT_TASK_LIMIT = 20;

/** Says what the user wants (create, complete, …) and which task they refer to. */
export async function detectIntent(context: SkillContext, input: DetectIntentInput): Promise<SkillResult<Intent>> {
  const recent = input.context?.recentTasks ?? [];
  return runAgent(context, {
    prompt: INTENT_PROMPT,
    schema: intentAnswerSchema,
    jsonSchema: intentAnswerJsonSchema,
    fields: () => ({
      text: JSON.stringify(input.text),
      recent_tasks: JSON.stringify(recent.slice(0, PROMPT_TASK_LIMIT)),
      pending: JSON.stringify(input.context?.pending ?? null),
    }),
    accept: (answer) => acceptIntentAnswer(answer, input),
    deterministic: () => detectIntentRules(input),
  });
}

const ORGANISE: ReadonlySet<string> = new Set(organiseIntents);
const SHARE: ReadonlySet<string> = new Set(shareIntents);
const TEAM: ReadonlySet<string> = new Set(teamIntents);

/** A reading of the text by rules: the intent the rules found and the Intent they made of it. */
type RuleReading = { intent: string; result: SkillResult<Intent> } | null;
const reading = (intent: string | undefined, result: () => SkillResult<Intent>): RuleReading =>
  intent ? { intent, result: result() } : null;

/**
 * The sentences whose words the rules read whatever the model says: organise (project, task, sections, subtasks),
 * share (project, person) and team (task, person, a comment's text). The model picks the intent; the words always
 * come from the text, so an action never works on words the text lacks (a model cannot write a comment).
 */
const RULE_READERS: ReadonlyArray<{ intents: ReadonlySet<string>; read: (input: DetectIntentInput) => RuleReading }> = [
  {
    intents: TEAM,
    read: ({ text, context }) => {
      const read = readTeam(text);
      return reading(read?.intent, () => teamIntent(read!, detectLanguage(text), context?.recentTasks ?? []));
    },
  },
  {
    intents: SHARE,
    read: ({ text }) => {
      const read = readShare(text);
      return reading(read?.intent, () => shareIntent(read!, detectLanguage(text)));
    },
  },
  {
    intents: ORGANISE,
    read: ({ text, context }) => {
      const read = readOrganise(text);
      return reading(read?.intent, () => organiseIntent(read!, detectLanguage(text), context?.recentTasks ?? []));
    },
  },
];

function acceptIntentAnswer(answer: IntentAnswer, input: DetectIntentInput): Acceptance<Intent> {
  const reader = RULE_READERS.find((r) => r.intents.has(answer.intent));
  if (reader) {
    const read = reader.read(input);
    if (read?.intent !== answer.intent) return { rejected: `${answer.intent} without words the rules can read` };
    if (read.result.kind !== "ok") return { rejected: `unreadable ${answer.intent} sentence` };
    const spans = locateEvidence(input.text, answer.evidence);
    return { accepted: { ...read.result, confidence: answer.confidence, spans, path: "llm" } };
  }
  const value: Intent = { intent: answer.intent, language: detectLanguage(input.text) };
  const reference = answer.reference?.trim();
  if (reference) {
    const taskId = answer.intent === "search" ? undefined : matchTask(reference, input.context?.recentTasks ?? []);
    value.target = { reference, ...(taskId ? { taskId } : {}) };
  }
  return {
    accepted: {
      kind: "ok",
      value,
      confidence: answer.confidence,
      spans: locateEvidence(input.text, answer.evidence),
      path: "llm",
      ambiguities: [],
    },
  };
}
