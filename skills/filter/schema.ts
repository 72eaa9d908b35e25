import { z } from "zod";
import { rankedPriorities } from "../../vocabulary/priority";
import { groundingShape } from "../task/schema";

/** The periods a filter sentence may name; each maps to one filter term (filter-intent.ts). */
const FILTER_PERIODS = ["overdue", "today", "tomorrow", "this_week", "next_week", "this_month", "no_date"] as const;
export type FilterPeriod = (typeof FILTER_PERIODS)[number];

/** Input of the Filter agent: the sentence, and the caller's tags and project names it may refer to. */
export const writeFilterInputSchema = z.object({
  text: z.string().min(1).max(2000),
  tags: z.array(z.string().min(1).max(50)).max(500),
  projects: z.array(z.string().min(1).max(120)).max(500),
});
export type WriteFilterInput = z.infer<typeof writeFilterInputSchema>;

/**
 * FilterIntent is what a sentence asks to see, by kind. Kinds are joined with `&`, the values of one kind
 * with `|` ("work and home stuff due today or tomorrow" = (#work | #home) & (today | tomorrow)).
 */
const filterIntentSchema = z.object({
  periods: z.array(z.enum(FILTER_PERIODS)).max(FILTER_PERIODS.length),
  priorities: z.array(z.enum(rankedPriorities)).max(4),
  tags: z.array(z.string().min(1).max(50)).max(10),
  projects: z.array(z.string().min(1).max(120)).max(10),
  completed: z.boolean(),
  recurring: z.boolean(),
  /** search is words the tasks' text must contain, or "". */
  search: z.string().max(200),
});
export type FilterIntent = z.infer<typeof filterIntentSchema>;

/** What the Filter agent returns: the query to show the user, and the language they wrote in. */
export interface FilterQuery {
  query: string;
  language: "en" | "ur" | "roman-ur";
}

/** What the model must answer: the intent (never query text, so it cannot write a syntax error). */
export const filterAnswerSchema = filterIntentSchema.extend({ found: z.boolean(), ...groundingShape });
export type FilterAnswer = z.infer<typeof filterAnswerSchema>;

export const filterAnswerJsonSchema = z.toJSONSchema(filterAnswerSchema);

export const FILTER_PROMPT = "skills/filter/write-filter.md";
