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

function acceptIntentAnswer(answer: IntentAnswer, input: DetectIntentInput): Acceptance<Intent> {
  if (TEAM.has(answer.intent)) {
    // The task, the person and a comment's text are read by the rules from the text, never taken from the model:
    // a model that says "comment" cannot put words in the comment, nor name a person the user did not.
    const read = readTeam(input.text);
    if (read?.intent !== answer.intent) return { rejected: `${answer.intent} without words the rules can read` };
    const team = teamIntent(read, detectLanguage(input.text), input.context?.recentTasks ?? []);
    if (team.kind !== "ok") return { rejected: "unreadable team sentence" };
    return {
      accepted: {
        ...team,
        confidence: answer.confidence,
        spans: locateEvidence(input.text, answer.evidence),
        path: "llm",
      },
    };
  }
  if (SHARE.has(answer.intent)) {
    // As for organise: the project and the person are read by the rules from the text, never taken from the model.
    const read = readShare(input.text);
    if (read?.intent !== answer.intent) return { rejected: `${answer.intent} without names the rules can read` };
    const shared = shareIntent(read, detectLanguage(input.text));
    if (shared.kind !== "ok") return { rejected: "unreadable share sentence" };
    return {
      accepted: {
        ...shared,
        confidence: answer.confidence,
        spans: locateEvidence(input.text, answer.evidence),
        path: "llm",
      },
    };
  }
  if (ORGANISE.has(answer.intent)) {
    // The model picks the intent; the names it acts on (project, task, sections, subtasks) are read by
    // the rules from the text itself, so an organise action never works on words the text lacks.
    const read = readOrganise(input.text);
    if (read?.intent !== answer.intent) return { rejected: `${answer.intent} without names the rules can read` };
    const organised = organiseIntent(read, detectLanguage(input.text), input.context?.recentTasks ?? []);
    if (organised.kind !== "ok") return { rejected: "unreadable organise sentence" };
    return {
      accepted: {
        ...organised,
        confidence: answer.confidence,
        spans: locateEvidence(input.text, answer.evidence),
        path: "llm",
      },
    };
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
