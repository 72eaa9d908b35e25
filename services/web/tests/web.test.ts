import { describe, expect, test } from "bun:test";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  Code,
  ConnectError,
  createClient,
  createConnectRouter,
  createRouterTransport,
  type Transport,
} from "@connectrpc/connect";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { TaskChangeKind } from "../../../gen/todo/v1/task_pb";
import { TaskService, WatchTasksResponseSchema } from "../../../gen/todo/v1/task_service_pb";
import { authInterceptor } from "../../platform/auth/auth-interceptor";
import { UnauthenticatedError } from "../../platform/errors";
import { createLogger } from "../../platform/logger";
import { createMetrics } from "../../platform/metrics";
import { peerAddressKey } from "../../platform/request-context";
import type { ClientFactory } from "../../platform/rpc/clients";
import { serverInterceptors } from "../../platform/rpc/interceptors";
import type { ServiceDeps } from "../../platform/service";
import type { AppBundle } from "../server/app-bundle";
import { webFactory } from "../web";

/** A stand-in orchestrator that records the authorization header each call carried, and all headers of the last. */
function fakeOrchestrator(seen: string[], last: { headers?: Headers }): Transport {
  return createRouterTransport((router) => {
    router.service(AuthService, {
      login(req, context) {
        last.headers = context.requestHeader;
        return { user: { id: "u1", email: req.email }, tokens: { accessToken: "good-token", refreshToken: "r" } };
      },
    });
    router.service(TaskService, {
      getTask(req, context) {
        last.headers = context.requestHeader;
        seen.push(context.requestHeader.get("authorization") ?? "(none)");
        seen.push(context.requestHeader.get("x-forwarded-for") ?? "(none)");
        return { task: { id: req.id, title: "buy milk", createdAt: timestampFromDate(new Date()) } };
      },
      deleteTask() {
        throw new ConnectError("task not found", Code.NotFound);
      },
      async *watchTasks() {
        yield create(WatchTasksResponseSchema, { heartbeat: true });
        yield create(WatchTasksResponseSchema, { kind: TaskChangeKind.CREATED, task: { id: "t1", title: "live" } });
      },
    });
  });
}

/** The web tier's own service credential in these tests. */
const webInternalToken = "web-internal-token";

async function webModule(
  mode: ServiceDeps["mode"],
  seen: string[],
  last: { headers?: Headers } = {},
  env: Record<string, string> = {},
) {
  const orchestrator = fakeOrchestrator(seen, last);
  const empty = createRouterTransport(() => undefined);
  const clients: ClientFactory = {
    client: (service, appId) => createClient(service, appId === "orchestrator" ? orchestrator : empty),
  };
  const logger = createLogger("web-test", "silent");
  const deps = {
    mode,
    clients,
    logger,
    dataDir: "/nonexistent",
    env,
    internalToken: webInternalToken,
  } as unknown as ServiceDeps;
  const bundle = new Promise<AppBundle>(() => undefined);
  return webFactory({ bundle: () => bundle })(deps);
}

/** browserTransport serves the web module's routes behind the platform's interceptor chain. */
function browserTransport(
  routes: (router: ReturnType<typeof createConnectRouter>) => void,
  publicProcedures: string[],
): Transport {
  const logger = createLogger("web-test", "silent");
  const verify = async (token: string) => {
    if (token !== "good-token") throw new UnauthenticatedError("bad token");
    return "u1";
  };
  return createRouterTransport(routes, {
    router: {
      interceptors: serverInterceptors(logger, createMetrics(), [
        authInterceptor({ verify, internalToken: "internal", publicProcedures: new Set(publicProcedures) }),
      ]),
    },
  });
}

/** fromSocket serves routes as if every call came from a socket at `address`. */
function fromSocket(routes: (router: ReturnType<typeof createConnectRouter>) => void, address: string): Transport {
  return createRouterTransport(routes, {
    router: {
      interceptors: [
        (next) => (req) => {
          req.contextValues.set(peerAddressKey, address);
          return next(req);
        },
      ],
    },
  });
}

