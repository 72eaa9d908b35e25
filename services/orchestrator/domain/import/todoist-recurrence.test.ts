import { expect, test } from "bun:test";
import { readTodoistRepeat } from "./todoist-recurrence";

// A Tuesday, 10:00 in Karachi.
const now = new Date("2026-12-01T05:00:00Z");
const read = (text: string) => readTodoistRepeat(text, "Asia/Karachi", now);

test("Todoist's recurring dates as RRULEs, first due today or on the next named day, in the zone", () => {
  expect(read("every day")).toEqual({
    rrule: "FREQ=DAILY",
    fromCompletion: false,
    dueAt: new Date("2026-11-30T19:00:00Z"),
    dueDateOnly: true,
  });
  expect(read("Every weekday at 9am")).toMatchObject({
    rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    dueAt: new Date("2026-12-01T04:00:00Z"),
    dueDateOnly: false,
  });
  expect(read("every other monday")).toMatchObject({
    rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
    dueAt: new Date("2026-12-06T19:00:00Z"),
  });
  expect(read("every mon, fri at 17:30")).toMatchObject({
    rrule: "FREQ=WEEKLY;BYDAY=MO,FR",
    dueAt: new Date("2026-12-04T12:30:00Z"),
  });
  expect(read("every 3 months")?.rrule).toBe("FREQ=MONTHLY;INTERVAL=3");
  expect(read("every! week")).toMatchObject({ rrule: "FREQ=WEEKLY", fromCompletion: true });
  expect(read("yearly")?.rrule).toBe("FREQ=YEARLY");
});

test("what is not one of those shapes is not guessed", () => {
  for (const text of ["every 3rd friday", "every day except sunday", "every 0 days", "tomorrow", "every 13pm day"]) {
    expect(read(text), text).toBeNull();
  }
});
