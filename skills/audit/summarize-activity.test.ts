import { describe, expect, test } from "bun:test";
import type { DateFrame } from "../shared/dates/date-finding";
import { makeFrame } from "../shared/frame";
import type { ActivityEvent } from "./schema";
import { summarizeActivityRules } from "./summarize-activity";

const frame = makeFrame(new Date("2026-03-04T05:00:00Z"), "Asia/Karachi") as DateFrame; // Wed 10:00

const events: ActivityEvent[] = [
  { type: "TaskCreated", occurredAt: "2026-03-02T06:00:00Z", taskId: "a", title: "Buy milk" },
  { type: "TaskCompleted", occurredAt: "2026-03-03T04:00:00Z", taskId: "a", title: "Buy milk" },
  { type: "todo.events.v1.TaskCompleted", occurredAt: "2026-03-03T12:00:00Z", taskId: "b", title: "امی کو فون کرنا" },
  { type: "TaskCompleted", occurredAt: "2026-03-03T12:30:00Z", taskId: "b", title: "امی کو فون کرنا" },
  { type: "TaskCompleted", occurredAt: "2026-03-02T18:59:00Z", taskId: "c", title: "Pay rent" }, // Mon 23:59 local
  { type: "TaskDeleted", occurredAt: "2026-03-04T04:00:00Z", taskId: "d", title: "Old idea" },
  { type: "TaskCompleted", occurredAt: "2026-02-25T04:00:00Z", taskId: "e", title: "File taxes" },
];

const answer = (question: string, locale: "en" | "ur" = "en"): string => {
  const result = summarizeActivityRules(events, question, locale, frame);
  return result.kind === "ok" ? result.value.answer : result.kind;
};

describe("audit agent rules", () => {
  test("yesterday is the previous local day; a task completed twice counts once", () => {
    expect(answer("what did I finish yesterday?")).toBe(
      "Yesterday you completed 2 tasks: Buy milk and امی کو فون کرنا.",
    );
  });

  test("Urdu question, Urdu answer in Urdu script (کل in a past question is yesterday)", () => {
    expect(answer("کل کیا مکمل کیا؟", "ur")).toBe("کل آپ نے 2 کام مکمل کیے: Buy milk اور امی کو فون کرنا۔");
    expect(answer("kal kya complete kiya?", "ur")).toBe("کل آپ نے 2 کام مکمل کیے: Buy milk اور امی کو فون کرنا۔");
  });

  test("this week starts on Monday; last week is the week before", () => {
    expect(answer("what did I complete this week")).toBe(
      "This week you completed 3 tasks: Pay rent, Buy milk and امی کو فون کرنا.",
    );
    expect(answer("what did I finish last week?")).toBe("Last week you completed 1 task: File taxes.");
  });

  test("other kinds and nothing found", () => {
    expect(answer("what did I delete today?")).toBe("Today you deleted 1 task: Old idea.");
    expect(answer("what did I create today?")).toBe("You didn't create any tasks today.");
    expect(answer("آج کیا بنایا؟", "ur")).toBe("آج آپ نے کوئی کام نہیں بنایا۔");
    expect(answer("what happened yesterday?")).toBe("Yesterday you completed 2 tasks: Buy milk and امی کو فون کرنا.");
  });

  test("spans mark the period and kind words used", () => {
    const question = "what did I finish yesterday?";
    const result = summarizeActivityRules(events, question, "en", frame);
    expect(result.kind === "ok" && result.spans.map((s) => [s.field, question.slice(s.start, s.end)])).toEqual([
      ["kind", "finish"],
      ["range", "yesterday"],
    ]);
  });
});
