import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { codeOf } from "../../platform/testing/outcome";
import { createOrchestrator } from "../orchestrator";
import { registerSession, type Session } from "../testing/session";

let stack: TestStack;
let alice: Session;
let bob: Session;

beforeAll(async () => {
  stack = await startTestStack([createOrchestrator], { kafka: false });
  [alice, bob] = await Promise.all([registerSession(stack.baseUrl), registerSession(stack.baseUrl)]);
}, 60_000);
afterAll(() => stack.stop(), 60_000);

test("another user's task id answers NotFound on every id-taking RPC, and the task is unchanged", async () => {
  const { task } = await alice.tasks.createTask({
    title: "alice's secret",
    tags: ["private"],
    dueAt: { seconds: 2_000_000_000n },
  });
  const id = task!.id;
  const attempts: Record<string, () => Promise<unknown>> = {
    GetTask: () => bob.tasks.getTask({ id }),
    UpdateTask: () => bob.tasks.updateTask({ id, updateMask: { paths: ["title"] }, title: "pwned" }),
    CompleteTask: () => bob.tasks.completeTask({ id }),
    ReopenTask: () => bob.tasks.reopenTask({ id }),
    DeleteTask: () => bob.tasks.deleteTask({ id }),
    RestoreTask: () => bob.tasks.restoreTask({ id }),
  };
  const codes: Record<string, string> = {};
  for (const [rpc, call] of Object.entries(attempts)) codes[rpc] = await codeOf(call());
  expect(codes).toEqual({
    GetTask: "NotFound",
    UpdateTask: "NotFound",
    CompleteTask: "NotFound",
    ReopenTask: "NotFound",
    DeleteTask: "NotFound",
    RestoreTask: "NotFound",
  });
  const { task: after } = await alice.tasks.getTask({ id });
  expect(after).toEqual(task!);
  expect((await bob.tasks.listTasks({})).tasks).toHaveLength(0);
  expect((await bob.tasks.listTasks({ query: "secret" })).tasks).toHaveLength(0);
});

test("bad input answers InvalidArgument and writes nothing", async () => {
  const before = (await alice.tasks.listTasks({ includeDeleted: true })).tasks.length;
  const bad: (() => Promise<unknown>)[] = [
    () => alice.tasks.createTask({ title: "" }),
    () => alice.tasks.createTask({ title: "x".repeat(501) }),
    () => alice.tasks.createTask({ title: "t", tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }),
    () => alice.tasks.createTask({ title: "t", tags: ["x".repeat(51)] }),
    () => alice.tasks.createTask({ title: "t", recurrence: { rrule: "FREQ=NEVER" } }),
    () => alice.tasks.createTask({ title: "t", timeZone: "Mars/Olympus" }),
    () => alice.tasks.createTask({ title: "t", reminder: { when: { case: "remindBefore", value: { seconds: 60n } } } }),
    () => alice.tasks.createTask({ title: "t", dueAt: { seconds: 99_999_999_999n } }),
    () => alice.tasks.createTask({ title: "   " }),
    () => alice.tasks.getTask({ id: "not-a-uuid" }),
    () => alice.tasks.listTasks({ pageSize: 1000 }),
    () => alice.tasks.listTasks({ pageToken: "forged" }),
  ];
  for (const call of bad) expect(await codeOf(call())).toBe("InvalidArgument");
  expect((await alice.tasks.listTasks({ includeDeleted: true })).tasks.length).toBe(before);
});

test("CreateTask is idempotent on request_id; UpdateTask enforces the expected version", async () => {
  const requestId = crypto.randomUUID();
  const first = await alice.tasks.createTask({ title: "once", requestId });
  const second = await alice.tasks.createTask({ title: "once (retry)", requestId });
  expect(second.task!.id).toBe(first.task!.id);
  expect(second.task!.title).toBe("once");
  const id = first.task!.id;
  const updated = await alice.tasks.updateTask({
    id,
    updateMask: { paths: ["title"] },
    title: "twice",
    expectedVersion: 1n,
  });
  expect(updated.task!.version).toBe(2n);
  expect(
    await codeOf(alice.tasks.updateTask({ id, updateMask: { paths: ["title"] }, title: "stale", expectedVersion: 1n })),
  ).toBe("Aborted");
  expect((await alice.tasks.getTask({ id })).task!.title).toBe("twice");
});

test("ListTasks filters, searches, sorts and pages", async () => {
  const carol = await registerSession(stack.baseUrl);
  const hour = 3600n;
  const base = 2_000_000_000n;
  for (let i = 0; i < 12; i++) {
    await carol.tasks.createTask({
      title: `errand ${String(i).padStart(2, "0")} ${i % 3 === 0 ? "groceries" : "paperwork"}`,
      tags: i % 2 === 0 ? ["home"] : ["work"],
      priority: (i % 5) + 1,
      dueAt: { seconds: base + BigInt(i) * hour },
    });
  }
  const overdue = await carol.tasks.createTask({ title: "late fee", dueAt: { seconds: 1_700_000_000n } });
  const seen: string[] = [];
  let pageToken = "";
  do {
    const page = await carol.tasks.listTasks({ sort: 1, pageSize: 5, pageToken });
    seen.push(...page.tasks.map((t) => t.title));
    pageToken = page.nextPageToken;
  } while (pageToken);
  expect(seen).toHaveLength(13);
  expect(seen[0]).toBe("late fee");
  expect(seen.slice(1)).toEqual([...seen.slice(1)].sort());
  expect((await carol.tasks.listTasks({ tags: ["home"] })).tasks).toHaveLength(6);
  expect((await carol.tasks.listTasks({ query: "grocer" })).tasks.map((t) => t.title).sort()).toEqual([
    "errand 00 groceries",
    "errand 03 groceries",
    "errand 06 groceries",
    "errand 09 groceries",
  ]);
  expect((await carol.tasks.listTasks({ overdue: true })).tasks.map((t) => t.id)).toEqual([overdue.task!.id]);
  const urgentFirst = (await carol.tasks.listTasks({ sort: 2, pageSize: 3 })).tasks.map((t) => t.priority);
  expect(urgentFirst).toEqual([5, 5, 4]);
  await carol.tasks.completeTask({ id: overdue.task!.id });
  expect((await carol.tasks.listTasks({ status: 2 })).tasks.map((t) => t.id)).toEqual([overdue.task!.id]);
  await carol.tasks.deleteTask({ id: overdue.task!.id });
  expect((await carol.tasks.listTasks({ status: 2 })).tasks).toHaveLength(0);
  await carol.tasks.restoreTask({ id: overdue.task!.id });
  expect((await carol.tasks.listTasks({ status: 2 })).tasks).toHaveLength(1);
});
