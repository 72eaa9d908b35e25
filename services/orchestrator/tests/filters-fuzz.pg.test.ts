// Needs real Postgres. Property-based fuzz of every FilterService RPC's JSON body, with the hostile suite's tools.
import { afterAll, beforeAll, expect, test } from "bun:test";
import fc from "fast-check";
import { FilterService } from "../../../gen/todo/v1/filter_service_pb";
import { bodyOf } from "../../embedded/hostile/input-fuzz-bodies";
import { fuzzBudgetMs, fuzzJsonCalls, fuzzSeed } from "../../embedded/hostile/input-fuzz-run";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { createSkills } from "../../skills/skills";
import { createOrchestrator } from "../orchestrator";
import { registerSession, type Session } from "../testing/session";

const seed = fuzzSeed;
const budgetMs = fuzzBudgetMs(12_000);

let stack: TestStack;
let user: Session;

beforeAll(async () => {
  stack = await startTestStack([createSkills, createOrchestrator], { kafka: false });
  user = await registerSession(stack.baseUrl);
  await user.tasks.createTask({ title: "something", tags: ["home"], dueAt: { seconds: 2_000_000_000n } });
}, 60_000);
afterAll(() => stack.stop(), 60_000);

// Filter-shaped strings reach the parser and the SQL more often than random text does.
const filterish = fc
  .array(
    fc.constantFrom("today", "overdue", "no date", "due before: +3 days", "#home", "p1", "project: x", "search: a"),
    { maxLength: 6 },
  )
  .chain((terms) =>
    fc
      .array(fc.constantFrom(" & ", " | ", " & !", ")", "(", " "), { minLength: terms.length, maxLength: terms.length })
      .map((ops) => terms.map((t, i) => `${ops[i]}${t}`).join("")),
  );

test(
  `every FilterService RPC answers any JSON body without Internal or Unknown (seed ${seed}, ${budgetMs / 1000} s)`,
  async () => {
    const { failures, calls } = await fuzzJsonCalls({
      baseUrl: stack.baseUrl,
      token: user.accessToken,
      call: fc.oneof(
        ...FilterService.methods.map((method) => bodyOf(method.input).map((body) => ({ method, body }))),
        filterish.map((filter) => ({ method: FilterService.method.listFilteredTasks, body: { filter } })),
      ),
      budgetMs,
    });
    console.log(`fuzz: ${calls} FilterService calls, seed ${seed}`);
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(FilterService.methods.length * 5);
  },
  budgetMs + 60_000,
);
