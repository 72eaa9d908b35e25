import { z } from "zod";
import { priorityNames } from "../../../vocabulary/priority";

/** Reply locale: English, or Urdu in Urdu script (also for Roman Urdu; see README). */
const localeSchema = z.enum(["en", "ur"]);
export type Locale = z.infer<typeof localeSchema>;

/** Language the user wrote in, as DetectIntent reports it. */
export const languageSchema = z.enum(["en", "ur", "roman-ur"]);
export type Language = z.infer<typeof languageSchema>;

export const localeOf = (language: Language): Locale => (language === "en" ? "en" : "ur");

const taskRefSchema = z.object({ id: z.string(), title: z.string() });
export type TaskRef = z.infer<typeof taskRefSchema>;

/** TaskDraft is a task being created that waits for a missing piece. */
const draftSchema = z.object({
  title: z.string(),
  description: z.string(),
  priority: z.enum(priorityNames),
  tags: z.array(z.string()),
  dueAt: z.string().optional(),
  dueDateOnly: z.boolean(),
  rrule: z.string().optional(),
  repeatFrom: z.enum(["due", "completion"]).optional(),
  remindAt: z.string().optional(),
  remindBeforeSeconds: z.number().int().min(0).optional(),
  /** remindAtDue: the user asked to be reminded ("remind me to …"): remind when the task is due. */
  remindAtDue: z.boolean(),
});
export type TaskDraft = z.infer<typeof draftSchema>;

/** The operations that act on one task the user names. */
export const targetedOperations = ["complete", "delete", "update", "set_reminder", "make_recurring"] as const;
export type TargetedOperation = (typeof targetedOperations)[number];

const question = { question: z.string(), options: z.array(z.string()), language: languageSchema };

/**
 * PendingAction is what the assistant waits on, kept on the conversation between turns:
 * a yes/no before a destructive or bulk action, a choice between tasks, or a missing detail.
 */
const pendingSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("confirm"),
    operation: z.enum(["delete", "complete"]),
    tasks: z.array(taskRefSchema).min(1),
    ...question,
  }),
  z.object({
    kind: z.literal("choose"),
    operation: z.enum(targetedOperations),
    candidates: z.array(taskRefSchema).min(1),
    text: z.string(),
    ...question,
  }),
  z.object({ kind: z.literal("create"), need: z.enum(["title", "due"]), draft: draftSchema, ...question }),
  z.object({
    kind: z.literal("detail"),
    need: z.enum(["update", "reminder", "recurrence", "first_due"]),
    task: taskRefSchema,
    rrule: z.string().optional(),
    repeatFrom: z.enum(["due", "completion"]).optional(),
    ...question,
  }),
]);
export type PendingAction = z.infer<typeof pendingSchema>;

/** readPending parses a stored pending action; anything unreadable (an older shape) is dropped. */
export function readPending(stored: string | null): PendingAction | null {
  if (!stored) return null;
  try {
    const parsed = pendingSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
