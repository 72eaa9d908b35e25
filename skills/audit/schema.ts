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
  locale: z.enum(["en", "ur", "roman-ur"]),
  referenceTime: z.date(),
  timeZone: z.string().min(1),
  /** How many titles each kind lists before "…and N more" (10 when absent). */
  listLimit: z.number().int().min(1).max(1000).optional(),
  /** Whose changes the events are, when not the user's own: the answer names them where it would say "you". */
  actor: z.string().max(200).optional(),
});
export type SummarizeActivityInput = z.infer<typeof summarizeActivityInputSchema>;

/** The answer, and how many titles it left out ("…and N more"). */
const activitySummarySchema = z.object({ answer: z.string(), omitted: z.number().int().min(0) });
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
