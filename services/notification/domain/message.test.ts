import { expect, test } from "bun:test";
import { composeReminder, formatInZone } from "./message";

test("a reminder names the task and its due time in the task's time zone", () => {
  const content = composeReminder({
    title: "Submit report",
    dueAt: new Date("2030-03-04T04:00:00Z"),
    timeZone: "Asia/Karachi",
  });
  expect(content.subject).toBe("Reminder: Submit report");
  expect(content.body).toContain("09:00");
  expect(content.body).toContain("Asia/Karachi");
});

test("an unknown time zone falls back to UTC; a missing title still reads well", () => {
  expect(formatInZone(new Date("2030-03-04T04:00:00Z"), "Mars/Olympus")).toContain("04:00 (UTC)");
  expect(composeReminder({ title: "  ", dueAt: null, timeZone: "UTC" }).subject).toBe("Reminder: Untitled task");
});
