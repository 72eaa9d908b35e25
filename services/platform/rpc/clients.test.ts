import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, type ConnectRouter, createRouterTransport } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { TaskSchema } from "../../../gen/todo/v1/task_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { runInScope } from "../request-context";
import { createClientFactory, internalTokenHeader, onBehalfOfHeader } from "./clients";

// A real gRPC (HTTP/2) server that records the metadata each call arrives with: it stands where the
// orchestrator listens in stack mode, or where the Dapr sidecar listens in Kubernetes.
const seen: Record<string, string | null>[] = [];
const routes = (router: ConnectRouter) =>
  router.service(TaskService, {
    async getTask(req, context) {
      const h = context.requestHeader;
      seen.push({
        app: h.get("dapr-app-id"),
        correlation: h.get("x-correlation-id"),
        token: h.get(internalTokenHeader),
        user: h.get(onBehalfOfHeader),
        contentType: h.get("content-type"),
      });
      return { task: create(TaskSchema, { id: req.id, title: "from the server" }) };
    },
  });
const server = http2.createServer(connectNodeAdapter({ routes }));
let port = 0;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const id = "01a20bac-a177-70d2-9ef2-0b9797cb41a4";
const asUser = <T>(fn: () => Promise<T>) => runInScope({ correlationId: "corr-1", userId: "user-7" }, fn);

test("stack mode calls the app's gRPC address directly, carrying the scope", async () => {
  seen.length = 0;
  const clients = createClientFactory({
    mode: "stack",
    env: { ORCHESTRATOR_GRPC_ADDR: `127.0.0.1:${port}` },
    internalToken: "s3cret",
  });
  const { task } = await asUser(() => clients.client(TaskService, "orchestrator").getTask({ id }));
  expect(task?.title).toBe("from the server");
  expect(seen).toEqual([
    { app: null, correlation: "corr-1", token: "s3cret", user: "user-7", contentType: "application/grpc+proto" },
  ]);
});

test("kubernetes mode calls the Dapr sidecar's gRPC port with dapr-app-id metadata", async () => {
  seen.length = 0;
  const clients = createClientFactory({
    mode: "kubernetes",
    env: { DAPR_GRPC_PORT: String(port) },
    internalToken: "s3cret",
  });
  await asUser(() => clients.client(TaskService, "notification").getTask({ id }));
  expect(seen).toEqual([
    {
      app: "notification",
      correlation: "corr-1",
      token: "s3cret",
      user: "user-7",
      contentType: "application/grpc+proto",
    },
  ]);
});

test("embedded mode uses the in-process transport; a missing app or address is a clear error", async () => {
  const local = new Map([["orchestrator", createRouterTransport(routes)]]);
  const embedded = createClientFactory({ mode: "embedded", local });
  expect((await embedded.client(TaskService, "orchestrator").getTask({ id })).task?.title).toBe("from the server");
  expect(() => embedded.client(TaskService, "audit")).toThrow('no in-process service registered as "audit"');
  expect(() => createClientFactory({ mode: "stack", env: {} }).client(TaskService, "audit")).toThrow(
    "AUDIT_GRPC_ADDR is not set",
  );
});

describe("through a Dapr sidecar (kubernetes mode)", () => {
  // Stands where the sidecar listens: answers GetTask with whatever `answer` says and records WatchTasks metadata.
  let answer: () => Promise<void> = async () => {};
  const calls: string[] = [];
  const sidecarRoutes = (router: ConnectRouter) =>
    router.service(TaskService, {
      async getTask(req) {
        calls.push("getTask");
        await answer();
        return { task: create(TaskSchema, { id: req.id, title: "ok" }) };
      },
      async *watchTasks(_req, context) {
        calls.push(
          `watchTasks dapr-stream=${context.requestHeader.get("dapr-stream")} app=${context.requestHeader.get("dapr-app-id")}`,
        );
        yield {};
      },
    });
  const sidecar = http2.createServer(connectNodeAdapter({ routes: sidecarRoutes }));
  let sidecarPort = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => sidecar.listen(0, "127.0.0.1", resolve));
    sidecarPort = (sidecar.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => sidecar.close(() => resolve())));
  const factory = () =>
    createClientFactory({
      mode: "kubernetes",
      env: { DAPR_GRPC_PORT: String(sidecarPort) },
      breaker: { failures: 3, halfOpenAfterMs: 300 },
    });
  const codeOf = (call: Promise<unknown>) =>
    call.then(
      () => "ok",
      (error: unknown) => Code[ConnectError.from(error).code],
    );

  test("server streams carry dapr-stream: true (unary calls do not need it)", async () => {
    calls.length = 0;
    for await (const _ of factory().client(TaskService, "orchestrator").watchTasks({})) break;
    expect(calls).toEqual(["watchTasks dapr-stream=true app=orchestrator"]);
  });

  test("the sidecar's own Unknown (an open Dapr breaker) reaches the caller as Unavailable", async () => {
    answer = async () => {
      throw new ConnectError("circuit breaker is open", Code.Unknown);
    };
    expect(await codeOf(factory().client(TaskService, "orchestrator").getTask({ id }))).toBe("Unavailable");
  });

  test("application errors never open the breaker; transport failures do, and it closes again once the callee answers", async () => {
    const client = factory().client(TaskService, "orchestrator");
    answer = async () => {
      throw new ConnectError("bad request", Code.InvalidArgument);
    };
    calls.length = 0;
    for (let i = 0; i < 6; i++) expect(await codeOf(client.getTask({ id }))).toBe("InvalidArgument");
    expect(calls.length).toBe(6);

    answer = async () => {
      throw new ConnectError("connection refused", Code.Unavailable);
    };
    calls.length = 0;
    for (let i = 0; i < 5; i++) expect(await codeOf(client.getTask({ id }))).toBe("Unavailable");
    expect(calls.length).toBe(3); // the last two failed fast, without reaching the sidecar

    answer = async () => {};
    expect(await codeOf(client.getTask({ id }))).toBe("Unavailable"); // still open
    await Bun.sleep(350);
    expect(await codeOf(client.getTask({ id }))).toBe("ok");
    expect(await codeOf(client.getTask({ id }))).toBe("ok");
  });
});
