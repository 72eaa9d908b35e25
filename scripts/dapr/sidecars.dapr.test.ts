// Real Dapr sidecars (daprd v1.18.0, built by scripts/dapr/daprd.sh), real Postgres and Kafka: every service
// as its own process beside its own sidecar, as on Kubernetes (scripts/dapr/stack.ts). `npm test` runs this
// file when daprd is built (.data/dapr); CI (CI=true) always builds it first and runs it.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createClient, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { AuthService } from "../../gen/todo/v1/auth_service_pb";
import { RepeatFrom, type Task, TaskStatus } from "../../gen/todo/v1/task_pb";
import { TaskService } from "../../gen/todo/v1/task_service_pb";
import { type SmtpSink, startSmtpSink } from "../../services/notification/testing/smtp-sink";
import { verifyThroughLink } from "../../services/notification/testing/verify-email";
import { createClientFactory } from "../../services/platform/rpc/clients";
import { readSecret, SecretRefusedError } from "../../services/platform/secrets";
import { createTestDatabase, testKafkaBrokers } from "../../services/platform/testing/infra";
import { waitFor } from "../../services/platform/testing/wait";
import { runSmoke } from "../smoke";
import { secretStoreName } from "./layout";
import { type DaprStack, freePortShift, startDaprStack } from "./stack";

const run = crypto.randomUUID().slice(0, 8);
let stack: DaprStack;
let sink: SmtpSink;
let dropDatabase: () => Promise<void>;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "taskmesh-dapr-"));
  const database = await createTestDatabase("dapr");
  dropDatabase = database.drop;
  sink = await startSmtpSink();
  stack = await startDaprStack({
    dir,
    databaseUrl: database.url,
    kafkaBrokers: testKafkaBrokers,
    smtpUrl: sink.url,
    portShift: await freePortShift(20_000),
    ownConsumerGroups: `dapr-test-${run}`,
    env: { LOG_LEVEL: "warn", NOTIFICATION_RETRY_BASE_MS: "300" },
  });
}, 600_000);

