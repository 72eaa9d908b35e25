import { TaskService, type WatchTasksResponse } from "../../../gen/todo/v1/task_service_pb";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { connectClient } from "../../platform/testing/tokens";
import { createOrchestrator } from "../orchestrator";
import { registerSession, type Session } from "./session";

/** ReplicaPair is two orchestrator replicas on one database with real Kafka, and two users registered on A. */
export interface ReplicaPair {
  replicaA: TestStack;
  replicaB: TestStack;
  owner: Session;
  stranger: Session;
  stop(): Promise<void>;
}

export async function startReplicaPair(): Promise<ReplicaPair> {
  const replicaA = await startTestStack([createOrchestrator]);
  const replicaB = await startTestStack([createOrchestrator], { databaseUrl: replicaA.databaseUrl });
  const [owner, stranger] = await Promise.all([registerSession(replicaA.baseUrl), registerSession(replicaA.baseUrl)]);
  return {
    replicaA,
    replicaB,
    owner,
    stranger,
    async stop() {
      await replicaB.stop();
      await replicaA.stop();
    },
  };
}

/** watchTasks opens a WatchTasks stream on one replica and collects its non-heartbeat changes until close(). */
export function watchTasks(baseUrl: string, token: string) {
  const controller = new AbortController();
  const changes: WatchTasksResponse[] = [];
  const tasks = connectClient(TaskService, baseUrl, token);
  const done = (async () => {
    try {
      for await (const change of tasks.watchTasks({}, { signal: controller.signal }))
        if (!change.heartbeat) changes.push(change);
    } catch {
      // aborted at the end of the test
    }
  })();
  const close = async () => {
    controller.abort();
    await done;
  };
  return { changes, close };
}
