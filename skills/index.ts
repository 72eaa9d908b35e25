import type { z } from "zod";
import { describeRule } from "../vocabulary/recurrence/describe";
import { nextOccurrenceAsync, type OccurrenceQuery } from "../vocabulary/recurrence/expand";
import type { ActivitySummary, SummarizeActivityInput } from "./audit/schema";
import { summarizeActivityInputSchema } from "./audit/schema";
import { summarizeActivity } from "./audit/summarize-activity";
import type { FilterQuery, WriteFilterInput } from "./filter/schema";
import { writeFilterInputSchema } from "./filter/schema";
import { writeFilter } from "./filter/write-filter";
import { detectIntent } from "./intent/detect-intent";
import type { DetectIntentInput, Intent } from "./intent/schema";
import { detectIntentInputSchema } from "./intent/schema";
import { missingPrompts } from "./prompts";
import { parseRecurrence } from "./recurring/parse-recurrence";
import type { ParseRecurrenceInput, Recurrence } from "./recurring/schema";
import { parseRecurrenceInputSchema } from "./recurring/schema";
import { extractReminder } from "./reminder/extract-reminder";
import type { ReminderValue } from "./reminder/reminder-rules";
import type { ExtractReminderInput } from "./reminder/schema";
import { extractReminderInputSchema } from "./reminder/schema";
import type { SkillContext } from "./shared/skill-context";
import type { Locale, ModelClient, PromptSet, SkillResult } from "./shared/types";
import { extractTask } from "./task/extract-task";
import type { ExtractTaskInput, TaskFields } from "./task/schema";
import { extractTaskInputSchema } from "./task/schema";

export { loadPrompts } from "./prompts";

export { ollamaModelClient } from "./shared/ollama-client";
export type {
  Locale,
  SkillResult,
} from "./shared/types";

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
  /** A filter query (docs/filters.md) for what the text asks to see, to show the user before it runs. */
  writeFilter(input: WriteFilterInput): Promise<SkillResult<FilterQuery>>;
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
async function checked<I, T>(
  schema: z.ZodType<I>,
  input: I,
  run: (valid: I) => Promise<SkillResult<T>>,
): Promise<SkillResult<T>> {
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
  const context: SkillContext = {
    model: options.model,
    prompts: options.prompts,
    timeoutMs: options.timeoutMs ?? 3000,
  };
  return {
    extractTask: (input) => checked(extractTaskInputSchema, input, (valid) => extractTask(context, valid)),
    extractReminder: (input) => checked(extractReminderInputSchema, input, (valid) => extractReminder(context, valid)),
    parseRecurrence: (input) => checked(parseRecurrenceInputSchema, input, (valid) => parseRecurrence(context, valid)),
    nextOccurrence: (input) => nextOccurrenceAsync(input),
    summarizeActivity: (input) =>
      checked(summarizeActivityInputSchema, input, (valid) => summarizeActivity(context, valid)),
    detectIntent: (input) => checked(detectIntentInputSchema, input, (valid) => detectIntent(context, valid)),
    writeFilter: (input) => checked(writeFilterInputSchema, input, (valid) => writeFilter(context, valid)),
    describeRule: (rrule, locale, timeZone) => describeRule(rrule, locale, timeZone) ?? rrule,
  };
}
