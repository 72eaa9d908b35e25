/**
 * The event types a webhook endpoint can subscribe to, each the integration event (todo.events.v1) it is
 * sent for. The name is the Standard Webhooks payload's `type`; the web app lists the same set.
 */
export const webhookEventTypes = [
  { type: "task.created", event: "todo.events.v1.TaskCreated" },
  { type: "task.updated", event: "todo.events.v1.TaskUpdated" },
  { type: "task.completed", event: "todo.events.v1.TaskCompleted" },
  { type: "task.reopened", event: "todo.events.v1.TaskReopened" },
  { type: "task.deleted", event: "todo.events.v1.TaskDeleted" },
  { type: "task.restored", event: "todo.events.v1.TaskRestored" },
  { type: "task.moved", event: "todo.events.v1.TaskMoved" },
  { type: "project.created", event: "todo.events.v1.ProjectCreated" },
  { type: "project.updated", event: "todo.events.v1.ProjectUpdated" },
  { type: "project.archived", event: "todo.events.v1.ProjectArchived" },
  { type: "project.unarchived", event: "todo.events.v1.ProjectUnarchived" },
  { type: "project.deleted", event: "todo.events.v1.ProjectDeleted" },
  { type: "project.restored", event: "todo.events.v1.ProjectRestored" },
  { type: "reminder.delivered", event: "todo.events.v1.ReminderDelivered" },
  { type: "recurring.generated", event: "todo.events.v1.RecurringTaskGenerated" },
] as const;

/** webhookHistoryDays is how long, by default, the webhooks service keeps events for a replay (WEBHOOKS_HISTORY_DAYS). */
export const webhookHistoryDays = 7;

/** WebhookEventType is one subscribable name, e.g. "task.completed". */
export type WebhookEventType = (typeof webhookEventTypes)[number]["type"];

const byName: ReadonlySet<string> = new Set(webhookEventTypes.map((entry) => entry.type));

/** isWebhookEventType tells a known subscribable name from anything else. */
export const isWebhookEventType = (name: string): name is WebhookEventType => byName.has(name);
