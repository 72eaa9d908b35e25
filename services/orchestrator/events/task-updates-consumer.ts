import { create } from "@bufbuild/protobuf";
import { TaskChangedSchema } from "../../../gen/todo/events/v1/task_updates_pb";
import { type WatchTasksResponse, WatchTasksResponseSchema } from "../../../gen/todo/v1/task_service_pb";
import { type EventBus, subscribeEveryReplica } from "../../platform/bus/event-bus";
import { topics } from "../../platform/bus/event-codec";
import { onMessage } from "../../platform/bus/typed-events";
import type { LiveHub } from "../../platform/live-hub";

/** subscribeTaskUpdates feeds this replica's WatchTasks streams from every `task-updates` message. */
export function subscribeTaskUpdates(bus: EventBus, hub: LiveHub<WatchTasksResponse>): Promise<void> {
  return subscribeEveryReplica(
    bus,
    "orchestrator-watch",
    [topics.taskUpdates],
    onMessage(TaskChangedSchema, ({ event: changed, meta }) => {
      hub.publish(meta.userId, create(WatchTasksResponseSchema, { kind: changed.kind, task: changed.task }));
    }),
  );
}
