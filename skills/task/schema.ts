import { z } from "zod";
import { priorityNames } from "../../vocabulary/priority";

/** Input of the Task agent. */
export const extractTaskInputSchema = z.object({
  text: z.string().min(1).max(2000),
  referenceTime: z.date(),
  timeZone: z.string().min(1),
  locale: z.enum(["en", "ur"]).optional(),
});
export type ExtractTaskInput = z.infer<typeof extractTaskInputSchema>;

/** The task fields the Task agent reads out of text. */
const taskFieldsSchema = z.object({
  title: z.string(),
  description: z.string(),
  priority: z.enum(priorityNames),
  tags: z.array(z.string()),
  due: z.object({ at: z.iso.datetime(), dateOnly: z.boolean() }).optional(),
  recurrence: z.object({ rrule: z.string(), repeatFrom: z.enum(["due", "completion"]) }).optional(),
  reminder: z.object({ at: z.iso.datetime().optional(), beforeSeconds: z.number().int().min(0).optional() }).optional(),
});
export type TaskFields = z.infer<typeof taskFieldsSchema>;

const localTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/)
  .describe("local wall-clock time in the user's time zone: YYYY-MM-DD or YYYY-MM-DDTHH:mm");

/** Evidence (the words of the input an answer read) and ambiguity shapes of the skills' LLM answers. */
const evidenceSchema = z.array(z.object({ field: z.string(), text: z.string() }));
export const ambiguitySchema = z.array(
  z.object({
    field: z.string(),
    text: z.string(),
    options: z.array(z.string()),
    question: z.string(),
    questionUr: z.string(),
  }),
);

/** The fields every skill's LLM answer ends with: how sure it is, and the words of the input it read. */
export const groundingShape = { confidence: z.number().min(0).max(1), evidence: evidenceSchema };

/** What the model must answer for the Task agent (times are local; the skill converts them). */
export const taskAnswerSchema = z.object({
  title: z.string(),
  description: z.string(),
  priority: z.enum(priorityNames),
  tags: z.array(z.string()),
  due: z.object({ local: localTime, dateOnly: z.boolean() }).nullable(),
  recurrence: z.object({ rrule: z.string(), repeatFrom: z.enum(["due", "completion"]) }).nullable(),
  reminder: z.object({ atLocal: localTime.nullable(), beforeSeconds: z.number().int().min(0).nullable() }).nullable(),
  ...groundingShape,
  ambiguities: ambiguitySchema,
});
export type TaskAnswer = z.infer<typeof taskAnswerSchema>;

export const taskAnswerJsonSchema = z.toJSONSchema(taskAnswerSchema);

/** Where the Task agent's prompt lives under prompts/. */
export const TASK_PROMPT = "skills/task/extract-task.md";
