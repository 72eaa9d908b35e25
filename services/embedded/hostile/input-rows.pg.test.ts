// Needs real Postgres (npm run infra:up). Issue 10 item 6: every bad input is InvalidArgument, never Internal.
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { DescMethod } from "@bufbuild/protobuf";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { ChatService } from "../../../gen/todo/v1/chat_service_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { callSkill, type HostileStack, startHostileStack } from "./hostile-stack";
import { callJson } from "./input-call";

let hostile: HostileStack;

beforeAll(async () => {
  hostile = await startHostileStack();
}, 60_000);
afterAll(() => hostile.stack.stop(), 60_000);

const method = (service: { methods: DescMethod[] }, name: string) => service.methods.find((m) => m.name === name)!;
const createTask = method(TaskService, "CreateTask");
const call = (m: DescMethod, body: unknown) =>
  callJson(hostile.stack.baseUrl, m, body, { token: hostile.user.accessToken, streamMs: 2000 });
const skill = (name: string, body: unknown) => callSkill(hostile, name, body);

const nul = "milk\u0000today";
const rows: [string, () => ReturnType<typeof call>][] = [
  ["NUL byte in a title", () => call(createTask, { title: nul })],
  ["NUL byte in a description", () => call(createTask, { title: "t", description: nul })],
  ["a control character in a title", () => call(createTask, { title: "ring\u0007bell" })],
  ["NUL byte in a tag", () => call(createTask, { title: "t", tags: [nul] })],
  ['"title": null', () => call(createTask, { title: null })],
  [
    "occurrence 2^32−1",
    () =>
      call(createTask, {
        title: "t",
        dueAt: "2026-12-01T10:00:00Z",
        recurrence: { rrule: "FREQ=DAILY", seriesId: crypto.randomUUID(), occurrence: 4294967295 },
      }),
  ],
  [
    "a non-uuid series_id",
    () =>
      call(createTask, {
        title: "t",
        dueAt: "2026-12-01T10:00:00Z",
        recurrence: { rrule: "FREQ=DAILY", seriesId: "not-a-uuid", occurrence: 2 },
      }),
  ],
  ["Timestamp seconds 2^62", () => call(createTask, { title: "t", dueAt: "146138512312611-01-01T00:00:00Z" })],
  ["due 2026-02-30 (no normalising into March)", () => call(createTask, { title: "t", dueAt: "2026-02-30T10:00:00Z" })],
  ['"0x10" as an integer', () => call(method(TaskService, "ListTasks"), { pageSize: "0x10" })],
  ["an unknown time zone on a task", () => call(createTask, { title: "t", timeZone: "Mars/Olympus" })],
  [
    "an unknown time zone in ParseQuickAdd",
    () => call(method(TaskService, "ParseQuickAdd"), { text: "milk tomorrow 5pm", timeZone: "Mars/Olympus" }),
  ],
  [
    "an unknown time zone at Register",
    () =>
      callJson(hostile.stack.baseUrl, method(AuthService, "Register"), {
        email: `${crypto.randomUUID()}@example.com`,
        password: "long enough pw",
        displayName: "x",
        timeZone: "Mars/Olympus",
      }),
  ],
  [
    "NUL byte in a display name",
    () =>
      callJson(hostile.stack.baseUrl, method(AuthService, "Register"), {
        email: `${crypto.randomUUID()}@example.com`,
        password: "long enough pw",
        displayName: nul,
      }),
  ],
  ["NUL byte in a chat message", () => call(method(ChatService, "SendMessage"), { text: nul })],
  [
    "NUL byte in a streamed chat message (same code as unary)",
    () => call(method(ChatService, "StreamMessage"), { text: nul }),
  ],
  [
    "a non-uuid conversation id on a stream",
    () => call(method(ChatService, "StreamMessage"), { conversationId: "not-a-uuid", text: "hello" }),
  ],
  [
    "ExtractTask with reference_time 9999-12-31",
    () => skill("ExtractTask", { text: "milk tomorrow", referenceTime: "9999-12-31T23:59:59Z", timeZone: "UTC" }),
  ],
  ["ExtractTask in Mars/Olympus", () => skill("ExtractTask", { text: "milk tomorrow", timeZone: "Mars/Olympus" })],
  [
    "ExtractReminder in Mars/Olympus",
    () => skill("ExtractReminder", { text: "remind me at 5pm", timeZone: "Mars/Olympus" }),
  ],
  [
    "ParseRecurrence in Mars/Olympus",
    () => skill("ParseRecurrence", { text: "every monday", timeZone: "Mars/Olympus" }),
  ],
  [
    "NextOccurrence in Mars/Olympus",
    () =>
      skill("NextOccurrence", {
        rrule: "FREQ=DAILY",
        after: "2026-01-01T00:00:00Z",
        dtstart: "2026-01-01T00:00:00Z",
        timeZone: "Mars/Olympus",
      }),
  ],
  [
    "SummarizeActivity in Mars/Olympus",
    () => skill("SummarizeActivity", { question: "what happened", timeZone: "Mars/Olympus" }),
  ],
];

test("a domain error inside a server stream keeps its code (NotFound), as in the unary call", async () => {
  const body = { conversationId: crypto.randomUUID(), text: "hello" };
  expect((await call(method(ChatService, "SendMessage"), body)).code).toBe("not_found");
  expect((await call(method(ChatService, "StreamMessage"), body)).code).toBe("not_found");
});

test("Timestamp seconds 2^62 in a binary (Connect proto) request → InvalidArgument", async () => {
  const error = await hostile.user.tasks
    .createTask({ title: "t", dueAt: { seconds: 2n ** 62n, nanos: 0 } })
    .catch((e: unknown) => e);
  expect(String(error)).toContain("invalid_argument");
});

for (const [name, send] of rows) {
  test(`${name} → InvalidArgument`, async () => {
    const answer = await send();
    expect(`${answer.code} ${answer.message}`).toStartWith("invalid_argument");
  }, 20_000);
}
