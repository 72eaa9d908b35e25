import { z } from "zod";
import { evidenceSchema } from "../task/schema.ts";

/** One audit record given to the Audit agent. */
export const activityEventSchema = z.object({
  type: z.string(),
  occurredAt: z.string(),
  taskId: z.string().optional(),
  title: z.string().optional(),
});
export type ActivityEvent = z.infer<typeof activityEventSchema>;

/** Input of the Audit agent. */
export const summarizeActivityInputSchema = z.object({
  events: z.array(activityEventSchema),
  question: z.string().min(1).max(2000),
  locale: z.enum(["en", "ur"]),
  referenceTime: z.date(),
  timeZone: z.string().min(1),
});
export type SummarizeActivityInput = z.infer<typeof summarizeActivityInputSchema>;

export const activitySummarySchema = z.object({ answer: z.string() });
export type ActivitySummary = z.infer<typeof activitySummarySchema>;

/** What the model must answer for the Audit agent. */
export const activityAnswerSchema = z.object({
  answer: z.string().min(1),
  confidence: z.number().min(0).max(1),
  evidence: evidenceSchema,
});
export type ActivityAnswer = z.infer<typeof activityAnswerSchema>;

export const activityAnswerJsonSchema = z.toJSONSchema(activityAnswerSchema);

export const ACTIVITY_PROMPT = "skills/audit/summarize-activity.md";
