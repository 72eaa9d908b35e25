import { z } from "zod";
import { type IntentName, intentNames } from "../../vocabulary/intents";
import { groundingShape } from "../task/schema";

export type { IntentName };

/** Input of intent detection: the text and what the conversation knows. */
export const detectIntentInputSchema = z.object({
  text: z.string().min(1).max(2000),
  context: z
    .object({
      /** Tasks the user may refer to, most recent first. */
      recentTasks: z.array(z.object({ id: z.string(), title: z.string() })).optional(),
      /** The kind of question the assistant is waiting on, if any. */
      pending: z.string().optional(),
    })
    .optional(),
});
export type DetectIntentInput = z.infer<typeof detectIntentInputSchema>;

/** What the user wants, which task they refer to, and the language they wrote in. */
const intentSchema = z.object({
  intent: z.enum(intentNames),
  target: z.object({ taskId: z.string().optional(), reference: z.string() }).optional(),
  language: z.enum(["en", "ur", "roman-ur"]),
  /** The project an organise intent names, as written (the caller resolves it among the user's own). */
  project: z.string().optional(),
  /** Section names of create_project, subtask titles of add_subtasks. */
  names: z.array(z.string()).optional(),
});
export type Intent = z.infer<typeof intentSchema>;

/** What the model must answer for intent detection. */
export const intentAnswerSchema = z.object({
  intent: z.enum(intentNames),
  reference: z.string().nullable(),
  ...groundingShape,
});
export type IntentAnswer = z.infer<typeof intentAnswerSchema>;

export const intentAnswerJsonSchema = z.toJSONSchema(intentAnswerSchema);

export const INTENT_PROMPT = "skills/intent/detect-intent.md";
