import { afterAll, beforeAll, expect, test } from "bun:test";
import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { createSkills } from "../../skills/skills";
import { createOrchestrator } from "../orchestrator";
import { registerSession, type Session } from "../testing/session";

let stack: TestStack;
let session: Session;

beforeAll(async () => {
  stack = await startTestStack([createSkills, createOrchestrator], { kafka: false });
  session = await registerSession(stack.baseUrl, { timeZone: "Asia/Karachi" });
}, 60_000);
afterAll(() => stack.stop(), 60_000);

test("ParseQuickAdd returns the Task skill's fields and the spans they came from, creating nothing", async () => {
  const text = "buy milk tomorrow at 5pm #home p1";
  const parsed = await session.tasks.parseQuickAdd({
    text,
    referenceTime: timestampFromDate(new Date("2026-03-04T10:00:00Z")),
  });
  expect(parsed.title).toBe("buy milk");
  expect(parsed.tags).toEqual(["home"]);
  expect(parsed.priority).toBe(5);
  expect(timestampDate(parsed.dueAt!).toISOString()).toBe("2026-03-05T12:00:00.000Z"); // 17:00 in Karachi
  const byField = Object.fromEntries(parsed.spans.map((s) => [s.field, s.text]));
  expect(byField).toMatchObject({ title: "buy milk", due: "tomorrow at 5pm", tags: "#home", priority: "p1" });
  for (const span of parsed.spans) expect(text.slice(span.start, span.end)).toBe(span.text);
  expect((await session.tasks.listTasks({})).tasks).toHaveLength(0);
});

test("an ambiguous Urdu 'kal' with a past verb comes back as a question, not a guess", async () => {
  const parsed = await session.tasks.parseQuickAdd({
    text: "kal doodh liya tha",
    referenceTime: timestampFromDate(new Date("2026-03-04T10:00:00Z")),
  });
  expect(parsed.dueAt).toBeUndefined();
  expect(parsed.questions.length).toBeGreaterThan(0);
});

const parse = (text: string) =>
  session.tasks.parseQuickAdd({ text, referenceTime: timestampFromDate(new Date("2026-03-04T10:00:00Z")) });

test("a repeat rule that names the day also marks its first occurrence as the due time (issue 13 item 1)", async () => {
  for (const text of [
    "pay rent on the 1st of every month",
    "ہر مہینے کی یکم کو کرایہ دینا",
    "har mahine ki pehli tareekh ko kiraya dena",
  ]) {
    const parsed = await parse(text);
    // The first 1st after Wednesday 4 March, in Karachi; the rule and the due date agree.
    expect(parsed.recurrence?.rrule).toBe("FREQ=MONTHLY;BYMONTHDAY=1");
    expect(parsed.dueDateOnly).toBe(true);
    expect(timestampDate(parsed.dueAt!).toISOString()).toBe("2026-03-31T19:00:00.000Z");
    const due = parsed.spans.filter((s) => s.field === "due");
    const rule = parsed.spans.filter((s) => s.field === "recurrence");
    expect(due.length).toBeGreaterThan(0);
    expect(due.map((s) => s.text)).toEqual(rule.map((s) => s.text));
    for (const span of parsed.spans) expect(text.slice(span.start, span.end)).toBe(span.text);
    expect(parsed.title).not.toMatch(/month|mahine|مہینے|یکم/u);
  }
  // A rule with a time of its own keeps its own due span (the time), not the rule's words.
  const weekly = await parse("standup every monday at 9am");
  expect(weekly.spans.filter((s) => s.field === "due").map((s) => s.text)).toEqual(["at 9am"]);
});

test("priority markers from other apps and priority words, in three languages (issue 13 item 3)", async () => {
  const friday = await parse("submit report by friday !high");
  expect(friday).toMatchObject({ title: "submit report", priority: 4, dueDateOnly: true });
  expect(timestampDate(friday.dueAt!).toISOString()).toBe("2026-03-05T19:00:00.000Z"); // Friday in Karachi
  expect(friday.spans.find((s) => s.field === "priority")?.text).toBe("!high");
  const cases: ReadonlyArray<readonly [string, string, number]> = [
    ["pay bills !1", "pay bills", 5],
    ["pay bills !4", "pay bills", 2],
    ["water plants !low", "water plants", 2],
    ["file taxes p2", "file taxes", 4],
    ["call the bank p3", "call the bank", 3],
    ["رپورٹ بھیجنا کم ترجیح", "رپورٹ بھیجنا", 2],
    ["بل جمع کروانا بہت فوری", "بل جمع کروانا", 5],
    ["report bhejna zaroori", "report bhejna", 4],
    ["kiraya dena kam tarjeeh", "kiraya dena", 2],
  ];
  for (const [text, title, priority] of cases) expect(await parse(text)).toMatchObject({ title, priority });
});
