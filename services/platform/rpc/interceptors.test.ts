import { expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import { ChatService, StreamMessageResponseSchema } from "../../../gen/todo/v1/chat_service_pb";
import { CreateTaskRequestSchema, ListTasksRequestSchema, TaskService } from "../../../gen/todo/v1/task_service_pb";
import { NotFoundError } from "../errors";
import { createLogger } from "../logger";
import { canonicalJsonViolations, isCalendarTimestamp } from "./canonical-json";
import { errorInterceptor } from "./interceptors";

const recordingLogger = () => {
  const lines: { level: string; text: string }[] = [];
  const logger = createLogger("test", "debug");
  for (const level of ["error", "warn", "info", "debug"] as const) {
    (logger as unknown as Record<string, unknown>)[level] = (...args: unknown[]) =>
      lines.push({
        level,
        text: JSON.stringify(args, (_k, v) => (v instanceof Error ? { message: v.message, cause: v.cause } : v)),
      });
  }
  return { logger, lines };
};

test("a domain error thrown inside a server stream reaches the client with its own code, not internal", async () => {
  const { logger } = recordingLogger();
  const transport = createRouterTransport(
    (router) =>
      router.service(ChatService, {
        async *streamMessage() {
          yield create(StreamMessageResponseSchema, {});
          throw new NotFoundError("conversation not found");
        },
      }),
    { router: { interceptors: [errorInterceptor(logger)] } },
  );
  const client = createClient(ChatService, transport);
  const error = await (async () => {
    for await (const _ of client.streamMessage({ text: "x" })) void _;
  })().catch((e: unknown) => ConnectError.from(e));
  expect(error?.code).toBe(Code.NotFound);
});

test("a database data exception from a client's value is InvalidArgument and its SQL and parameters stay out of the error log", async () => {
  const { logger, lines } = recordingLogger();
  const dbError = Object.assign(new Error('insert into "tasks" values ($1) params: milk\u0000secret'), {
    code: "22021",
  });
  const transport = createRouterTransport(
    (router) =>
      router.service(TaskService, {
        async listTasks() {
          throw new Error("Failed query: select 1", { cause: dbError });
        },
      }),
    { router: { interceptors: [errorInterceptor(logger)] } },
  );
  const error = await createClient(TaskService, transport)
    .listTasks({})
    .then(
      () => undefined,
      (e: unknown) => ConnectError.from(e),
    );
  expect(error?.code).toBe(Code.InvalidArgument);
  expect(error?.rawMessage).not.toContain("insert");
  expect(lines.filter((l) => l.level === "error")).toEqual([]);
  expect(lines.map((l) => l.text).join("\n")).not.toContain("secret");
});

test("calendar checks refuse 02-30, hour 24 and second 60, and accept real dates", () => {
  expect(isCalendarTimestamp("2026-02-30T10:00:00Z")).toBe(false);
  expect(isCalendarTimestamp("2025-02-29T10:00:00Z")).toBe(false);
  expect(isCalendarTimestamp("2024-02-29T10:00:00Z")).toBe(true);
  expect(isCalendarTimestamp("2026-04-31T10:00:00Z")).toBe(false);
  expect(isCalendarTimestamp("2026-12-31T24:00:00Z")).toBe(false);
  expect(isCalendarTimestamp("2026-12-31T23:59:60Z")).toBe(false);
  expect(isCalendarTimestamp("2026-12-31T23:59:59.5+05:00")).toBe(true);
});

test("non-canonical numbers and impossible dates are named by field; canonical ones pass", () => {
  expect(canonicalJsonViolations(ListTasksRequestSchema, { pageSize: "0x10" }).map((v) => v.field)).toEqual([
    "page_size",
  ]);
  expect(canonicalJsonViolations(ListTasksRequestSchema, { pageSize: "16", dueAfter: "2026-01-31T00:00:00Z" })).toEqual(
    [],
  );
  expect(
    canonicalJsonViolations(CreateTaskRequestSchema, {
      title: "0x10",
      recurrence: { occurrence: "1e3" },
      due_at: "2026-02-30T10:00:00Z",
    })
      .map((v) => v.field)
      .sort(),
  ).toEqual(["due_at", "recurrence.occurrence"]);
});
