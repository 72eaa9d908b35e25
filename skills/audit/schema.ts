import { z } from "zod";
import { groundingShape } from "../task/schema";
import { ACTIVITY_KINDS, RANGE_NAMES } from "./activity-question";

/** One audit record given to the Audit agent. */
const activityEventSchema = z.object({
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

const activitySummarySchema = z.object({ answer: z.string() });
export type ActivitySummary = z.infer<typeof activitySummarySchema>;

/**
 * What the model must answer for the Audit agent: its reading of the question only. The answer
 * itself is built from the records by code, so the model never sees them.
 */
export const activityReadingAnswerSchema = z.object({
  period: z.enum(RANGE_NAMES),
  /** The day count of "last-days"; null for every other period. */
  days: z.number().nullable(),
  kind: z.enum(ACTIVITY_KINDS),
  ...groundingShape,
});
export type ActivityReadingAnswer = z.infer<typeof activityReadingAnswerSchema>;

export const activityReadingAnswerJsonSchema = z.toJSONSchema(activityReadingAnswerSchema);

export const ACTIVITY_PROMPT = "skills/audit/summarize-activity.md";
