import { expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import { GetTaskResponseSchema, TaskService } from "../../../gen/todo/v1/task_service_pb";
import { deadlineInterceptor, rpcDeadlineMs } from "./deadline";

/** A TaskService whose GetTask answers after `delayMs`: a database that is slow or not coming back. */
const slowService = (deadlineMs: number, delayMs: number) => {
  let finished = 0;
  const transport = createRouterTransport(
    ({ service }) => {
      service(TaskService, {
        async getTask() {
          await Bun.sleep(delayMs);
          finished += 1;
          return create(GetTaskResponseSchema, {});
        },
      });
    },
    { router: { interceptors: [deadlineInterceptor(deadlineMs)] } },
  );
  return { client: createClient(TaskService, transport), finished: () => finished };
};

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error) => Code[ConnectError.from(error).code],
  );

test("a unary RPC past the server's deadline answers DeadlineExceeded before the handler finishes", async () => {
  const { client, finished } = slowService(50, 1000);
  expect(await codeOf(client.getTask({ id: "0190a0a0-0000-7000-8000-000000000000" }))).toBe("DeadlineExceeded");
  expect(finished()).toBe(0);
});

test("the client's shorter deadline (connect-timeout-ms) is honoured by the server", async () => {
  const { client, finished } = slowService(60_000, 1000);
  // Sent as a bare header, so only the server can enforce it.
  expect(
    await codeOf(
      client.getTask({ id: "0190a0a0-0000-7000-8000-000000000000" }, { headers: { "connect-timeout-ms": "50" } }),
    ),
  ).toBe("DeadlineExceeded");
  expect(finished()).toBe(0);
});

test("an RPC within its deadline answers normally", async () => {
  const { client, finished } = slowService(60_000, 5);
  expect(await codeOf(client.getTask({ id: "0190a0a0-0000-7000-8000-000000000000" }))).toBe("OK");
  expect(finished()).toBe(1);
});

test("RPC_DEADLINE_MS is read and checked", () => {
  expect(rpcDeadlineMs({})).toBe(15_000);
  expect(rpcDeadlineMs({ RPC_DEADLINE_MS: "2500" })).toBe(2500);
  expect(() => rpcDeadlineMs({ RPC_DEADLINE_MS: "soon" })).toThrow("RPC_DEADLINE_MS");
});
