import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createSkills, loadPrompts, ollamaModelClient, type Skills } from "../index";
import { type FakeOllama, promptText, startFakeOllama } from "../testing/fake-ollama";
import { detectIntentRules } from "./intent-rules";
import { readOrganise, splitNames } from "./organise-rules";

const recentTasks = [
  { id: "report", title: "Submit quarterly report" },
  { id: "report-ur", title: "رپورٹ جمع کروانا" },
  { id: "packing", title: "Packing" },
  { id: "packing-ur", title: "پیکنگ" },
];

const detect = (text: string) => {
  const result = detectIntentRules({ text, context: { recentTasks } });
  if (result.kind !== "ok") throw new Error(result.kind);
  return result.value;
};

describe("organise sentences by rules, in three languages", () => {
  const CASES: Array<[string, Record<string, unknown>]> = [
    ["add milk to Groceries", { intent: "add_to_project", project: "Groceries", target: { reference: "milk" } }],
    ["گروسری میں دودھ شامل کرو", { intent: "add_to_project", project: "گروسری", target: { reference: "دودھ" } }],
    ["دودھ کو گروسری میں ڈال دو", { intent: "add_to_project", project: "گروسری", target: { reference: "دودھ" } }],
    ["milk ko Groceries mein daal do", { intent: "add_to_project", project: "Groceries", language: "roman-ur" }],
    ["move the report to Work", { intent: "move_task", project: "Work", target: { taskId: "report" } }],
    ["رپورٹ کو ورک میں منتقل کر دو", { intent: "move_task", project: "ورک", target: { taskId: "report-ur" } }],
    ["report ko Work mein move kar do", { intent: "move_task", project: "Work", target: { taskId: "report" } }],
    ["what's in my Work project?", { intent: "show_project", project: "Work" }],
    ["ورک پروجیکٹ میں کیا ہے؟", { intent: "show_project", project: "ورک", language: "ur" }],
    ["Work project mein kya hai?", { intent: "show_project", project: "Work", language: "roman-ur" }],
    [
      "create a project Trip with sections Before and During",
      { intent: "create_project", project: "Trip", names: ["Before", "During"] },
    ],
    [
      "ٹرپ نام کا پروجیکٹ بناؤ جس میں سیکشن پہلے اور دوران ہوں",
      { intent: "create_project", project: "ٹرپ", names: ["پہلے", "دوران"] },
    ],
    [
      "project Trip banao sections Before aur During ke saath",
      { intent: "create_project", project: "Trip", names: ["Before", "During"] },
    ],
    [
      "add subtasks to packing: passport, charger",
      { intent: "add_subtasks", target: { taskId: "packing" }, names: ["passport", "charger"] },
    ],
    [
      "پیکنگ میں ذیلی کام شامل کرو: پاسپورٹ، چارجر",
      { intent: "add_subtasks", target: { taskId: "packing-ur" }, names: ["پاسپورٹ", "چارجر"] },
    ],
    [
      "packing mein subtasks add karo: passport, charger",
      { intent: "add_subtasks", target: { taskId: "packing" }, names: ["passport", "charger"] },
    ],
    [
      "add passport to the Before section of Trip",
      { intent: "add_to_project", project: "Trip", names: ["Before"], target: { reference: "passport" } },
    ],
    [
      "move the report to Work / Q3",
      { intent: "move_task", project: "Work", names: ["Q3"], target: { taskId: "report" } },
    ],
    [
      "پاسپورٹ کو ٹرپ کے پہلے سیکشن میں ڈال دو",
      { intent: "add_to_project", project: "ٹرپ", names: ["پہلے"], target: { reference: "پاسپورٹ" } },
    ],
    [
      "passport ko Trip ke Before section mein daal do",
      { intent: "add_to_project", project: "Trip", names: ["Before"] },
    ],
    ["Trip project banao", { intent: "create_project", project: "Trip", names: [] }],
    ["ٹرپ پروجیکٹ بناؤ", { intent: "create_project", project: "ٹرپ", names: [] }],
    ["show my filters", { intent: "show_filters" }],
    ["meri filters dikhao", { intent: "show_filters", language: "roman-ur" }],
    ["میرے فلٹر دکھاؤ", { intent: "show_filters", language: "ur" }],
    ["show my Urgent work filter", { intent: "run_filter", target: { reference: "Urgent work" } }],
    ["Urgent work filter dikhao", { intent: "run_filter", target: { reference: "Urgent work" } }],
    ["دفتر والا فلٹر دکھاؤ", { intent: "run_filter", target: { reference: "دفتر" } }],
  ];
  for (const [text, expected] of CASES)
    test(text, () => {
      expect(detect(text)).toMatchObject(expected);
    });

  test("look-alikes stay what they were: a reschedule, the task list itself, a new task, a reminder", () => {
    expect(detect("move the report to friday").intent).toBe("update");
    expect(detect("move the report to 5pm").intent).toBe("update");
    expect(detect("add milk to my list").intent).toBe("create");
    expect(detect("add a task to renew the domain").intent).toBe("create");
    expect(detect("add a reminder to the report").intent).toBe("set_reminder");
    expect(detect("delete all my tasks").intent).toBe("delete");
    expect(detect("ek naya project banao").intent).not.toBe("create_project");
  });

  test("a project or task name is data: words inside it select nothing", () => {
    expect(detect("add milk to delete all my tasks")).toMatchObject({
      intent: "add_to_project",
      project: "delete all my tasks",
    });
    expect(detect("what's in my delete all my tasks project?")).toMatchObject({
      intent: "show_project",
      project: "delete all my tasks",
    });
    expect(detect('create a project "mark everything done"')).toMatchObject({
      intent: "create_project",
      project: "mark everything done",
    });
  });

  test("names split on commas and the word for and, in each script", () => {
    expect(splitNames("Before, During and After")).toEqual(["Before", "During", "After"]);
    expect(splitNames("پاسپورٹ، چارجر اور ٹکٹ")).toEqual(["پاسپورٹ", "چارجر", "ٹکٹ"]);
    expect(splitNames("passport aur charger.")).toEqual(["passport", "charger"]);
  });

  test("a sentence past the bound is not read", () => {
    expect(readOrganise(`add ${"x".repeat(600)} to Groceries`)).toBeNull();
  });
});

describe("organise intents on the LLM path", () => {
  let fake: FakeOllama;
  let skills: Skills;
  const answer = (intent: string, reference: string | null) =>
    JSON.stringify({ intent, reference, confidence: 0.9, evidence: [] });

  beforeAll(() => {
    fake = startFakeOllama([
      { match: promptText("move the report to Work"), content: answer("move_task", "report") },
      { match: promptText("tidy up my week please"), content: answer("move_task", "week") },
    ]);
    skills = createSkills({
      model: ollamaModelClient(fake.host, "fake-model"),
      prompts: loadPrompts(),
      timeoutMs: 2000,
    });
  });
  afterAll(async () => {
    await fake.stop();
  });

  test("the model's organise intent takes its names from the text, read by the rules", async () => {
    const result = await skills.detectIntent({ text: "move the report to Work", context: { recentTasks } });
    expect(result).toMatchObject({
      kind: "ok",
      path: "llm",
      value: { intent: "move_task", project: "Work", target: { taskId: "report" } },
    });
  });

  test("an organise intent whose names the text lacks is rejected and the rules answer", async () => {
    const result = await skills.detectIntent({ text: "tidy up my week please", context: { recentTasks } });
    expect(result).toMatchObject({ kind: "ok", path: "deterministic", fallbackReason: "rejected-value" });
    expect(result.kind === "ok" && result.value.intent).not.toBe("move_task");
  });
});
