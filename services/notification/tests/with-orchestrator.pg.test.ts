// Needs real Postgres (npm run infra:up). Runs the real orchestrator beside this service, as embedded
// mode does (in-memory bus, in-process calls), to cover the default email lookup: AuthService.GetMe
// called on behalf of the reminder's user.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { NotificationService } from "../../../gen/todo/v1/notification_service_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { createOrchestrator } from "../../orchestrator/orchestrator";
import type { TestStack } from "../../platform/testing/harness";
import { connectClient } from "../../platform/testing/tokens";
import { waitFor } from "../../platform/testing/wait";
import { createNotification } from "../notification";
import { type StackWithSink, startStackWithSink } from "../testing/sink-stack";
import type { SmtpSink } from "../testing/smtp-sink";
import { verifyThroughLink } from "../testing/verify-email";

let mail: StackWithSink;
let sink: SmtpSink;
let stack: TestStack;

beforeAll(async () => {
  mail = await startStackWithSink([createOrchestrator, createNotification]);
  ({ sink, stack } = mail);
}, 30_000);

afterAll(() => mail?.stop(), 30_000);

test("a task's reminder reaches its owner's registered address; completing a task first silences its reminder", async () => {
  const auth = connectClient(AuthService, stack.baseUrl);
  const email = `owner-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const { tokens } = await auth.register({ email, password: "correct horse battery", displayName: "Owner" });
  // No email reaches an address its owner has not confirmed: follow the link mailed to it first.
  expect(await verifyThroughLink(sink, email, stack.baseUrl)).toBe(200);
  const reminders = () => sink.received.filter((m) => m.subject.startsWith("Reminder"));
  const tasks = connectClient(TaskService, stack.baseUrl, tokens!.accessToken);
  const inbox = connectClient(NotificationService, stack.baseUrl, tokens!.accessToken);

  const remindAt = new Date(Date.now() + 2000);
  const reminder = { when: { case: "remindAt" as const, value: timestampFromDate(remindAt) } };
  const kept = await tasks.createTask({ title: "Buy milk", reminder });
  const done = await tasks.createTask({ title: "Already done", reminder });
  await tasks.completeTask({ id: done.task!.id, expectedVersion: done.task!.version });

  await waitFor("the reminder email", () => reminders().length > 0, 6000);
  await Bun.sleep(Math.max(0, remindAt.getTime() + 1000 - Date.now()));
  expect(reminders().map((m) => ({ to: m.to, subject: m.subject }))).toEqual([
    { to: [email], subject: "Reminder: Buy milk" },
  ]);
  expect(reminders()[0]!.receivedAt - remindAt.getTime()).toBeLessThan(1000);
  const listed = await inbox.listNotifications({});
  expect(listed.notifications.map((n) => n.taskId)).toEqual([kept.task!.id]);
}, 30_000);
