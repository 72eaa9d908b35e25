import { describe, expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, createRouterTransport, type Interceptor } from "@connectrpc/connect";
import { TaskService, WatchTasksResponseSchema } from "../../../gen/todo/v1/task_service_pb";
import { authenticatedUserKey } from "../request-context";
import { streamLimitInterceptor } from "./stream-limit";

/** Stands in for the auth interceptor: the caller is whoever the x-user header names. */
const asUser: Interceptor = (next) => (req) => {
  req.contextValues.set(authenticatedUserKey, req.header.get("x-user") ?? undefined);
  return next(req);
};

function setup(perUser: number) {
  const transport = createRouterTransport(
    (router) =>
      router.service(TaskService, {
        async *watchTasks(_request, context) {
          yield create(WatchTasksResponseSchema, { heartbeat: true });
          await new Promise((resolve) => context.signal.addEventListener("abort", resolve));
        },
      }),
    { router: { interceptors: [asUser, streamLimitInterceptor(perUser)] } },
  );
  const client = createClient(TaskService, transport);
  const open = async (user: string) => {
    const controller = new AbortController();
    const iterator = client
      .watchTasks({}, { signal: controller.signal, headers: { "x-user": user } })
      [Symbol.asyncIterator]();
    await iterator.next();
    return { close: () => controller.abort(), iterator };
  };
  const refusal = (user: string) =>
    open(user).then(
      (stream) => (stream.close(), undefined),
      (error: unknown) => ConnectError.from(error).code,
    );
  return { open, refusal };
}

describe("streamLimitInterceptor", () => {
  test("past the cap a user's next stream is ResourceExhausted; another user is unaffected", async () => {
    const { open, refusal } = setup(2);
    const held = [await open("ann"), await open("ann")];
    expect(await refusal("ann")).toBe(Code.ResourceExhausted);
    const bob = await open("bob");
    bob.close();
    for (const stream of held) stream.close();
  });

  test("a stream that ends (cancelled here) gives its place back", async () => {
    const { open, refusal } = setup(1);
    const first = await open("ann");
    expect(await refusal("ann")).toBe(Code.ResourceExhausted);
    first.close();
    await first.iterator.next().catch(() => undefined);
    await Bun.sleep(10);
    const second = await open("ann");
    second.close();
  });

  test("a stream that ends by itself gives its place back", async () => {
    const transport = createRouterTransport(
      (router) =>
        router.service(TaskService, {
          async *watchTasks() {
            yield create(WatchTasksResponseSchema, { heartbeat: true });
          },
        }),
      { router: { interceptors: [asUser, streamLimitInterceptor(1)] } },
    );
    const client = createClient(TaskService, transport);
    for (let i = 0; i < 5; i++) {
      const received = [];
      for await (const message of client.watchTasks({}, { headers: { "x-user": "ann" } })) received.push(message);
      expect(received).toHaveLength(1);
    }
  });
});
