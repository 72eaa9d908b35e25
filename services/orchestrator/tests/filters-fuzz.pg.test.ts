// Needs real Postgres. Property-based fuzz of every FilterService RPC's JSON body, with the hostile suite's tools.
import { afterAll, beforeAll, expect, test } from "bun:test";
import fc from "fast-check";
import { FilterService } from "../../../gen/todo/v1/filter_service_pb";
import { callJson } from "../../embedded/hostile/input-call";
import { bodyOf } from "../../embedded/hostile/input-fuzz-bodies";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { createSkills } from "../../skills/skills";
import { createOrchestrator } from "../orchestrator";
import { registerSession, type Session } from "../testing/session";

const seed = Number(process.env.FUZZ_SEED ?? 20261203);
const budgetMs = Number(process.env.FUZZ_MS ?? 12_000);

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
    const failures: string[] = [];
    let calls = 0;
    const call = fc.oneof(
      ...FilterService.methods.map((method) => bodyOf(method.input).map((body) => ({ method, body }))),
      filterish.map((filter) => ({ method: FilterService.method.listFilteredTasks, body: { filter } })),
    );
    await fc
      .assert(
        fc.asyncProperty(call, async ({ method, body }) => {
          calls++;
          const answer = await callJson(stack.baseUrl, method, body, { token: user.accessToken });
          if (answer.code === "internal" || answer.code === "unknown" || answer.status >= 500) {
            failures.push(
              `${method.name} ${JSON.stringify(body).slice(0, 300)} → ${answer.status} ${answer.code} ${answer.message}`,
            );
            return false;
          }
          return true;
        }),
        {
          seed,
          numRuns: 1_000_000,
          interruptAfterTimeLimit: budgetMs,
          markInterruptAsFailure: false,
          endOnFailure: true,
        },
      )
      .catch((error) => failures.push(String(error).slice(0, 2000)));
    if (failures.length) console.log(failures.join("\n"));
    console.log(`fuzz: ${calls} FilterService calls, seed ${seed}`);
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(FilterService.methods.length * 5);
  },
  budgetMs + 60_000,
);
