import { afterAll, beforeAll, expect, test } from "bun:test";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { TaskChangeKind } from "../../../gen/todo/v1/task_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { connectClient } from "../../platform/testing/tokens";
import { waitFor } from "../../platform/testing/wait";
import { type ReplicaPair, startReplicaPair, watchTasks } from "../testing/replicas";

let pair: ReplicaPair;

beforeAll(async () => {
  pair = await startReplicaPair();
}, 60_000);
afterAll(() => pair.stop(), 60_000);

test("two streams of one user (on different replicas) both see a change made by a third client; another user's stream sees nothing", async () => {
  const onA = watchTasks(pair.replicaA.baseUrl, pair.owner.accessToken);
  const onB = watchTasks(pair.replicaB.baseUrl, pair.owner.accessToken);
  const strangers = watchTasks(pair.replicaB.baseUrl, pair.stranger.accessToken);
  await Bun.sleep(1500); // let the replicas' live-view consumers join their groups

  // The third client signs in separately and writes through replica A.
  const { tokens } = await connectClient(AuthService, pair.replicaA.baseUrl).login({
    email: pair.owner.email,
    password: "correct horse battery",
  });
  const third = connectClient(TaskService, pair.replicaA.baseUrl, tokens!.accessToken);
  const { task } = await third.createTask({ title: "watch me" });
  await third.completeTask({ id: task!.id });

  await waitFor("both replicas' streams", () => onA.changes.length >= 2 && onB.changes.length >= 2);
  await Bun.sleep(300);
  for (const stream of [onA, onB]) {
    expect(stream.changes.map((c) => [c.kind, c.task?.id, c.task?.title])).toEqual([
      [TaskChangeKind.CREATED, task!.id, "watch me"],
      [TaskChangeKind.COMPLETED, task!.id, "watch me"],
    ]);
  }
  expect(strangers.changes).toEqual([]);
  await Promise.all([onA.close(), onB.close(), strangers.close()]);
}, 30_000);
