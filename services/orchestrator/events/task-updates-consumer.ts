import { create } from "@bufbuild/protobuf";
import { decodeEvent, topics } from "../../platform/bus/event-codec";
import type { EventBus } from "../../platform/bus/event-bus";
import type { LiveHub } from "../../platform/live-hub";
import type { TaskChanged } from "../../../gen/todo/events/v1/task_updates_pb";
import { type WatchTasksResponse, WatchTasksResponseSchema } from "../../../gen/todo/v1/task_service_pb";

/**
 * subscribeTaskUpdates feeds WatchTasks streams from `task-updates`. Each replica reads every update
 * with a group of its own (live views need all of them, not a share), starting at the newest.
 */
export async function subscribeTaskUpdates(bus: EventBus, hub: LiveHub<WatchTasksResponse>, instanceId: string): Promise<void> {
  await bus.subscribe({
    groupId: `orchestrator-watch-${instanceId}`,
    topics: [topics.taskUpdates],
    fromBeginning: false,
    handle: async (message) => {
      const decoded = decodeEvent(message);
      if (decoded.type !== "todo.events.v1.TaskChanged") return;
      const changed = decoded.event as TaskChanged;
      hub.publish(decoded.meta.userId, create(WatchTasksResponseSchema, { kind: changed.kind, task: changed.task }));
    },
  });
}
