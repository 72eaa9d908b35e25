import { expect, test } from "bun:test";
import { create, type DescService } from "@bufbuild/protobuf";
import { type Client, Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import { GetTaskResponseSchema, TaskService } from "../../../gen/todo/v1/task_service_pb";
import { deadlineInterceptor } from "../../platform/rpc/deadline";
import { proxyRoutes } from "./rpc-proxy";

/** The owner of TaskService behind the web proxy: records the deadline it was given, answers with `answer`. */
function throughProxy(answer: () => Promise<void>) {
  const seen: (number | undefined)[] = [];
  const owner = createRouterTransport(({ service }) => {
    service(TaskService, {
      async getTask(_request, context) {
        seen.push(context.timeoutMs());
        await answer();
        return create(GetTaskResponseSchema, {});
      },
    });
  });
  const clients = { client: <S extends DescService>(service: S) => createClient(service, owner) as Client<S> };
  const web = createRouterTransport(
    proxyRoutes(clients, [{ service: TaskService, appId: "orchestrator" }], {
      internalToken: "t",
      trustedProxyHops: 0,
    }),
    {
      router: { interceptors: [deadlineInterceptor(60_000)] },
    },
  );
  return { client: createClient(TaskService, web), seen };
}

const id = "0190a0a0-0000-7000-8000-000000000000";

test("the browser's deadline reaches the owning service", async () => {
  const { client, seen } = throughProxy(async () => {});
  await client.getTask({ id }, { headers: { "connect-timeout-ms": "4000" } });
  expect(seen[0]).toBeGreaterThan(0);
  expect(seen[0]).toBeLessThanOrEqual(4000);
});

test("the owner's Unavailable reaches the browser as Unavailable", async () => {
  const { client } = throughProxy(async () => {
    throw new ConnectError("database restarting", Code.Unavailable);
  });
  const code = await client.getTask({ id }).then(
    () => "OK",
    (error) => Code[ConnectError.from(error).code],
  );
  expect(code).toBe("Unavailable");
});
