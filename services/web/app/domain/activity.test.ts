import { expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { AuditEventSchema } from "../../../../gen/todo/v1/audit_service_pb";
import { activityFacts, subjectOf } from "./activity";

test("audit summaries lose the lead-in the event label already says", () => {
  expect(subjectOf('Task completed: "buy milk"')).toBe("buy milk");
  expect(subjectOf("Reminder delivered: “دودھ لانا”")).toBe("دودھ لانا");
  expect(subjectOf("Account registered as a@example.com")).toBe("Account registered as a@example.com");
  expect(subjectOf('Title changed: "a: b"')).toBe("a: b");
  expect(subjectOf('Reminder delivered by in_app: "stretch your legs"')).toBe("stretch your legs");
  expect(subjectOf('Reminder set for 2026-11-24T04:29:37.000Z: "stretch"')).toBe("stretch");
  expect(subjectOf("Task renamed: buy oat milk")).toBe("buy oat milk");
  // The agent that acted is its own line on the row, not the subject.
  expect(subjectOf('Project created: "Home" (by token "backup")')).toBe("Home");
  expect(subjectOf('Project created: "Home" (by MCP client "Claude", token "laptop")')).toBe("Home");
});

const event = (id: string, eventType: string, taskId: string, summary: string, payload: object) =>
  create(AuditEventSchema, {
    id,
    eventType: `todo.events.v1.${eventType}`,
    taskId,
    summary,
    payloadJson: JSON.stringify(payload),
  });

test("activity rows read title, changed fields and cancel reason from the payload (issue 13 item 8)", () => {
  const events = [
    event("3", "ReminderCancelled", "t1", "Reminder cancelled (task completed)", {
      taskId: "t1",
      reason: "REMINDER_CANCEL_REASON_TASK_COMPLETED",
    }),
    event("2", "TaskUpdated", "t1", 'Task updated: "stretch"', {
      task: { id: "t1", title: "stretch" },
      changedFields: ["title", "due_at", "reminder.remind_before"],
    }),
    event("1", "ReminderCancelled", "t9", "Reminder cancelled (removed)", { reason: "REMINDER_CANCEL_REASON_REMOVED" }),
    event("0", "TaskCreated", "t2", "broken", { task: "not an object" }),
  ];
  const facts = activityFacts(events);
  expect(facts.get("3")).toEqual({ title: "stretch", changed: [], reason: "taskCompleted" });
  expect(facts.get("2")).toEqual({ title: "stretch", changed: ["title", "due_at", "reminder"], reason: undefined });
  // No loaded event names t9: no English summary stands in for the title.
  expect(facts.get("1")!.title).toBe("");
  expect(facts.get("1")!.reason).toBe("removed");
  expect(facts.get("0")!.title).toBe("broken");
});
