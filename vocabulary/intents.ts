/**
 * The intents the intent agent (skills/intent) detects and the chat (orchestrator chat/) acts on: one list,
 * so an intent added here is known to both.
 */

/** projectIntents are the intents about projects, sections and subtasks (the chat may ask before acting on them). */
export const projectIntents = [
  "add_to_project",
  "move_task",
  "show_project",
  "create_project",
  "add_subtasks",
] as const;

/** organiseIntents are the project intents and those about saved filters. */
export const organiseIntents = [...projectIntents, "show_filters", "run_filter"] as const;

/** shareIntents are the intents about who shares a project (issue 15); the chat confirms before changing membership. */
export const shareIntents = ["share_project", "list_members", "remove_member", "leave_project"] as const;

/**
 * teamIntents are about working together on a task (issue 15): assign it to a person, comment on it, and ask what a
 * person changed. The person is resolved by the chat among the people of the user's shared projects, never guessed.
 */
export const teamIntents = ["assign_task", "comment", "person_activity"] as const;

/** intentNames are every intent, the organise ones, then the share ones, then the team ones, last. */
export const intentNames = [
  "create",
  "update",
  "complete",
  "delete",
  "list",
  "search",
  "set_reminder",
  "make_recurring",
  "activity",
  "help",
  "smalltalk",
  "confirm",
  "deny",
  ...organiseIntents,
  ...shareIntents,
  ...teamIntents,
] as const;

/** IntentName is one intent, e.g. "set_reminder". */
export type IntentName = (typeof intentNames)[number];
