// Needs real Postgres (npm run infra:up). Issue 10 item 1: bounded recurrence. Every rule, any input, is
// answered or refused quickly, and /healthz keeps answering while hostile rules are evaluated.
import { afterAll, beforeAll, expect, test } from "bun:test";
import postgres from "postgres";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { acceptRule, expansionLimits, nextOccurrence, RuleError } from "../../../vocabulary/recurrence/expand";
import { internalTokenHeader, onBehalfOfHeader } from "../../platform/rpc/clients";
import { callSkill, type HostileStack, startHostileStack } from "./hostile-stack";
import { callJson, type RawAnswer } from "./input-call";
import { expectHealthy, whileProbingHealth } from "./transport-probe";

let hostile: HostileStack;

beforeAll(async () => {
  // Every service in this process, as embedded mode runs them (the recurring consumer on the in-memory bus).
  hostile = await startHostileStack({ QUOTA_TASK_CREATES_PER_HOUR: "100000" });
}, 60_000);
afterAll(() => hostile.stack.stop(), 60_000);

const createTask = TaskService.method.createTask;
const skill = (name: string, body: unknown) => callSkill(hostile, name, body);
const create = (rrule: string) =>
  callJson(
    hostile.stack.baseUrl,
    createTask,
    { title: "hostile rule", dueAt: "2026-12-01T10:00:00Z", timeZone: "UTC", recurrence: { rrule } },
    { token: hostile.user.accessToken },
  );

/** underAttack runs calls while a worker thread probes /healthz, which must stay within healthBoundMs (under 200 ms). */
async function underAttack<T>(row: string, attack: () => Promise<T>): Promise<T> {
  const { result, health } = await whileProbingHealth(`${hostile.stack.baseUrl}/healthz`, attack);
  expectHealthy(row, health);
  return result;
}

/**
 * The bound, "any rule, any input: answer within 100 ms", asserted so that a loaded, shared machine
 * does not fail it: the median of `tries` sequential answers may exceed the median of the same call with a
 * plain rule (which pays the same request, auth and scheduling) by at most `answerBoundMs`; no answer may
 * take a second (unbounded: 13–19 s). The rule's own cost is bounded in CPU time by the last test.
 */
const answerBoundMs = 100;
const tries = 5;

interface Timed {
  code: string;
  message?: string;
  medianMs: number;
  maxMs: number;
}

