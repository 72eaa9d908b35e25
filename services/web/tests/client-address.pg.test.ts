// Per-address sign-in limits count browsers, not the web tier: a real web tier in stack mode forwards
// over gRPC to a real orchestrator (Postgres), and browsers call it from different loopback addresses
// (127.0.0.0/8 is all loopback on Linux) or, behind a trusted proxy, with X-Forwarded-For.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { gzipSync } from "node:zlib";
import { type Client, Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { createOrchestrator } from "../../orchestrator/orchestrator";
import { baseConfigShape, loadConfig } from "../../platform/config";
import { limitsOf } from "../../platform/limits";
import { createClientFactory } from "../../platform/rpc/clients";
import { startRpcServer } from "../../platform/rpc/server";
import { moduleServing, openRuntime, serviceDeps } from "../../platform/runtime";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import type { AppBundle } from "../server/app-bundle";
import { webFactory } from "../web";

const internalToken = `test-internal-${crypto.randomUUID()}`;
const attemptsPerAddress = 3;
const password = "correct horse battery";
const orchestratorEnv = {
  AUTH_LIMIT_PER_ADDRESS: String(attemptsPerAddress),
  AUTH_LIMIT_PER_ACCOUNT: "1000",
  INTERNAL_TOKEN: internalToken,
};

/** startWebTier runs the web service as `services/web/main.ts` does in stack mode, forwarding to the stack's gRPC port. */
async function startWebTier(orchestrator: TestStack, env: Record<string, string>) {
  const webEnv: Record<string, string | undefined> = {
    ...process.env,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "fatal",
    TASKMESH_MODE: "stack",
    DATA_DIR: ".data/test",
    DATABASE_URL: undefined,
    KAFKA_BROKERS: undefined,
    ORCHESTRATOR_GRPC_ADDR: `127.0.0.1:${orchestrator.server.grpcPort}`,
    // Not deployed here; these tests never call them.
    NOTIFICATION_GRPC_ADDR: "127.0.0.1:1",
    AUDIT_GRPC_ADDR: "127.0.0.1:1",
    WEBHOOKS_GRPC_ADDR: "127.0.0.1:1",
    ...env,
  };
  const config = loadConfig(baseConfigShape, webEnv);
  const parts = await openRuntime("web", config, webEnv, { stateless: true });
  const deps = await serviceDeps(
    parts,
    (token) => createClientFactory({ mode: "stack", env: webEnv, internalToken: token }),
    5000,
  );
  // The page bundle is not under test; RPC never waits for it.
  const module = await webFactory({ bundle: () => new Promise<AppBundle>(() => undefined) })(deps);
  const server = await startRpcServer({
    name: "web",
    host: "127.0.0.1",
    port: 0,
    grpcPort: 0,
    metricsPort: 0,
    limits: limitsOf(config),
    ...moduleServing(deps, module),
  });
  return { baseUrl: `http://127.0.0.1:${server.httpPort}`, stop: () => server.close() };
}

/** A browser: a Connect client over HTTP/1.1 whose socket is bound to `address`, sending `headers` with every call. */
function browser<S extends typeof AuthService | typeof TaskService>(
  service: S,
  baseUrl: string,
  address: string,
  headers: Record<string, string> = {},
) {
  const transport = createConnectTransport({
    baseUrl,
    httpVersion: "1.1",
    nodeOptions: { localAddress: address },
    interceptors: [
      (next) => (req) => {
        for (const [name, value] of Object.entries(headers)) req.header.set(name, value);
        return next(req);
      },
    ],
  });
  return createClient(service, transport) as Client<S>;
}

const outcome = async (call: Promise<unknown>) => {
  try {
    await call;
    return "OK";
  } catch (error) {
    return Code[ConnectError.from(error).code];
  }
};

async function register(auth: Client<typeof AuthService>) {
  const email = `user-${crypto.randomUUID()}@example.com`;
  await auth.register({ email, password, displayName: "Test User", timeZone: "UTC", locale: "en" });
  return email;
}

/** exhaust spends every attempt one address has on wrong passwords, then shows the next one is refused. */
async function exhaust(auth: Client<typeof AuthService>, email: string) {
  const answers = [];
  for (let i = 0; i <= attemptsPerAddress; i++)
    answers.push(await outcome(auth.login({ email, password: "wrong guess" })));
  return answers;
}
const exhausted = [...Array<string>(attemptsPerAddress).fill("Unauthenticated"), "ResourceExhausted"];

describe("stack mode: through the web tier to a real orchestrator", () => {
  let stack: TestStack;
  const webTiers: Array<{ stop(): Promise<void> }> = [];

  beforeAll(async () => {
    stack = await startTestStack([createOrchestrator], { kafka: false, env: orchestratorEnv });
  }, 60_000);
  afterAll(async () => {
    for (const web of webTiers) await web.stop();
    await stack.stop();
  }, 60_000);

  /** loginCount is how many Login calls the orchestrator has answered, whatever their outcome. */
  const loginCount = async () =>
    (
      (await stack.deps.metrics.rpcRequests.get()).values as Array<{
        value: number;
        labels: Record<string, string | number>;
      }>
    )
      .filter((v) => v.labels.method === "Login")
      .reduce((sum, v) => sum + v.value, 0);

  const webTier = async (env: Record<string, string>) => {
    const web = await startWebTier(stack, env);
    webTiers.push(web);
    return web;
  };

  test("browsers on their own sockets (TRUSTED_PROXY_HOPS=0): A's exhausted attempts do not lock out B", async () => {
    const web = await webTier({ INTERNAL_TOKEN: internalToken });
    const email = await register(browser(AuthService, web.baseUrl, "127.0.0.4"));
    const a = browser(AuthService, web.baseUrl, "127.0.0.2");
    expect(await exhaust(a, email)).toEqual(exhausted);
    expect(await outcome(a.login({ email, password }))).toBe("ResourceExhausted");

    const b = browser(AuthService, web.baseUrl, "127.0.0.3");
    const { tokens } = await b.login({ email, password });
    expect(tokens?.accessToken).toBeTruthy();
    // Signed-in calls carry the web tier's credential beside the user's bearer token, and still work.
    const tasks = browser(TaskService, web.baseUrl, "127.0.0.3", { authorization: `Bearer ${tokens!.accessToken}` });
    expect(await outcome(tasks.listTasks({}))).toBe("OK");
  }, 30_000);

  test("behind one trusted proxy (TRUSTED_PROXY_HOPS=1): the entry it appended counts, not what A put before it", async () => {
    const web = await webTier({ INTERNAL_TOKEN: internalToken, TRUSTED_PROXY_HOPS: "1" });
    const email = await register(
      browser(AuthService, web.baseUrl, "127.0.0.1", { "x-forwarded-for": "198.51.100.40" }),
    );
    expect(
      await exhaust(browser(AuthService, web.baseUrl, "127.0.0.1", { "x-forwarded-for": "198.51.100.10" }), email),
    ).toEqual(exhausted);
    // A prepends made-up addresses; the proxy still appends A's real one, which is what counts.
    const disguisedA = browser(AuthService, web.baseUrl, "127.0.0.1", {
      "x-forwarded-for": "203.0.113.99, 198.51.100.10",
    });
    expect(await outcome(disguisedA.login({ email, password }))).toBe("ResourceExhausted");

    const b = browser(AuthService, web.baseUrl, "127.0.0.1", { "x-forwarded-for": "198.51.100.20" });
    expect(await outcome(b.login({ email, password }))).toBe("OK");
  }, 30_000);

  test("the web tier bounds what it reads before forwarding: 413 past REQUEST_MAX_BYTES, a gzip bomb ResourceExhausted", async () => {
    const web = await webTier({ INTERNAL_TOKEN: internalToken, REQUEST_MAX_BYTES: String(64 * 1024) });
    const login = (body: Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
      fetch(`${web.baseUrl}/todo.v1.AuthService/Login`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body,
      });
    // A small one is forwarded and counted by the orchestrator (from an address of its own, so the other
    // tests' per-address budgets are untouched)...
    const counted = await loginCount();
    await outcome(
      browser(AuthService, web.baseUrl, "127.0.0.9").login({ email: "nobody@example.com", password: "wrong guess" }),
    );
    const loginsBefore = await loginCount();
    expect(loginsBefore).toBe(counted + 1);
    expect((await login(new Uint8Array(128 * 1024).fill(0x20))).status).toBe(413);
    const bomb = await login(new Uint8Array(gzipSync(new Uint8Array(16 * 1024 * 1024))), {
      "content-encoding": "gzip",
    });
    expect(((await bomb.json()) as { code?: string }).code).toBe("resource_exhausted");
    expect(bomb.headers.get("cache-control")).toBe("no-store");
    // ...the oversized ones never reached it.
    expect(await loginCount()).toBe(loginsBefore);
  }, 30_000);

  test("a web tier without the orchestrator's credential cannot vouch: every browser counts as the web tier", async () => {
    const web = await webTier({ INTERNAL_TOKEN: "not-the-orchestrators-token" });
    const email = await register(browser(AuthService, stack.baseUrl, "127.0.0.5"));
    const answers = await exhaust(browser(AuthService, web.baseUrl, "127.0.0.6"), email);
    expect(answers).toEqual(exhausted);
    expect(await outcome(browser(AuthService, web.baseUrl, "127.0.0.7").login({ email, password }))).toBe(
      "ResourceExhausted",
    );
  }, 30_000);
});

describe("embedded mode: the orchestrator answers the browser directly", () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack([createOrchestrator], { kafka: false, env: orchestratorEnv });
  }, 60_000);
  afterAll(() => stack.stop(), 60_000);

  test("limits count the browser's socket address; relay and forwarding headers from a browser change nothing", async () => {
    const email = await register(browser(AuthService, stack.baseUrl, "127.0.0.4"));
    const answers = [];
    for (let i = 0; i <= attemptsPerAddress; i++) {
      // A new claimed address every time, with a guessed credential: none of it is believed.
      const spoofing = browser(AuthService, stack.baseUrl, "127.0.0.2", {
        "x-taskmesh-client-address": `192.0.2.${i + 1}`,
        "x-taskmesh-internal-token": "guessed",
        "x-forwarded-for": `198.51.100.${i + 1}`,
      });
      answers.push(await outcome(spoofing.login({ email, password: "wrong guess" })));
    }
    expect(answers).toEqual(exhausted);
    expect(await outcome(browser(AuthService, stack.baseUrl, "127.0.0.3").login({ email, password }))).toBe("OK");
  }, 30_000);
});
