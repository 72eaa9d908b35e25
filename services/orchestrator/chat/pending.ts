import { z } from "zod";
import { projectIntents, shareIntents, teamIntents } from "../../../vocabulary/intents";
import { priorityNames } from "../../../vocabulary/priority";

/** Language the user wrote in, as DetectIntent reports it; replies are written in the same one. */
export const languageSchema = z.enum(["en", "ur", "roman-ur"]);
export type Language = z.infer<typeof languageSchema>;

/** Locale is the language a reply is written in: English, Urdu script, or Roman Urdu (see README). */
export type Locale = Language;
export const localeOf = (language: Language): Locale => language;

/** skillLocale is the locale the skills' own questions and answers come in ("en" or Urdu). */
export const skillLocale = (language: Language): "en" | "ur" => (language === "en" ? "en" : "ur");

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
  /** project: the project the task goes into ("add milk to Groceries"); absent: the Inbox. */
  project: z.object({ id: z.uuid(), name: z.string(), sectionId: z.uuid().optional() }).optional(),
});
export type TaskDraft = z.infer<typeof draftSchema>;

/** The operations that act on one task the user names. */
export const targetedOperations = ["complete", "delete", "update", "set_reminder", "make_recurring"] as const;
export type TargetedOperation = (typeof targetedOperations)[number];

const question = { question: z.string(), options: z.array(z.string()), language: languageSchema };

/** The most tasks one message deletes or completes, and so the most ids an undo offer holds. */
export const BULK_PER_TURN = 500;

/**
 * BulkScope names the tasks a bulk action is about by filter, not by id, so a confirmation stays small
 * whatever the count: the tasks matching it that existed when the user was asked (created up to `asOf`).
 */
const bulkScopeSchema = z.object({
  status: z.enum(["open", "completed"]),
  overdue: z.boolean(),
  asOf: z.iso.datetime(),
});
export type BulkScope = z.infer<typeof bulkScopeSchema>;

/** The organise intents a pending organise action is for: the project ones (the saved-filter ones never wait). */
export type OrganiseIntent = (typeof projectIntents)[number];

/**
 * OrganiseAction is an organise request on its way: what the user named (project, task words, names)
 * and what has been resolved so far (ids of the user's own project and task).
 */
const organiseActionSchema = z.object({
  intent: z.enum(projectIntents),
  project: z.string().max(500),
  /** task: the new task's words (add_to_project) or the user's words for an existing task. */
  task: z.string().max(2000),
  names: z.array(z.string().max(500)).max(50),
  projectId: z.uuid().optional(),
  /** sectionId: the section (names[0]) of add_to_project / move_task, once found in the project. */
  sectionId: z.uuid().optional(),
  taskRef: taskRefSchema.optional(),
});
export type OrganiseAction = z.infer<typeof organiseActionSchema>;

/**
 * ShareAction is a sharing request on its way (issue 15): the project and the person (an address, a member's
 * name) as the user wrote them, the role an invitation gives, and the ids resolved so far (a project the user
 * can see, a member of it).
 */
const shareActionSchema = z.object({
  intent: z.enum(shareIntents),
  project: z.string().max(500),
  person: z.string().max(500),
  role: z.enum(["editor", "viewer"]),
  projectId: z.uuid().optional(),
  memberId: z.uuid().optional(),
});
export type ShareAction = z.infer<typeof shareActionSchema>;

/**
 * TeamAction is an assignment, a comment or a question about someone's changes on its way (issue 15): the words
 * as the user wrote them (task, person, comment text, the question) and what is resolved so far (the task, the
 * person among the people of the user's shared projects). After an assignment or a comment, `undo` holds what
 * taking it back needs: the previous assignee ("" for nobody) or the comment's id.
 */
const teamActionSchema = z.object({
  intent: z.enum(teamIntents),
  task: z.string().max(2000),
  person: z.string().max(500),
  body: z.string().max(4000),
  text: z.string().max(2000),
  taskRef: taskRefSchema.optional(),
  personRef: taskRefSchema.optional(),
  undo: z.object({ previousAssigneeId: z.string().max(64).optional(), commentId: z.uuid().optional() }).optional(),
});
export type TeamAction = z.infer<typeof teamActionSchema>;

/**
 * PendingAction is what the assistant waits on, kept on the conversation between turns:
 * a yes/no before a destructive or bulk action, a choice between tasks, a missing detail, or an
 * offer (undo a delete, show more) that any other message drops.
 */
const pendingSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("confirm"),
      operation: z.enum(["delete", "complete"]),
      /** tasks: the one task a targeted delete names. */
      tasks: z.array(taskRefSchema).max(1),
      /** scope: the tasks a bulk action is about, with the count the user was told. */
      bulk: z.object({ scope: bulkScopeSchema, count: z.number().int().min(1) }).optional(),
      ...question,
    })
    .refine((confirm) => (confirm.bulk ? confirm.tasks.length === 0 : confirm.tasks.length === 1), {
      message: "a confirmation names one task or a bulk scope",
    }),
  /** An offer to undo a delete just done (the ids it deleted), and to go on when a bulk delete stopped at its bound. */
  z.object({
    kind: z.literal("undo"),
    ids: z.array(z.uuid()).min(1).max(BULK_PER_TURN),
    more: z.object({ scope: bulkScopeSchema, count: z.number().int().min(1) }).optional(),
    ...question,
  }),
  /** An offer to show the rest of a list that was cut ("…and 12 more"). */
  z.object({
    kind: z.literal("more"),
    source: z.enum(["list", "search", "activity", "project", "filter"]),
    text: z.string().max(2000),
    shown: z.number().int().min(0),
    /** actor: whose changes an activity answer is about ("what did Sara change?"); absent: the user's own. */
    actor: z.object({ id: z.uuid(), name: z.string().max(200) }).optional(),
    ...question,
  }),
  z.object({
    kind: z.literal("choose"),
    operation: z.enum(targetedOperations),
    candidates: z.array(taskRefSchema).min(1),
    text: z.string(),
    ...question,
  }),
  /** A project, section or subtask action waiting on an answer (see organiseActionSchema). */
  z.object({
    kind: z.literal("organise"),
    step: z.enum(["create_project", "choose_project", "choose_section", "choose_task"]),
    action: organiseActionSchema,
    /** candidates: the projects (title = name) or tasks a choice is between. */
    candidates: z.array(taskRefSchema).max(10),
    ...question,
  }),
  /** A sharing action waiting on a yes (invite, remove, leave) or on a choice of project or member. */
  z.object({
    kind: z.literal("share"),
    step: z.enum(["confirm", "choose_project", "choose_person"]),
    action: shareActionSchema,
    candidates: z.array(taskRefSchema).max(10),
    ...question,
  }),
  /** An assignment or comment waiting on a choice of task or person, or offering to be taken back ("undo"). */
  z.object({
    kind: z.literal("team"),
    step: z.enum(["choose_task", "choose_person", "undo"]),
    action: teamActionSchema,
    candidates: z.array(taskRefSchema).max(10),
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
