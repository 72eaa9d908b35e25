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

const answer = (question: string, locale: "en" | "ur" | "roman-ur" = "en"): string => {
  const result = summarizeActivityRules(events, question, locale, frame);
  return result.kind === "ok" ? result.value.answer : result.kind;
};

describe("audit agent rules", () => {
  test("yesterday is the previous local day; a task completed twice counts once", () => {
    expect(answer("what did I finish yesterday?")).toBe(
      "Yesterday you completed 2 tasks:\n• Buy milk\n• امی کو فون کرنا",
    );
  });

  test("Urdu question, Urdu answer in Urdu script (کل in a past question is yesterday)", () => {
    const urdu = "کل آپ نے 2 کام مکمل کیے:\n• \u2068Buy milk\u2069\n• \u2068امی کو فون کرنا\u2069";
    expect(answer("کل کیا مکمل کیا؟", "ur")).toBe(urdu);
    expect(answer("kal kya complete kiya?", "ur")).toBe(urdu);
  });

  test("this week starts on Monday; last week is the week before", () => {
    expect(answer("what did I complete this week")).toBe(
      "This week you completed 3 tasks:\n• Pay rent\n• Buy milk\n• امی کو فون کرنا",
    );
    expect(answer("what did I finish last week?")).toBe("Last week you completed 1 task:\n• File taxes");
  });

  test("other kinds and nothing found", () => {
    expect(answer("what did I delete today?")).toBe("Today you deleted 1 task:\n• Old idea");
    expect(answer("what did I create today?")).toBe("You didn't create any tasks today.");
    expect(answer("آج کیا بنایا؟", "ur")).toBe("آج آپ نے کوئی کام نہیں بنایا۔");
    expect(answer("what happened yesterday?")).toBe("Yesterday you completed 2 tasks:\n• Buy milk\n• امی کو فون کرنا");
  });

  test("Roman Urdu question, Roman Urdu answer; several kinds each get a header line (issue 13 item 7)", () => {
    expect(answer("kal kya complete kiya?", "roman-ur")).toBe(
      "Kal aap ne 2 kaam mukammal kiye:\n• Buy milk\n• امی کو فون کرنا",
    );
    expect(answer("aaj kya banaya?", "roman-ur")).toBe("Aaj aap ne koi kaam nahi banaya.");
    expect(answer("what happened this week?")).toBe(
      "This week you completed 3 tasks:\n• Pay rent\n• Buy milk\n• امی کو فون کرنا\nYou created 1 task:\n• Buy milk\nYou deleted 1 task:\n• Old idea",
    );
  });

  test("a long answer lists ten titles, says how many more and how to see them; a larger limit lists them all", () => {
    const many: ActivityEvent[] = Array.from({ length: 13 }, (_, i) => ({
      type: "TaskCompleted",
      occurredAt: "2026-03-04T04:00:00Z",
      taskId: `t${i}`,
      title: `task ${i + 1}`,
    }));
    const cut = summarizeActivityRules(many, "what did I finish today?", "en", frame);
    expect(cut.kind === "ok" && cut.value.omitted).toBe(3);
    const text = cut.kind === "ok" ? cut.value.answer : "";
    expect(text.split("\n")).toHaveLength(12);
    expect(text.split("\n").at(-1)).toBe("…and 3 more — say “show more” to see them.");
    const all = summarizeActivityRules(many, "what did I finish today?", "en", frame, 200);
    expect(all.kind === "ok" && all.value).toMatchObject({ omitted: 0 });
    expect(all.kind === "ok" && all.value.answer.split("\n")).toHaveLength(14);
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

describe("someone else's changes", () => {
  const about = (question: string, locale: "en" | "ur" | "roman-ur", actor: string, records = events): string => {
    const result = summarizeActivityRules(records, question, locale, frame, undefined, actor);
    return result.kind === "ok" ? result.value.answer : result.kind;
  };

  test("the name stands where 'you' would, in each language, and nothing found says so by name", () => {
    expect(about("what did Sara finish yesterday?", "en", "Sara")).toBe(
      "Yesterday Sara completed 2 tasks:\n• Buy milk\n• امی کو فون کرنا",
    );
    expect(about("سارہ نے کل کیا مکمل کیا؟", "ur", "سارہ")).toStartWith("کل \u2068سارہ\u2069 نے 2 کام مکمل کیے:");
    expect(about("Sara ne kal kya mukammal kiya?", "roman-ur", "Sara")).toStartWith(
      "Kal Sara ne 2 kaam mukammal kiye:",
    );
    expect(about("what did Sara do last month?", "en", "Sara", [])).toBe("Sara made no changes last month.");
    expect(about("what did Sara delete yesterday?", "en", "Sara")).toBe("Sara didn't delete any tasks yesterday.");
    expect(about("Sara ne pichle mahine kya kiya?", "roman-ur", "Sara", [])).toBe(
      "Pichle mahine Sara ne koi tabdeeli nahi ki.",
    );
  });
});
