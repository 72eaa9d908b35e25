import type { AuditEvent } from "../../../../gen/todo/v1/audit_service_pb";

/**
 * subjectOf keeps what an audit summary is about: the quoted task title at its end
 * (`Reminder delivered by in_app: "buy milk"` → buy milk), else the text after a short lead-in. The
 * event's label already says what happened, in the user's language. Other summaries pass unchanged.
 */
export function subjectOf(summary: string): string {
  const quoted = /["“]([^"”]+)["”]\s*$/u.exec(summary.replace(agentSuffix, ""));
  if (quoted) return quoted[1]!;
  return summary.replace(/^[\p{L} ]{1,40}:\s*/u, "");
}

/** agentSuffix is the audit service's note of the agent that acted (` (by token "x")`), shown apart from the subject. */
const agentSuffix = / \(by (?:token|MCP client)\b.*\)$/u;

/** CancelReason is why a reminder was cancelled, as the activity row says it in the user's language. */
type CancelReason = "removed" | "taskCompleted" | "taskDeleted";

/** ActivityFacts are what one activity row shows besides its event label and time. */
export interface ActivityFacts {
  /** title is the task's title, or "" when the event does not carry it and no other loaded event does. */
  title: string;
  /** changed lists the task fields an update changed (request field names: "title", "due_at", …). */
  changed: string[];
  reason?: CancelReason;
}

const reasons: Record<string, CancelReason> = {
  REMINDER_CANCEL_REASON_REMOVED: "removed",
  REMINDER_CANCEL_REASON_TASK_COMPLETED: "taskCompleted",
  REMINDER_CANCEL_REASON_TASK_DELETED: "taskDeleted",
};

const shortType = (eventType: string) => eventType.slice(eventType.lastIndexOf(".") + 1);

/** payloadOf reads the event's JSON payload as data; a payload that does not parse contributes nothing. */
function payloadOf(event: AuditEvent): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(event.payloadJson || "{}");
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");

function ownTitle(payload: Record<string, unknown>): string {
  const task = payload.task;
  if (task && typeof task === "object") return text((task as Record<string, unknown>).title);
  return text(payload.title);
}

/**
 * activityFacts reads each event's title, changed fields and cancel reason from its payload (not the
 * English summary). An event without a title (a cancelled reminder) borrows the title another loaded
 * event of the same task carries.
 */
export function activityFacts(events: readonly AuditEvent[]): Map<string, ActivityFacts> {
  const payloads = new Map(events.map((event) => [event.id, payloadOf(event)]));
  const titles = new Map<string, string>();
  for (const event of events) {
    const title = ownTitle(payloads.get(event.id)!);
    if (title && event.taskId && !titles.has(event.taskId)) titles.set(event.taskId, title);
  }
  const facts = new Map<string, ActivityFacts>();
  for (const event of events) {
    const payload = payloads.get(event.id)!;
    const changed = Array.isArray(payload.changedFields) ? payload.changedFields.map(text).filter(Boolean) : [];
    facts.set(event.id, {
      title:
        ownTitle(payload) ||
        titles.get(event.taskId) ||
        (shortType(event.eventType) === "ReminderCancelled" ? "" : subjectOf(event.summary)),
      changed: [...new Set(changed.map((field) => field.split(".")[0]!))],
      reason: reasons[text(payload.reason)],
    });
  }
  return facts;
}
