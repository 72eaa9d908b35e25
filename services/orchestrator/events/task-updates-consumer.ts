import { create, isMessage } from "@bufbuild/protobuf";
import { SavedFilterChangedSchema } from "../../../gen/todo/events/v1/filter_events_pb";
import {
  ProjectChangedSchema,
  SectionChangedSchema,
  TaskChangedSchema,
} from "../../../gen/todo/events/v1/task_updates_pb";
import { type WatchTasksResponse, WatchTasksResponseSchema } from "../../../gen/todo/v1/task_service_pb";
import { type EventBus, subscribeEveryReplica } from "../../platform/bus/event-bus";
import { topics } from "../../platform/bus/event-codec";
import { onMessage } from "../../platform/bus/typed-events";
import type { LiveHub } from "../../platform/live-hub";

/**
 * subscribeTaskUpdates feeds this replica's WatchTasks streams from every `task-updates` message: task snapshots,
 * and project, section and saved-filter snapshots, so those changes reach other clients the way a task change does.
 */
export function subscribeTaskUpdates(bus: EventBus, hub: LiveHub<WatchTasksResponse>): Promise<void> {
  return subscribeEveryReplica(
    bus,
    "orchestrator-watch",
    [topics.taskUpdates],
    onMessage(
      [TaskChangedSchema, ProjectChangedSchema, SectionChangedSchema, SavedFilterChangedSchema],
      ({ event: changed, meta }) => {
        if (isMessage(changed, TaskChangedSchema)) {
          hub.publish(meta.userId, create(WatchTasksResponseSchema, { kind: changed.kind, task: changed.task }));
        } else if (isMessage(changed, ProjectChangedSchema)) {
          hub.publish(
            meta.userId,
            create(WatchTasksResponseSchema, { project: changed.project, projectKind: changed.kind }),
          );
        } else if (isMessage(changed, SavedFilterChangedSchema)) {
          hub.publish(
            meta.userId,
            create(WatchTasksResponseSchema, { savedFilter: changed.savedFilter, savedFilterKind: changed.kind }),
          );
        } else {
          hub.publish(
            meta.userId,
            create(WatchTasksResponseSchema, { section: changed.section, sectionKind: changed.kind }),
          );
        }
      },
    ),
  );
}
