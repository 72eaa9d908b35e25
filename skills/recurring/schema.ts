import { z } from "zod";
import { ambiguitySchema, groundingShape } from "../task/schema";

/** Input of the Recurring agent's parser. */
export const parseRecurrenceInputSchema = z.object({
  text: z.string().min(1).max(2000),
  referenceTime: z.date(),
  timeZone: z.string().min(1),
});
export type ParseRecurrenceInput = z.infer<typeof parseRecurrenceInputSchema>;

/** A recurrence: an RRULE (without DTSTART) and what the next occurrence counts from. */
const recurrenceSchema = z.object({
  rrule: z.string(),
  repeatFrom: z.enum(["due", "completion"]),
});
export type Recurrence = z.infer<typeof recurrenceSchema>;

/** What the model must answer for the Recurring agent. */
export const recurrenceAnswerSchema = z.object({
  found: z.boolean(),
  rrule: z.string().nullable(),
  repeatFrom: z.enum(["due", "completion"]),
  ...groundingShape,
  ambiguities: ambiguitySchema,
});
export type RecurrenceAnswer = z.infer<typeof recurrenceAnswerSchema>;

export const recurrenceAnswerJsonSchema = z.toJSONSchema(recurrenceAnswerSchema);

export const RECURRENCE_PROMPT = "skills/recurring/parse-recurrence.md";
