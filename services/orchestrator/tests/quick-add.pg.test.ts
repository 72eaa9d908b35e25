import { afterAll, beforeAll, expect, test } from "bun:test";
import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { createSkillsService } from "../../skills/skills";
import { createOrchestrator } from "../orchestrator";
import { registerSession, type Session } from "../testing/session";

let stack: TestStack;
let session: Session;

beforeAll(async () => {
  stack = await startTestStack([createSkillsService, createOrchestrator], { kafka: false });
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
