import { z } from "zod";
import { ambiguitySchema, groundingShape } from "../task/schema";

/** Input of the Reminder agent. */
export const extractReminderInputSchema = z.object({
  text: z.string().min(1).max(2000),
  referenceTime: z.date(),
  timeZone: z.string().min(1),
  dueAt: z.date().optional(),
});
export type ExtractReminderInput = z.infer<typeof extractReminderInputSchema>;

/** What the model must answer for the Reminder agent. */
export const reminderAnswerSchema = z.object({
  found: z.boolean(),
  atLocal: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/)
    .nullable(),
  beforeSeconds: z.number().int().min(0).nullable(),
  ...groundingShape,
  ambiguities: ambiguitySchema,
});
export type ReminderAnswer = z.infer<typeof reminderAnswerSchema>;

export const reminderAnswerJsonSchema = z.toJSONSchema(reminderAnswerSchema);

export const REMINDER_PROMPT = "skills/reminder/extract-reminder.md";
