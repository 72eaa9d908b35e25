// Needs real Postgres (npm run infra:up). Issue 10 item 1: bounded recurrence. Every rule, any input, is
// answered or refused quickly, and /healthz keeps answering while hostile rules are evaluated.
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { DescMethod } from "@bufbuild/protobuf";
import postgres from "postgres";
import { SkillService } from "../../../gen/todo/skills/v1/skill_service_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { registerSession, type Session } from "../../orchestrator/testing/session";
import { internalTokenHeader, onBehalfOfHeader } from "../../platform/rpc/clients";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { embeddedServices } from "../services";
import { callJson, type RawAnswer } from "./input-call";
import { whileProbingHealth } from "./transport-probe";

let stack: TestStack;
let user: Session;

beforeAll(async () => {
  // Every service in this process, as embedded mode runs them (the recurring consumer on the in-memory bus).
  stack = await startTestStack(
    embeddedServices.filter((factory) => factory.name !== "createWeb"),
    {
      kafka: false,
      env: {
        AUTH_LIMIT_PER_ADDRESS: "100000",
        AUTH_LIMIT_PER_ACCOUNT: "100000",
        QUOTA_TASK_CREATES_PER_HOUR: "100000",
      },
    },
  );
  user = await registerSession(stack.baseUrl);
}, 60_000);
afterAll(() => stack.stop(), 60_000);

const method = (service: { methods: DescMethod[] }, name: string) => service.methods.find((m) => m.name === name)!;
const createTask = method(TaskService, "CreateTask");
const skill = (name: string, body: unknown) =>
  callJson(stack.baseUrl, method(SkillService, name), body, {
    headers: { [internalTokenHeader]: stack.deps.internalToken, [onBehalfOfHeader]: user.userId },
  });
const create = (rrule: string) =>
  callJson(
    stack.baseUrl,
    createTask,
    { title: "hostile rule", dueAt: "2026-12-01T10:00:00Z", timeZone: "UTC", recurrence: { rrule } },
    { token: user.accessToken },
  );

/** timed runs a call and reports how long its answer took. */
async function timed(send: () => Promise<RawAnswer>): Promise<RawAnswer & { ms: number }> {
  const started = performance.now();
  const answer = await send();
  return { ...answer, ms: performance.now() - started };
}

/**
 * underAttack runs calls while a worker thread probes /healthz. The bounds: every probe answered, the
 * median under 200 ms, none stalled for seconds (unbounded, these rules held the event loop 13–19 s).
 * The machine is shared, so the figures are printed and single slow probes are not failures.
 */
async function underAttack<T>(row: string, attack: () => Promise<T>): Promise<T> {
  const { result, health } = await whileProbingHealth(`${stack.baseUrl}/healthz`, attack);
  console.log(
    `${row}: /healthz ${health.samples} probes, median ${health.medianMs.toFixed(0)} ms, max ${health.maxMs.toFixed(0)} ms`,
  );
  expect(health.samples).toBeGreaterThan(0);
  expect(health.failures).toBe(0);
  expect(health.medianMs).toBeLessThan(200);
  expect(health.maxMs).toBeLessThan(2_000);
  return result;
}

/** Answer time bound: the target is 100 ms; this bound leaves room for a loaded, shared machine and is far below the 13–19 s seen unbounded. */
const answerBoundMs = 1_000;

const never = {
  rrule: "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30",
  // The contract's own bound on instants is after 1970-01-01T00:00:00Z.
  after: "1970-01-01T00:15:00Z",
  dtstart: "1970-01-01T00:15:00Z",
  timeZone: "UTC",
};

test("NextOccurrence FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30 → InvalidArgument on rrule, quickly", async () => {
  const answer = await underAttack("NextOccurrence never-firing hourly", () =>
    timed(() => skill("NextOccurrence", never)),
  );
  console.log(`  answered ${answer.code} in ${answer.ms.toFixed(1)} ms: ${answer.message}`);
  expect(answer.code).toBe("invalid_argument");
  expect(answer.message).toContain("never fires");
  expect(answer.ms).toBeLessThan(answerBoundMs);
}, 30_000);

test("NextOccurrence plain FREQ=HOURLY from 1970, asked about 2200 → the next hour, quickly", async () => {
  const body = {
    rrule: "FREQ=HOURLY",
    dtstart: "1970-01-01T00:15:00Z",
    after: "2200-01-01T00:30:00Z",
    timeZone: "UTC",
    completedCount: 1,
  };
  const started = performance.now();
  const response = await fetch(`${stack.baseUrl}/todo.skills.v1.SkillService/NextOccurrence`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      [internalTokenHeader]: stack.deps.internalToken,
      [onBehalfOfHeader]: user.userId,
    },
    body: JSON.stringify(body),
  });
  const ms = performance.now() - started;
  const answer = (await response.json()) as { next?: string; message?: string };
  if (!answer.next) console.log(answer);
  console.log(`  answered ${response.status} in ${ms.toFixed(1)} ms`);
  expect(answer.next).toBe("2200-01-01T01:15:00Z");
  expect(ms).toBeLessThan(answerBoundMs);
});

