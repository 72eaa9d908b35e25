import { expect, test } from "bun:test";
import { subjectOf } from "./activity";

test("audit summaries lose the lead-in the event label already says", () => {
  expect(subjectOf('Task completed: "buy milk"')).toBe("buy milk");
  expect(subjectOf("Reminder delivered: “دودھ لانا”")).toBe("دودھ لانا");
  expect(subjectOf("Account registered as a@example.com")).toBe("Account registered as a@example.com");
  expect(subjectOf('Title changed: "a: b"')).toBe("a: b");
  expect(subjectOf('Reminder delivered by in_app: "stretch your legs"')).toBe("stretch your legs");
  expect(subjectOf('Reminder set for 2026-11-24T04:29:37.000Z: "stretch"')).toBe("stretch");
  expect(subjectOf("Task renamed: buy oat milk")).toBe("buy oat milk");
});