/** answered sends a call `tries` times, one after another, and reports its code and the median and slowest times. */
async function answered(send: () => Promise<Pick<RawAnswer, "code" | "message">>): Promise<Timed> {
  const times: number[] = [];
  let last: Pick<RawAnswer, "code" | "message"> | undefined;
  for (let i = 0; i < tries; i++) {
    const started = performance.now();
    last = await send();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { code: last!.code, message: last!.message, medianMs: times[Math.floor(tries / 2)]!, maxMs: times.at(-1)! };
}

/**
 * expectWithinBound checks a hostile call's times against the same call's with a plain rule. A rule
 * refused by reasoning (never fires, unreachable hour, absurd date, below the hourly floor) costs next
 * to nothing, and its added median is held to 100 ms. A rule that needs expanding (a COUNT walked from
 * 1970, a search to the horizon) costs up to the expansion budget of its own running time, which a
 * starved CPU stretches in wall time (load 9–16 on this machine: 25 ms of CPU took 60–160 ms): its bound
 * is asserted in CPU time by the last test, and its wall time here is printed.
 */
function expectWithinBound(row: string, hostile: Timed, plain: Timed, cost: "reasoned" | "expanded"): void {
  const added = hostile.medianMs - plain.medianMs;
  const budgetReached = hostile.message?.includes("too costly") ?? false;
  console.log(
    `  ${row}: ${hostile.code}, median ${hostile.medianMs.toFixed(1)} ms (slowest ${hostile.maxMs.toFixed(1)}); plain rule ${plain.medianMs.toFixed(1)} ms${budgetReached ? "; stopped by the expansion budget" : ""}`,
  );
  if (cost === "reasoned") expect(added).toBeLessThan(answerBoundMs);
  expect(hostile.maxMs).toBeLessThan(1_000);
}

const never = {
  rrule: "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30",
  // The contract's own bound on instants is after 1970-01-01T00:00:00Z.
  after: "1970-01-01T00:15:00Z",
  dtstart: "1970-01-01T00:15:00Z",
  timeZone: "UTC",
};

test("NextOccurrence FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30 → InvalidArgument on rrule, quickly", async () => {
  const plain = await answered(() => skill("NextOccurrence", { ...never, rrule: "FREQ=HOURLY" }));
  const answer = await underAttack("NextOccurrence never-firing hourly", () =>
    answered(() => skill("NextOccurrence", never)),
  );
  expectWithinBound(never.rrule, answer, plain, "reasoned");
  expect(answer.code).toBe("invalid_argument");
  expect(answer.message).toContain("never fires");
}, 30_000);

test("NextOccurrence plain FREQ=HOURLY from 1970, asked about 2200 → the next hour, quickly", async () => {
  const body = {
    rrule: "FREQ=HOURLY",
    dtstart: "1970-01-01T00:15:00Z",
    after: "2200-01-01T00:30:00Z",
    timeZone: "UTC",
    completedCount: 1,
  };
  const next = async () => {
    const response = await fetch(`${hostile.stack.baseUrl}/todo.skills.v1.SkillService/NextOccurrence`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        [internalTokenHeader]: hostile.stack.deps.internalToken,
        [onBehalfOfHeader]: hostile.user.userId,
      },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { next?: string; message?: string };
  };
  const answer = await next();
  if (!answer.next) console.log(answer);
  expect(answer.next).toBe("2200-01-01T01:15:00Z");
  const far = await answered(async () => {
    const { next: at, message = "" } = await next();
    return { code: at ? "ok" : "failed", message };
  });
  const plain = await answered(() => skill("NextOccurrence", { ...body, dtstart: "2199-12-31T00:15:00Z" }));
  // Windowed: the search starts at the period holding `after`, not at 1970.
  expectWithinBound("FREQ=HOURLY from 1970 asked about 2200", far, plain, "reasoned");
});

test("NextOccurrence with dates past 2200, or COUNT expanded from 1970 to 2200 → InvalidArgument or an answer, quickly", async () => {
  const far = await answered(() =>
    skill("NextOccurrence", {
      rrule: "FREQ=HOURLY",
      dtstart: "1970-01-01T00:15:00Z",
      after: "2999-12-31T00:00:00Z",
      timeZone: "UTC",
    }),
  );
  expect(far.code).toBe("invalid_argument");
  expect(far.message).toContain("after must be within the years 1900..2200");
  const counted = await answered(() =>
    skill("NextOccurrence", {
      rrule: "FREQ=HOURLY;COUNT=1000",
      dtstart: "1970-01-01T00:15:00Z",
      after: "2200-01-01T00:00:00Z",
      timeZone: "UTC",
    }),
  );
  // The 1,000th hour of 1970 is long past 2200's question: the series has ended (or, on a starved machine, the budget refused it).
  expect(["ok", "invalid_argument"]).toContain(counted.code);
  const plain = await answered(() =>
    skill("NextOccurrence", {
      rrule: "FREQ=HOURLY",
      dtstart: "2199-12-31T00:15:00Z",
      after: "2200-01-01T00:00:00Z",
      timeZone: "UTC",
    }),
  );
  expectWithinBound("after past 2200", far, plain, "reasoned");
  expectWithinBound("COUNT=1000 from 1970 asked about 2200", counted, plain, "expanded");
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
  // The plain rule is accepted: its time includes the insert and outbox rows the refused ones never reach.
  const plain = await answered(() => create("FREQ=DAILY"));
  expect(plain.code).toBe("ok");
  const answers = await underAttack("CreateTask never-firing rules", async () => {
    const timed: Timed[] = [];
    for (const rule of rules) timed.push(await answered(() => create(rule)));
    return timed;
  });
  answers.forEach((answer, i) => {
    // BYWEEKNO=1 with BYMONTH=6 is refused by a trial expansion to the horizon; the others by reasoning.
    expectWithinBound(rules[i]!, answer, plain, rules[i]!.includes("BYWEEKNO") ? "expanded" : "reasoned");
    expect(answer.code).toBe("invalid_argument");
  });
}, 60_000);

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
  const sql = postgres(hostile.stack.databaseUrl, { max: 1 });
  try {
    const legacy = (
      await hostile.user.tasks.createTask({
        title: "legacy",
        dueAt: { seconds: BigInt(Date.parse("2026-12-01T10:00:00Z") / 1000), nanos: 0 },
        recurrence: { rrule: "FREQ=DAILY" },
      })
    ).task!;
    await sql`update orchestrator.tasks set rrule = 'FREQ=DAILY;BYYEARDAY=1;BYMONTH=7' where id = ${legacy.id}`;
    const healthy = (
      await hostile.user.tasks.createTask({
        title: "healthy series",
        dueAt: { seconds: BigInt(Date.parse("2026-12-01T10:00:00Z") / 1000), nanos: 0 },
        recurrence: { rrule: "FREQ=DAILY" },
      })
    ).task!;
    await underAttack("CompleteTask on a stored never-firing rule", async () => {
      const started = performance.now();
      await hostile.user.tasks.completeTask({ id: legacy.id });
      await hostile.user.tasks.completeTask({ id: healthy.id });
      const ms = performance.now() - started;
      console.log(`  two CompleteTask calls in ${ms.toFixed(1)} ms`);
      expect(ms).toBeLessThan(2_000);
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

test("each hostile rule's own evaluation stays within the expansion budget: under 100 ms of CPU, median of 5", async () => {
  const start = new Date("2026-12-01T10:00:00Z");
  const queries: [string, () => Promise<unknown>][] = [
    [
      never.rrule,
      async () => nextOccurrence({ ...never, after: new Date(never.after), dtstart: new Date(never.dtstart) }),
    ],
    [
      "FREQ=HOURLY from 1970 asked about 2200",
      async () =>
        nextOccurrence({
          rrule: "FREQ=HOURLY",
          dtstart: new Date("1970-01-01T00:15:00Z"),
          after: new Date("2200-01-01T00:30:00Z"),
          timeZone: "UTC",
          completedCount: 1,
        }),
    ],
    [
      "FREQ=HOURLY;COUNT=1000 from 1970 asked about 2200",
      async () =>
        nextOccurrence({
          rrule: "FREQ=HOURLY;COUNT=1000",
          dtstart: new Date("1970-01-01T00:15:00Z"),
          after: new Date("2200-01-01T00:00:00Z"),
          timeZone: "UTC",
        }),
    ],
    ...[
      "FREQ=DAILY;BYYEARDAY=1;BYMONTH=7",
      "FREQ=YEARLY;BYWEEKNO=1;BYMONTH=6",
      "FREQ=HOURLY;INTERVAL=2;BYHOUR=3",
      "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6",
      "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
    ].map((rule): [string, () => Promise<unknown>] => [rule, () => acceptRule(rule, { start, timeZone: "UTC" })]),
  ];
  for (const [row, evaluate] of queries) {
    const cpu: number[] = [];
    const wall: number[] = [];
    for (let i = 0; i < tries; i++) {
      const cpuBefore = process.cpuUsage();
      const wallBefore = performance.now();
      await evaluate().catch((error: unknown) => {
        if (!(error instanceof RuleError)) throw error;
      });
      wall.push(performance.now() - wallBefore);
      const used = process.cpuUsage(cpuBefore);
      cpu.push((used.user + used.system) / 1000);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    console.log(`  ${row}: CPU median ${median(cpu).toFixed(1)} ms, wall median ${median(wall).toFixed(1)} ms`);
    expect(median(cpu)).toBeLessThan(answerBoundMs);
  }
  // The budget that makes it so: an expansion stops as "too costly" after a fixed amount of work (chunks of
  // the search), the same on any machine; the wall-clock ceiling is only a guard far above it.
  expect(expansionLimits.maxChunks).toBeLessThanOrEqual(64);
});
