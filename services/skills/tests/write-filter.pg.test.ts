import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Client } from "@connectrpc/connect";
import { Outcome, SkillPath } from "../../../gen/todo/skills/v1/skill_pb";
import type { SkillService } from "../../../gen/todo/skills/v1/skill_service_pb";
import { emptyFilterIntent } from "../../../skills/filter/filter-intent";
import { type FakeOllama, promptText as text } from "../../../skills/testing/fake-ollama";
import { type SkillStacks, startSkillStacks } from "../testing/skill-stacks";

const intent = (overrides: Record<string, unknown>) =>
  JSON.stringify({
    found: true,
    ...emptyFilterIntent(),
    confidence: 0.9,
    evidence: [],
    ...overrides,
  });

let stacks: SkillStacks;
let fake: FakeOllama;
let llm: Client<typeof SkillService>;
let rules: Client<typeof SkillService>;
const names = { tags: ["work", "home"], projects: ["Groceries"] };

beforeAll(async () => {
  stacks = await startSkillStacks(
    [
      {
        match: text("my urgent work stuff this week"),
        content: intent({
          periods: ["this_week"],
          priorities: ["urgent"],
          tags: ["work"],
          confidence: 0.93,
          evidence: [{ field: "tags", text: "work" }],
        }),
      },
      // A tag the user does not have and the sentence does not name: refused, the rules answer.
      { match: text("work stuff today"), content: intent({ periods: ["today"], tags: ["payroll"] }) },
      { match: text("Groceries mein kya bacha hai"), content: "{not json" },
    ],
    { timeoutMs: 2000 },
  );
  ({ fake, llm, rules } = stacks);
}, 60_000);
afterAll(() => stacks?.stop(), 60_000);

test("WriteFilter on the LLM path: the model's intent becomes the query (the model writes no syntax)", async () => {
  const response = await llm.writeFilter({ text: "my urgent work stuff this week", ...names });
  expect(response).toMatchObject({ query: "due before: +7 days & p1 & #work", language: "en" });
  expect(response.meta).toMatchObject({ outcome: Outcome.OK, path: SkillPath.LLM, confidence: 0.93 });
  const sent = fake.received.find((chat) => chat.prompt.includes("my urgent work stuff this week"));
  expect(sent?.prompt).toContain('the user\'s tags: ["work","home"]');
  expect(sent?.format).toMatchObject({ type: "object", required: expect.arrayContaining(["periods", "tags"]) });
});

test("an invented tag is refused and the rules answer; so is malformed JSON", async () => {
  const invented = await llm.writeFilter({ text: "work stuff today", ...names });
  expect(invented.meta).toMatchObject({ path: SkillPath.DETERMINISTIC, reason: "rejected-value" });
  expect(invented.query).toBe("today & #work");
  const malformed = await llm.writeFilter({ text: "Groceries mein kya bacha hai", ...names });
  expect(malformed.meta).toMatchObject({ path: SkillPath.DETERMINISTIC, reason: "malformed-json" });
  expect(malformed).toMatchObject({ query: "project: Groceries", language: "roman-ur" });
});

test("without a model the rules answer over gRPC, in Urdu too; nothing to filter is an invalid outcome", async () => {
  const urdu = await rules.writeFilter({ text: "آج کے ضروری home کام", ...names });
  expect(urdu).toMatchObject({ query: "today & p2 & #home", language: "ur" });
  expect(urdu.meta).toMatchObject({ outcome: Outcome.OK, path: SkillPath.DETERMINISTIC, reason: "no-model" });
  const nothing = await rules.writeFilter({ text: "hello there", ...names });
  expect(nothing.query).toBe("");
  expect(nothing.meta?.outcome).toBe(Outcome.INVALID);
});
