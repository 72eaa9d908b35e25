import { createClient, type Client, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { Kafka, logLevel } from "kafkajs";
import type { Metrics } from "../../platform/metrics";
import { testKafkaBrokers } from "../../platform/testing/infra";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import type { Task } from "../../../gen/todo/v1/task_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";

/** User is a registered test user with a TaskService client that sends their token. */
export interface User {
  userId: string;
  tasks: Client<typeof TaskService>;
}

const bearer = (token: string): Interceptor => (next) => (req) => {
  req.header.set("authorization", `Bearer ${token}`);
  return next(req);
};

/** signUp registers a fresh user through AuthService. */
export async function signUp(baseUrl: string, timeZone: string): Promise<User> {
  const auth = createClient(AuthService, createConnectTransport({ baseUrl, httpVersion: "1.1" }));
  const { user, tokens } = await auth.register({
    email: `recurring-${crypto.randomUUID()}@example.com`,
    password: "correct horse battery",
    displayName: "Recurring Test",
    timeZone,
    locale: "en",
  });
  const transport = createConnectTransport({ baseUrl, httpVersion: "1.1", interceptors: [bearer(tokens!.accessToken)] });
  return { userId: user!.id, tasks: createClient(TaskService, transport) };
}

/** allTasks lists every task of the user (open and completed), following pages. */
export async function allTasks(user: User): Promise<Task[]> {
  const out: Task[] = [];
  let pageToken = "";
  do {
    const page = await user.tasks.listTasks({ pageSize: 200, pageToken });
    out.push(...page.tasks);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return out;
}

/** waitFor polls until the check passes (returns a value other than undefined/false) or times out. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await Bun.sleep(25);
  }
}

/**
 * startGroupAtEnd commits a fresh consumer group's offsets at the current end of a topic, so a test's
 * consumer reads only what is published from now on — not the history other test runs left in the
 * shared topic. Must run before the group's consumer starts.
 */
export async function startGroupAtEnd(groupId: string, topic: string): Promise<void> {
  const admin = new Kafka({ clientId: "recurring-test-admin", brokers: testKafkaBrokers.split(","), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) return;
    const ends = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({ groupId, topic, partitions: ends.map(({ partition, high }) => ({ partition, offset: high })) });
  } finally {
    await admin.disconnect();
  }
}

/** consumedCount is how many messages a group has finished with on a topic (handled or dead-lettered). */
export async function consumedCount(metrics: Metrics, group: string, topic: string): Promise<number> {
  const { values } = await metrics.consumedEvents.get();
  return values.filter((v) => v.labels.group === group && v.labels.topic === topic).reduce((sum, v) => sum + v.value, 0);
}
