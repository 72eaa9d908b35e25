import { describe, expect, test } from "bun:test";
import { createSkills, loadPrompts } from "../index";
import type { ModelClient } from "../shared/types";
import { writeQuery } from "./filter-intent";
import { writeFilterRules } from "./filter-rules";

const tags = ["work", "home", "side project"];
const projects = ["Groceries", "Trip 2027"];
const query = (text: string) => {
  const result = writeFilterRules(text, tags, projects);
  return result.kind === "ok" ? result.value.query : result.kind;
};

describe("filter agent rules", () => {
  test("English", () => {
    expect(query("my urgent work stuff this week")).toBe("due before: +7 days & p1 & #work");
    expect(query("overdue or today at home")).toBe("(overdue | today) & #home");
    expect(query("tasks without a date")).toBe("no date");
    expect(query("completed work tasks")).toBe("#work & completed");
    expect(query("what's left in Groceries")).toBe("project: Groceries");
    expect(query("anything about milk")).toBe("search: milk");
    expect(query('tasks that say "call mom"')).toBe("search: call mom");
    expect(query("important side project things next week")).toBe(
      '(due after: +6 days & due before: +14 days) & p2 & #"side project"',
    );
    expect(query("recurring home chores")).toBe("#home & recurring");
    expect(query("Trip 2027 project tomorrow")).toBe("tomorrow & project: Trip 2027");
  });

  test("Urdu", () => {
    expect(query("آج اور کل کے ضروری کام")).toBe("(today | tomorrow) & p2");
    expect(query("زائد المیعاد فوری کام")).toBe("overdue & p1");
    expect(query("بغیر تاریخ کے کام")).toBe("no date");
    expect(query("اس ہفتے کے work کام")).toBe("due before: +7 days & #work");
  });

  test("Roman Urdu", () => {
    expect(query("aaj ke zaroori kaam")).toBe("today & p2");
    expect(query("is hafte ke home wale kaam")).toBe("due before: +7 days & #home");
    expect(query("kal ke fori kaam")).toBe("tomorrow & p1");
    expect(query("jo kaam reh gaye")).toBe("overdue");
  });

  test("a sentence naming nothing a filter tests is invalid, not a guess", () => {
    expect(query("hello there")).toBe("invalid");
    expect(query("kya haal hai")).toBe("invalid");
  });

  test("values the language would misread are quoted", () => {
    expect(
      writeQuery({
        periods: [],
        priorities: [],
        tags: ['a&b "x"'],
        projects: ["Work (old)"],
        completed: false,
        recurring: false,
        search: "",
      }),
    ).toBe('#"a&b \\"x\\"" & project: "Work (old)"');
  });
});

describe("filter agent LLM path", () => {
  const answering = (answer: object): ModelClient => ({ chat: async () => JSON.stringify(answer) });
  const intent = {
    found: true,
    periods: ["today"],
    priorities: ["urgent"],
    tags: ["work"],
    projects: [],
    completed: false,
    recurring: false,
    search: "",
    confidence: 0.9,
    evidence: [{ field: "priorities", text: "urgent" }],
  };

  test("the model's intent becomes the query; the model never writes syntax", async () => {
    const skills = createSkills({ model: answering(intent), prompts: loadPrompts() });
    const result = await skills.writeFilter({ text: "urgent work today", tags: ["work"], projects: [] });
    expect(result).toMatchObject({ kind: "ok", path: "llm", value: { query: "today & p1 & #work", language: "en" } });
  });

  test("a tag the user has not got and the text does not name is refused; the rules answer", async () => {
    const skills = createSkills({ model: answering({ ...intent, tags: ["secret"] }), prompts: loadPrompts() });
    const result = await skills.writeFilter({ text: "urgent work today", tags: ["work"], projects: [] });
    expect(result).toMatchObject({
      kind: "ok",
      path: "deterministic",
      fallbackReason: "rejected-value",
      value: { query: "today & p1 & #work" },
    });
  });

  test("bad input is invalid, not a throw", async () => {
    const skills = createSkills({ prompts: loadPrompts() });
    expect((await skills.writeFilter({ text: "", tags: [], projects: [] })).kind).toBe("invalid");
  });
});