test("NextOccurrence with dates past 2200, or COUNT expanded from 1970 to 2200 → InvalidArgument or an answer, quickly", async () => {
  const far = await timed(() =>
    skill("NextOccurrence", {
      rrule: "FREQ=HOURLY",
      dtstart: "1970-01-01T00:15:00Z",
      after: "2999-12-31T00:00:00Z",
      timeZone: "UTC",
    }),
  );
  expect(far.code).toBe("invalid_argument");
  expect(far.message).toContain("after must be within the years 1900..2200");
  const counted = await timed(() =>
    skill("NextOccurrence", {
      rrule: "FREQ=HOURLY;COUNT=1000",
      dtstart: "1970-01-01T00:15:00Z",
      after: "2200-01-01T00:00:00Z",
      timeZone: "UTC",
    }),
  );
  // The 1,000th hour of 1970 is long past 2200's question: the series has ended (or, on a starved machine, the budget refused it).
  expect(["ok", "invalid_argument"]).toContain(counted.code);
  for (const answer of [far, counted]) expect(answer.ms).toBeLessThan(answerBoundMs);
});

test("CreateTask with a rule that never fires → InvalidArgument on recurrence.rrule, each quickly", async () => {
  const rules = [
    "FREQ=DAILY;BYYEARDAY=1;BYMONTH=7", // RFC 5545 forbids BYYEARDAY with DAILY
    "FREQ=YEARLY;BYYEARDAY=1;BYMONTH=7", // reasoning: day 1 is never in July
    "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=YEARLY;BYWEEKNO=1;BYMONTH=6", // the trial expansion finds nothing within the horizon
    "FREQ=HOURLY;INTERVAL=2;BYHOUR=3", // from 10:00 every 2 hours never reaches 03:00 (the library would loop forever)
    "FREQ=MINUTELY", // below the hourly floor
  ];
  const answers = await underAttack("CreateTask never-firing rules", () =>
    Promise.all(rules.map((rule) => timed(() => create(rule)))),
  );
  answers.forEach((answer, i) => {
    console.log(`  ${rules[i]}: ${answer.code} in ${answer.ms.toFixed(1)} ms`);
    expect(answer.code).toBe("invalid_argument");
    expect(answer.ms).toBeLessThan(answerBoundMs);
  });
}, 30_000);

test("fifty hostile rules at once do not stall /healthz", async () => {
  const costly = [
    "FREQ=YEARLY;BYWEEKNO=1;BYMONTH=6",
    "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6",
    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
  ];
  const answers = await underAttack("50 hostile rules at once", () =>
    Promise.all(Array.from({ length: 50 }, (_, i) => create(costly[i % costly.length]!))),
  );
  for (const answer of answers) expect(answer.code).toBe("invalid_argument");
}, 60_000);

test("CompleteTask on a never-firing rule stored before this check: answered quickly, and the recurring consumer keeps serving others", async () => {
  const sql = postgres(stack.databaseUrl, { max: 1 });
  try {
    const legacy = (
      await user.tasks.createTask({
        title: "legacy",
        dueAt: { seconds: BigInt(Date.parse("2026-12-01T10:00:00Z") / 1000), nanos: 0 },
        recurrence: { rrule: "FREQ=DAILY" },
      })
    ).task!;
    await sql`update orchestrator.tasks set rrule = 'FREQ=DAILY;BYYEARDAY=1;BYMONTH=7' where id = ${legacy.id}`;
    const healthy = (
      await user.tasks.createTask({
        title: "healthy series",
        dueAt: { seconds: BigInt(Date.parse("2026-12-01T10:00:00Z") / 1000), nanos: 0 },
        recurrence: { rrule: "FREQ=DAILY" },
      })
    ).task!;
    await underAttack("CompleteTask on a stored never-firing rule", async () => {
      const started = performance.now();
      await user.tasks.completeTask({ id: legacy.id });
      await user.tasks.completeTask({ id: healthy.id });
      const ms = performance.now() - started;
      console.log(`  two CompleteTask calls in ${ms.toFixed(1)} ms`);
      expect(ms).toBeLessThan(2 * answerBoundMs);
      // The healthy series' next occurrence appears: the consumer was not held up by the legacy rule.
      const deadline = Date.now() + 10_000;
      let next: unknown;
      while (!next && Date.now() < deadline) {
        const rows =
          await sql`select due_at from orchestrator.tasks where series_id = ${healthy.recurrence?.seriesId ?? ""}::uuid and occurrence = 2`;
        next = rows[0]?.due_at;
        if (!next) await Bun.sleep(50);
      }
      expect(next).toEqual(new Date("2026-12-02T10:00:00Z"));
    });
  } finally {
    await sql.end();
  }
}, 60_000);
