import { create } from "@bufbuild/protobuf";
import { decodeEvent, topics } from "../../platform/bus/event-codec";
import { subscribeEveryReplica, type EventBus } from "../../platform/bus/event-bus";
import type { LiveHub } from "../../platform/live-hub";
import type { TaskChanged } from "../../../gen/todo/events/v1/task_updates_pb";
import { type WatchTasksResponse, WatchTasksResponseSchema } from "../../../gen/todo/v1/task_service_pb";

/** subscribeTaskUpdates feeds this replica's WatchTasks streams from every `task-updates` message. */
export function subscribeTaskUpdates(bus: EventBus, hub: LiveHub<WatchTasksResponse>): Promise<void> {
  return subscribeEveryReplica(bus, "orchestrator-watch", [topics.taskUpdates], async (message) => {
    const decoded = decodeEvent(message);
    if (decoded.type !== "todo.events.v1.TaskChanged") return;
    const changed = decoded.event as TaskChanged;
    hub.publish(decoded.meta.userId, create(WatchTasksResponseSchema, { kind: changed.kind, task: changed.task }));
  });
}
