// Needs real Postgres and Kafka (npm run infra:up). Issue 10 item 5: Logout revokes the session's access
// tokens on every replica of every service; reusing a spent refresh token revokes the whole family.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { NotificationService } from "../../../gen/todo/v1/notification_service_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { createNotification } from "../../notification/notification";
import { createOrchestrator } from "../../orchestrator/orchestrator";
import { anonymousAuth, registerSession } from "../../orchestrator/testing/session";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { codeOf } from "../../platform/testing/outcome";
import { connectClient } from "../../platform/testing/tokens";
import { waitFor } from "../../platform/testing/wait";

let orchestrator: TestStack;
let replica: TestStack;
let notification: TestStack;

beforeAll(async () => {
  orchestrator = await startTestStack([createOrchestrator]);
  // A second orchestrator replica on the same database, and a notification replica: each verifies tokens itself.
  replica = await startTestStack([createOrchestrator], { databaseUrl: orchestrator.databaseUrl });
  notification = await startTestStack([createNotification], { databaseUrl: orchestrator.databaseUrl });
}, 90_000);
afterAll(async () => {
  await notification?.stop();
  await replica?.stop();
  await orchestrator?.stop();
}, 60_000);

test("Logout revokes that session's access token here at once and on the other replicas and services soon after; other sessions live on", async () => {
  const user = await registerSession(orchestrator.baseUrl);
  const other = await anonymousAuth(orchestrator.baseUrl).login({
    email: user.email,
    password: "correct horse battery",
  });
  const tasksAt = (stack: TestStack, token: string) => connectClient(TaskService, stack.baseUrl, token);
  const inboxAt = (token: string) => connectClient(NotificationService, notification.baseUrl, token);
  expect(await codeOf(tasksAt(replica, user.accessToken).listTasks({}))).toBe("OK");
  expect(await codeOf(inboxAt(user.accessToken).listNotifications({}))).toBe("OK");

  await user.auth.logout({ refreshToken: user.refreshToken });
  const loggedOutAt = Date.now();
  expect(await codeOf(tasksAt(orchestrator, user.accessToken).listTasks({}))).toBe("Unauthenticated");
  await waitFor(
    "the other orchestrator replica refuses the token",
    async () => (await codeOf(tasksAt(replica, user.accessToken).listTasks({}))) === "Unauthenticated" || undefined,
    15_000,
  );
  await waitFor(
    "the notification service refuses the token",
    async () => (await codeOf(inboxAt(user.accessToken).listNotifications({}))) === "Unauthenticated" || undefined,
    15_000,
  );
  console.log(`revocation reached the other replica and service within ${Date.now() - loggedOutAt} ms`);
  // The same account's other session is untouched.
  expect(await codeOf(tasksAt(replica, other.tokens!.accessToken).listTasks({}))).toBe("OK");
}, 60_000);

test("a spent refresh token presented again revokes the whole family: the rotated refresh token and its access token stop working", async () => {
  const auth = anonymousAuth(orchestrator.baseUrl);
  const user = await registerSession(orchestrator.baseUrl);
  const { tokens: rotated } = await auth.refresh({ refreshToken: user.refreshToken });
  const tasks = connectClient(TaskService, orchestrator.baseUrl, rotated!.accessToken);
  expect(await codeOf(tasks.listTasks({}))).toBe("OK");

  // An attacker replays the first (spent) refresh token.
  expect(await codeOf(auth.refresh({ refreshToken: user.refreshToken }))).toBe("Unauthenticated");
  expect(await codeOf(auth.refresh({ refreshToken: rotated!.refreshToken }))).toBe("Unauthenticated");
  expect(await codeOf(tasks.listTasks({}))).toBe("Unauthenticated");
  expect(await codeOf(connectClient(TaskService, orchestrator.baseUrl, user.accessToken).listTasks({}))).toBe(
    "Unauthenticated",
  );
  await waitFor(
    "the replica refuses the family's access token",
    async () =>
      (await codeOf(connectClient(TaskService, replica.baseUrl, rotated!.accessToken).listTasks({}))) ===
        "Unauthenticated" || undefined,
    15_000,
  );
}, 60_000);

test("a replica that starts after a logout still refuses the session's tokens (reloaded from the database)", async () => {
  const user = await registerSession(orchestrator.baseUrl);
  await user.auth.logout({ refreshToken: user.refreshToken });
  const late = await startTestStack([createOrchestrator], { databaseUrl: orchestrator.databaseUrl, kafka: false });
  try {
    expect(await codeOf(connectClient(TaskService, late.baseUrl, user.accessToken).listTasks({}))).toBe(
      "Unauthenticated",
    );
  } finally {
    await late.stop();
  }
}, 60_000);