afterAll(async () => {
  await stack?.close();
  await sink?.close();
  await dropDatabase?.();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

const port = (appId: string) => stack.apps.get(appId)!.app.ports;
const bearer =
  (token: string): Interceptor =>
  (next) =>
  (req) => {
    req.header.set("authorization", `Bearer ${token}`);
    return next(req);
  };
/** A browser's view: Connect over HTTP/1.1 to web, which forwards through its sidecar. */
const viaWeb = (token?: string) =>
  createConnectTransport({ baseUrl: stack.webUrl, httpVersion: "1.1", interceptors: token ? [bearer(token)] : [] });
/** What web's own client does: gRPC to web's sidecar, naming the callee (the breaker included). */
const viaWebSidecar = (token: string) =>
  createClientFactory({ mode: "kubernetes", env: { DAPR_GRPC_PORT: String(port("web").daprGrpc) } }).client(
    TaskService,
    "orchestrator",
  );
const withToken = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

async function register(label: string) {
  const email = `dapr-${label}-${run}@example.com`;
  const response = await createClient(AuthService, viaWeb()).register({
    email,
    password: `Pw-${crypto.randomUUID()}`,
    displayName: label,
    timeZone: "UTC",
    locale: "en",
  });
  return { email, token: response.tokens!.accessToken };
}

/** rpcCount reads an app's rpc_requests_total for one method (all codes) from its metrics listener. */
async function rpcCount(appId: string, method: string): Promise<number> {
  const p = port(appId);
  let text = await fetch(`http://127.0.0.1:${p.metrics}/metrics`).then(
    (r) => (r.ok ? r.text() : ""),
    () => "",
  );
  if (!text.includes("rpc_requests_total"))
    text = await fetch(`http://127.0.0.1:${p.http}/metrics`).then((r) => r.text());
  return text
    .split("\n")
    .filter((line) => line.startsWith("rpc_requests_total{") && line.includes(`method="${method}"`))
    .reduce((sum, line) => sum + Number(line.split(" ").pop()), 0);
}

describe("taskmesh through real Dapr sidecars", () => {
  test("the smoke flow passes: register, chat creates a task, audit sees it, delete", async () => {
    const lines: string[] = [];
    await runSmoke({ url: stack.webUrl, auditTimeoutMs: 30_000, log: (line) => lines.push(line) });
    expect(lines.filter((l) => l.startsWith("ok"))).toHaveLength(4);
  }, 90_000);

  test("a WatchTasks stream through web's sidecar, which has a resiliency policy (5 s … 20 s timeouts), stays open past a minute", async () => {
    const user = await register("watch");
    const tasks = createClient(TaskService, viaWeb(user.token));
    const abort = new AbortController();
    const seen: Task[] = [];
    const opened = Date.now();
    const watching = (async () => {
      for await (const change of tasks.watchTasks({}, { signal: abort.signal }))
        if (change.task) seen.push(change.task);
    })().catch((error: unknown) => (abort.signal.aborted ? undefined : error));
    await tasks.createTask({ title: "first, right away" });
    await waitFor("the first change on the stream", () => seen.some((t) => t.title === "first, right away"), 15_000);
    await Bun.sleep(Math.max(0, 65_000 - (Date.now() - opened)));
    await tasks.createTask({ title: "after a minute" });
    await waitFor(
      "a change after a minute on the same stream",
      () => seen.some((t) => t.title === "after a minute"),
      15_000,
    );
    expect(Date.now() - opened).toBeGreaterThan(60_000);
    abort.abort();
    expect(await watching).toBeUndefined();
  }, 120_000);

  test("recurrence: completing a recurring task makes the next one, computed by skills through recurring's sidecar", async () => {
    const user = await register("recur");
    const tasks = createClient(TaskService, viaWeb(user.token));
    const before = await rpcCount("skills", "NextOccurrence");
    const due = new Date(Date.now() + 86_400_000);
    const { task } = await tasks.createTask({
      title: "water the plants",
      dueAt: timestampFromDate(due),
      recurrence: { rrule: "FREQ=DAILY;COUNT=3", repeatFrom: RepeatFrom.DUE },
    });
    await tasks.completeTask({ id: task!.id });
    const next = await waitFor(
      "the next instance",
      async () => {
        const { tasks: all } = await tasks.listTasks({ status: TaskStatus.OPEN });
        return all.find((t) => t.recurrence?.seriesId === task!.recurrence!.seriesId && t.recurrence?.occurrence === 2);
      },
      30_000,
    );
    expect(next.title).toBe("water the plants");
    expect(await rpcCount("skills", "NextOccurrence")).toBeGreaterThan(before);
  }, 60_000);

  test("a reminder email: notification looks the address up with GetMe through its sidecar and mails it", async () => {
    const user = await register("remind");
    // No email reaches an address before its owner followed the link mailed to it (served by the orchestrator).
    expect(await verifyThroughLink(sink, user.email, `http://127.0.0.1:${port("orchestrator").http}`)).toBe(200);
    const tasks = createClient(TaskService, viaWeb(user.token));
    await tasks.createTask({
      title: "call the bank",
      reminder: { when: { case: "remindAt", value: timestampFromDate(new Date(Date.now() + 3_000)) } },
    });
    const email = await waitFor(
      "the reminder email",
      () => sink.received.find((m) => m.to.includes(user.email) && m.subject.startsWith("Reminder")),
      45_000,
    );
    expect(email.text + email.subject).toContain("call the bank");
  }, 60_000);

  test("INVALID_ARGUMENT through a sidecar with a retry policy is answered once, not retried, and trips no breaker", async () => {
    const user = await register("invalid");
    const client = viaWebSidecar(user.token);
    const before = await rpcCount("orchestrator", "CreateTask");
    for (let i = 0; i < 8; i++) {
      const error = await client.createTask({ title: "" }, withToken(user.token)).then(
        () => undefined,
        (e: unknown) => ConnectError.from(e),
      );
      expect(error?.code).toBe(Code.InvalidArgument);
    }
    expect(await rpcCount("orchestrator", "CreateTask")).toBe(before + 8);
    const { task } = await client.createTask({ title: "still fine" }, withToken(user.token));
    expect(task?.title).toBe("still fine");
  }, 60_000);

  test("secrets come through the sidecar, each app gets only its own: skills is refused the JWT private key", async () => {
    const read = (appId: string, name: string) =>
      readSecret(name, { daprHttpPort: String(port(appId).daprHttp), store: secretStoreName, waitMs: 2_000 });
    expect(await read("orchestrator", "jwt-private-key")).toContain("PRIVATE KEY");
    expect(await read("notification", "smtp-url")).toBe(sink.url);
    const refused = await read("skills", "jwt-private-key").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(SecretRefusedError);
    const webRefused = await read("web", "database-url").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(webRefused).toBeInstanceOf(SecretRefusedError);
  });

  test("callee down: Unavailable within the caller's deadline; back within seconds of its return", async () => {
    const user = await register("down");
    const client = viaWebSidecar(user.token);
    expect((await client.listTasks({}, withToken(user.token))).tasks).toEqual([]);
    await stack.stopApp("orchestrator");
    const started = Date.now();
    const error = await client.listTasks({}, { ...withToken(user.token), timeoutMs: 4_000 }).then(
      () => undefined,
      (e: unknown) => ConnectError.from(e),
    );
    const tookMs = Date.now() - started;
    expect(error?.code).toBe(Code.Unavailable);
    expect(tookMs).toBeLessThan(4_000);
    // a few more calls open the caller's breaker: they fail fast, still Unavailable
    for (let i = 0; i < 5; i++) {
      const again = await client.listTasks({}, { ...withToken(user.token), timeoutMs: 4_000 }).then(
        () => undefined,
        (e: unknown) => ConnectError.from(e),
      );
      expect(again?.code).toBe(Code.Unavailable);
    }
    await stack.startApp("orchestrator");
    const ready = Date.now();
    await waitFor(
      "calls through the sidecar again",
      () =>
        client.listTasks({}, withToken(user.token)).then(
          () => true,
          () => false,
        ),
      15_000,
    );
    const backAfterMs = Date.now() - ready;
    console.log(`callee down: Unavailable after ${tookMs} ms; calls back ${backAfterMs} ms after the callee was ready`);
    expect(backAfterMs).toBeLessThan(10_000);
  }, 120_000);
});