describe("web service in stack mode forwards every public RPC", async () => {
  const seen: string[] = [];
  const last: { headers?: Headers } = {};
  const module = await webModule("stack", seen, last);
  const transport = browserTransport(module.routes, module.publicProcedures ?? []);
  const auth = createClient(AuthService, transport);
  const tasks = createClient(TaskService, transport);
  const id = "0190f7a4-0000-7000-8000-000000000001";
  const bearer = { headers: { authorization: "Bearer good-token" } };

  test("it forwards and registers for reflection every public service of the contract (gen/todo/v1)", () => {
    // Every todo.v1 service is public; a new one the web tier does not forward would answer Unimplemented in the
    // browser in stack and Kubernetes mode only, so the list is checked against the generated files.
    const contract = readdirSync(fileURLToPath(new URL("../../../gen/todo/v1", import.meta.url)))
      .filter((name) => name.endsWith("_service_pb.ts"))
      .map((name) => {
        const words = name.replace(/_pb\.ts$/, "").split("_");
        return `todo.v1.${words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("")}`;
      });
    expect(contract).toContain("todo.v1.TaskService");
    expect(module.services.map((s) => s.typeName).sort()).toEqual(contract.sort());
  });

  test("sign-in needs no token", async () => {
    const res = await auth.login({ email: "a@example.com", password: "x" });
    expect(res.tokens?.accessToken).toBe("good-token");
  });

  test("the bearer token reaches the owner unchanged", async () => {
    const res = await tasks.getTask({ id }, bearer);
    expect(res.task?.title).toBe("buy milk");
    expect(seen.slice(-2)).toEqual(["Bearer good-token", "(none)"]);
  });

  test("only the token and language go along: other browser headers stay at the web tier", async () => {
    const smuggled = {
      cookie: "session=1",
      "x-taskmesh-on-behalf-of": "someone-else",
      "x-taskmesh-client-address": "192.0.2.66",
      "dapr-app-id": "skills",
    };
    await tasks.getTask(
      { id },
      { headers: { authorization: "Bearer good-token", "accept-language": "ur", ...smuggled } },
    );
    expect(last.headers?.get("authorization")).toBe("Bearer good-token");
    expect(last.headers?.get("accept-language")).toBe("ur");
    for (const name of Object.keys(smuggled)) expect(last.headers?.get(name) ?? null, name).toBeNull();
  });

  test("the browser's address travels in x-forwarded-for", async () => {
    await createClient(TaskService, fromSocket(module.routes, "203.0.113.7")).getTask(
      { id },
      { headers: { authorization: "Bearer good-token", "x-forwarded-for": "198.51.100.1" } },
    );
    expect(seen.at(-1)).toBe("198.51.100.1, 203.0.113.7");
  });

  test("the browser's socket address is vouched for with the web tier's credential, never the browser's own claims", async () => {
    const browser = createClient(AuthService, fromSocket(module.routes, "203.0.113.7"));
    await browser.login(
      { email: "a@example.com", password: "x" },
      {
        headers: {
          "x-forwarded-for": "198.51.100.1",
          "x-taskmesh-client-address": "192.0.2.66",
          "x-taskmesh-internal-token": "guessed",
        },
      },
    );
    expect(last.headers?.get("x-taskmesh-client-address")).toBe("203.0.113.7");
    expect(last.headers?.get("x-taskmesh-internal-token")).toBe(webInternalToken);
    expect(last.headers?.get("x-forwarded-for")).toBe("198.51.100.1, 203.0.113.7");
  });

  test("a call without a valid token stops at the web tier", async () => {
    const before = seen.length;
    const error = await tasks.getTask({ id }).catch((e: unknown) => ConnectError.from(e));
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).code).toBe(Code.Unauthenticated);
    expect(seen.length).toBe(before);
  });

  test("the owner's error code comes back as it was", async () => {
    const error = await tasks.deleteTask({ id }, bearer).catch((e: unknown) => ConnectError.from(e));
    expect((error as ConnectError).code).toBe(Code.NotFound);
  });

  test("server streams are forwarded message by message", async () => {
    const received = [];
    for await (const message of tasks.watchTasks({}, bearer))
      received.push(message.heartbeat ? "heartbeat" : message.task?.title);
    expect(received).toEqual(["heartbeat", "live"]);
  });

  test("a service whose owner is not deployed answers Unimplemented, not a crash", async () => {
    const chat = createClient((await import("../../../gen/todo/v1/chat_service_pb")).ChatService, transport);
    const error = await chat.listConversations({}, bearer).catch((e: unknown) => ConnectError.from(e));
    expect((error as ConnectError).code).toBe(Code.Unimplemented);
  });
});

test("behind TRUSTED_PROXY_HOPS=1 the browser is the entry the ingress appended, not the ingress itself", async () => {
  const last: { headers?: Headers } = {};
  const module = await webModule("stack", [], last, { TRUSTED_PROXY_HOPS: "1" });
  const viaIngress = createClient(AuthService, fromSocket(module.routes, "10.0.0.3"));
  await viaIngress.login(
    { email: "a@example.com", password: "x" },
    { headers: { "x-forwarded-for": "192.0.2.66, 203.0.113.7" } },
  );
  expect(last.headers?.get("x-taskmesh-client-address")).toBe("203.0.113.7");
  expect(last.headers?.get("x-taskmesh-internal-token")).toBe(webInternalToken);
  await viaIngress.login({ email: "a@example.com", password: "x" });
  expect(last.headers?.get("x-taskmesh-client-address")).toBe("10.0.0.3");
});

test("in embedded mode the web service only adds the app's HTTP routes", async () => {
  const module = await webModule("embedded", []);
  const router = createConnectRouter();
  module.routes(router);
  expect(router.handlers).toHaveLength(0);
  expect(module.services).toEqual([]);
  expect(module.publicProcedures).toEqual([]);
  expect(module.extendHttp).toBeFunction();
});
