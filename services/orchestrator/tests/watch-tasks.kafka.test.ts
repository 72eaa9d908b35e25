import { afterAll, beforeAll, expect, test } from "bun:test";
import { createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { TaskChangeKind } from "../../../gen/todo/v1/task_pb";
import { TaskService, type WatchTasksResponse } from "../../../gen/todo/v1/task_service_pb";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { createOrchestrator } from "../orchestrator";
import { bearer, registerSession, type Session } from "../testing/session";

let replicaA: TestStack;
let replicaB: TestStack;
let owner: Session;
let stranger: Session;

beforeAll(async () => {
  replicaA = await startTestStack([createOrchestrator]);
  replicaB = await startTestStack([createOrchestrator], { databaseUrl: replicaA.databaseUrl });
  [owner, stranger] = await Promise.all([registerSession(replicaA.baseUrl), registerSession(replicaA.baseUrl)]);
}, 60_000);
afterAll(async () => {
  await replicaB.stop();
  await replicaA.stop();
}, 60_000);

/** watch opens a WatchTasks stream on a replica and collects non-heartbeat changes. */
function watch(baseUrl: string, token: string) {
  const controller = new AbortController();
  const changes: WatchTasksResponse[] = [];
  const tasks = createClient(
    TaskService,
    createConnectTransport({ baseUrl, httpVersion: "1.1", interceptors: [bearer(token)] }),
  );
  const done = (async () => {
    try {
      for await (const change of tasks.watchTasks({}, { signal: controller.signal }))
        if (!change.heartbeat) changes.push(change);
    } catch {
      // aborted at the end of the test
    }
  })();
  return { changes, close: async () => (controller.abort(), await done) };
}

const until = async (predicate: () => boolean, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (!predicate() && Date.now() < deadline) await Bun.sleep(20);
};

test("two streams of one user (on different replicas) both see a change made by a third client; another user's stream sees nothing", async () => {
  const onA = watch(replicaA.baseUrl, owner.accessToken);
  const onB = watch(replicaB.baseUrl, owner.accessToken);
  const strangers = watch(replicaB.baseUrl, stranger.accessToken);
  await Bun.sleep(1500); // let the replicas' live-view consumers join their groups

  // The third client signs in separately and writes through replica A.
  const { tokens } = await createClient(
    AuthService,
    createConnectTransport({ baseUrl: replicaA.baseUrl, httpVersion: "1.1" }),
  ).login({
    email: owner.email,
    password: "correct horse battery",
  });
  const third = createClient(
    TaskService,
    createConnectTransport({
      baseUrl: replicaA.baseUrl,
      httpVersion: "1.1",
      interceptors: [bearer(tokens!.accessToken)],
    }),
  );
  const { task } = await third.createTask({ title: "watch me" });
  await third.completeTask({ id: task!.id });

  await until(() => onA.changes.length >= 2 && onB.changes.length >= 2);
  await Bun.sleep(300);
  for (const stream of [onA, onB]) {
    expect(stream.changes.map((c) => [c.kind, c.task?.id, c.task?.title])).toEqual([
      [TaskChangeKind.CREATED, task!.id, "watch me"],
      [TaskChangeKind.COMPLETED, task!.id, "watch me"],
    ]);
  }
  expect(strangers.changes).toEqual([]);
  await Promise.all([onA.close(), onB.close(), strangers.close()]);
});
