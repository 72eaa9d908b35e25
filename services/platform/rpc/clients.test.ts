import { afterAll, beforeAll, expect, test } from "bun:test";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { create } from "@bufbuild/protobuf";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { createRouterTransport, type ConnectRouter } from "@connectrpc/connect";
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
  const clients = createClientFactory({ mode: "stack", env: { ORCHESTRATOR_GRPC_ADDR: `127.0.0.1:${port}` }, internalToken: "s3cret" });
  const { task } = await asUser(() => clients.client(TaskService, "orchestrator").getTask({ id }));
  expect(task?.title).toBe("from the server");
  expect(seen).toEqual([{ app: null, correlation: "corr-1", token: "s3cret", user: "user-7", contentType: "application/grpc+proto" }]);
});

test("kubernetes mode calls the Dapr sidecar's gRPC port with dapr-app-id metadata", async () => {
  seen.length = 0;
  const clients = createClientFactory({ mode: "kubernetes", env: { DAPR_GRPC_PORT: String(port) }, internalToken: "s3cret" });
  await asUser(() => clients.client(TaskService, "notification").getTask({ id }));
  expect(seen).toEqual([{ app: "notification", correlation: "corr-1", token: "s3cret", user: "user-7", contentType: "application/grpc+proto" }]);
});

test("embedded mode uses the in-process transport; a missing app or address is a clear error", async () => {
  const local = new Map([["orchestrator", createRouterTransport(routes)]]);
  const embedded = createClientFactory({ mode: "embedded", local });
  expect((await embedded.client(TaskService, "orchestrator").getTask({ id })).task?.title).toBe("from the server");
  expect(() => embedded.client(TaskService, "audit")).toThrow('no in-process service registered as "audit"');
  expect(() => createClientFactory({ mode: "stack", env: {} }).client(TaskService, "audit")).toThrow("AUDIT_GRPC_ADDR is not set");
});
