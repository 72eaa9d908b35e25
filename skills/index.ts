import type { z } from "zod";
import type { ActivitySummary, SummarizeActivityInput } from "./audit/schema.ts";
import { summarizeActivityInputSchema } from "./audit/schema.ts";
import { summarizeActivity } from "./audit/summarize-activity.ts";
import { detectIntent } from "./intent/detect-intent.ts";
import type { DetectIntentInput, Intent } from "./intent/schema.ts";
import { detectIntentInputSchema } from "./intent/schema.ts";
import { missingPrompts } from "./prompts.ts";
import { describeRule } from "../vocabulary/recurrence/describe";
import { nextOccurrenceAsync, type OccurrenceQuery } from "../vocabulary/recurrence/expand";
import { parseRecurrence } from "./recurring/parse-recurrence.ts";
import type { ParseRecurrenceInput, Recurrence } from "./recurring/schema.ts";
import { parseRecurrenceInputSchema } from "./recurring/schema.ts";
import { extractReminder } from "./reminder/extract-reminder.ts";
import type { ReminderValue } from "./reminder/reminder-rules.ts";
import type { ExtractReminderInput } from "./reminder/schema.ts";
import { extractReminderInputSchema } from "./reminder/schema.ts";
import type { SkillContext } from "./shared/skill-context.ts";
import type { Locale, ModelClient, PromptSet, SkillResult } from "./shared/types.ts";
import { extractTask } from "./task/extract-task.ts";
import type { ExtractTaskInput, TaskFields } from "./task/schema.ts";
import { extractTaskInputSchema } from "./task/schema.ts";

export type { ActivityEvent, ActivitySummary, SummarizeActivityInput } from "./audit/schema.ts";
export type { DetectIntentInput, Intent, IntentName } from "./intent/schema.ts";
export { INTENTS } from "./intent/schema.ts";
export { loadPrompts, REQUIRED_PROMPTS } from "./prompts.ts";
export type { ParseRecurrenceInput, Recurrence } from "./recurring/schema.ts";
export type { ReminderValue } from "./reminder/reminder-rules.ts";
export type { ExtractReminderInput } from "./reminder/schema.ts";
export { detectLanguage } from "./shared/language.ts";
export { ollamaModelClient } from "./shared/ollama-client.ts";
export type {
  Ambiguity,
  FallbackReason,
  Language,
  Locale,
  ModelClient,
  ModelRequest,
  Priority,
  PromptSet,
  RepeatFrom,
  SkillPath,
  SkillResult,
  Span,
} from "./shared/types.ts";
export type { ExtractTaskInput, TaskFields } from "./task/schema.ts";

/** The skill agents, bound to one model (or none) and one prompt set. */
export interface Skills {
  extractTask(input: ExtractTaskInput): Promise<SkillResult<TaskFields>>;
  extractReminder(input: ExtractReminderInput): Promise<SkillResult<ReminderValue>>;
  parseRecurrence(input: ParseRecurrenceInput): Promise<SkillResult<Recurrence>>;
  /**
   * Next occurrence strictly after `after`, or null when the rule has ended; bounded and yielding
   * (vocabulary/recurrence). Rejects with a RuleError (a RangeError) on a rule that cannot be evaluated.
   */
  nextOccurrence(input: OccurrenceQuery): Promise<Date | null>;
  summarizeActivity(input: SummarizeActivityInput): Promise<SkillResult<ActivitySummary>>;
  detectIntent(input: DetectIntentInput): Promise<SkillResult<Intent>>;
  /** Readable summary of an RRULE; UNTIL shown in `timeZone` (UTC by default). */
  describeRule(rrule: string, locale: Locale, timeZone?: string): string;
}

export interface CreateSkillsOptions {
  /** The LLM; without one every skill answers from its rules. */
  model?: ModelClient | undefined;
  prompts: PromptSet;
  /** How long the LLM path may take before the rules answer instead. */
  timeoutMs?: number;
}

/** Validates input against the agent's schema; a bad input is an `invalid` result, not a throw. */
async function checked<I, T>(schema: z.ZodType<I>, input: I, run: (valid: I) => Promise<SkillResult<T>>): Promise<SkillResult<T>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => issue.path.join(".") || "input").join(", ");
    return { kind: "invalid", reason: `invalid input: ${where}`, path: "deterministic" };
  }
  return run(parsed.data);
}

/** Binds the skill agents to a model and prompts. Throws when a required prompt is missing. */
export function createSkills(options: CreateSkillsOptions): Skills {
  const missing = missingPrompts(options.prompts);
  if (missing.length > 0) throw new Error(`prompts missing: ${missing.join(", ")}`);
  const context: SkillContext = { model: options.model, prompts: options.prompts, timeoutMs: options.timeoutMs ?? 3000 };
  return {
    extractTask: (input) => checked(extractTaskInputSchema, input, (valid) => extractTask(context, valid)),
    extractReminder: (input) => checked(extractReminderInputSchema, input, (valid) => extractReminder(context, valid)),
    parseRecurrence: (input) => checked(parseRecurrenceInputSchema, input, (valid) => parseRecurrence(context, valid)),
    nextOccurrence: (input) => nextOccurrenceAsync(input),
    summarizeActivity: (input) => checked(summarizeActivityInputSchema, input, (valid) => summarizeActivity(context, valid)),
    detectIntent: (input) => checked(detectIntentInputSchema, input, (valid) => detectIntent(context, valid)),
    describeRule: (rrule, locale, timeZone) => describeRule(rrule, locale, timeZone) ?? rrule,
  };
}
