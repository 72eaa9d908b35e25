import { isValidTimeZone } from "../../../vocabulary/time-zone";

/** ReminderContent is what a reminder says, the same in the inbox and in the email. */
export interface ReminderContent {
  subject: string;
  body: string;
}

/** formatInZone renders an instant for a person in their time zone (UTC when the zone is unknown). */
export function formatInZone(at: Date, timeZone: string): string {
  const zone = timeZone && isValidTimeZone(timeZone) ? timeZone : "UTC";
  const text = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(at);
  return `${text} (${zone})`;
}

/** composeReminder writes a reminder's subject and body from the task's title and due time. */
export function composeReminder(input: { title: string; dueAt: Date | null; timeZone: string }): ReminderContent {
  const title = input.title.trim() || "Untitled task";
  const subject = `Reminder: ${title}`;
  const body = input.dueAt
    ? `"${title}" is due ${formatInZone(input.dueAt, input.timeZone)}.`
    : `Reminder for "${title}".`;
  return { subject, body };
}
