import { create, isMessage, type MessageInitShape } from "@bufbuild/protobuf";
import { CommentChangedSchema } from "../../../gen/todo/events/v1/comment_events_pb";
import { SavedFilterChangedSchema } from "../../../gen/todo/events/v1/filter_events_pb";
import {
  InvitationAcceptedSchema,
  MemberRemovedSchema,
  MemberRoleChangedSchema,
  ProjectOwnershipTransferredSchema,
} from "../../../gen/todo/events/v1/share_events_pb";
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
import type { Logger } from "../../platform/logger";
import type { ShareAudience } from "./share-audience";

/**
 * subscribeTaskUpdates feeds this replica's WatchTasks streams from every `task-updates` message: task snapshots,
 * and project, section, saved-filter and comment snapshots, so those changes reach other clients the way a task change does.
 * A change in a shared project reaches its owner (meta.user_id) and every member; a saved filter is its owner's alone.
 * Each response names who made the change (meta.actor_user_id / actor_display_name).
 */
export function subscribeTaskUpdates(
  bus: EventBus,
  hub: LiveHub<WatchTasksResponse>,
  audience: ShareAudience,
  logger: Logger,
): Promise<void> {
  const toEveryone = async (ownerId: string, projectId: string, value: WatchTasksResponse) => {
    hub.publish(ownerId, value);
    const members = await audience.membersOf(projectId).catch((error: unknown) => {
      // The database is away: members miss this one live change (their next read has it); the owner has it.
      logger.warn({ err: error, projectId }, "share audience unavailable");
      return [];
    });
    for (const member of members) hub.publish(member, value);
  };
  return subscribeEveryReplica(
    bus,
    "orchestrator-watch",
    [topics.taskUpdates],
    onMessage(
      [TaskChangedSchema, ProjectChangedSchema, SectionChangedSchema, SavedFilterChangedSchema, CommentChangedSchema],
      async ({ event: changed, meta }) => {
        // Who made the change, so a member's client can say "Sara completed 'report'" (empty: the system).
        const change = (fields: MessageInitShape<typeof WatchTasksResponseSchema>) =>
          create(WatchTasksResponseSchema, {
            ...fields,
            actorUserId: meta.actorUserId,
            actorDisplayName: meta.actorDisplayName,
          });
        if (isMessage(changed, SavedFilterChangedSchema)) {
          hub.publish(meta.userId, change({ savedFilter: changed.savedFilter, savedFilterKind: changed.kind }));
        } else if (isMessage(changed, TaskChangedSchema)) {
          await toEveryone(
            meta.userId,
            changed.task?.projectId ?? "",
            change({ kind: changed.kind, task: changed.task }),
          );
        } else if (isMessage(changed, CommentChangedSchema)) {
          await toEveryone(
            meta.userId,
            changed.comment?.projectId ?? "",
            change({ comment: changed.comment, commentKind: changed.kind }),
          );
        } else if (isMessage(changed, ProjectChangedSchema)) {
          await toEveryone(
            meta.userId,
            changed.project?.id ?? "",
            change({ project: changed.project, projectKind: changed.kind }),
          );
        } else {
          await toEveryone(
            meta.userId,
            changed.section?.projectId ?? "",
            change({ section: changed.section, sectionKind: changed.kind }),
          );
        }
      },
    ),
  );
}

/**
 * subscribeShareChanges makes a membership change felt at once on this replica: the cached member lists are
 * forgotten (a new member's streams get the project's next change, and a client that meets a project it does not
 * know reads its projects again), and the streams of people who lost access are closed, so their clients
 * reconnect and read again without the project. Nothing is sent to a removed member after their stream is cut.
 */
export function subscribeShareChanges(
  bus: EventBus,
  hub: LiveHub<WatchTasksResponse>,
  audience: ShareAudience,
): Promise<void> {
  return subscribeEveryReplica(
    bus,
    "orchestrator-share",
    [topics.taskEvents],
    onMessage(
      [MemberRemovedSchema, InvitationAcceptedSchema, MemberRoleChangedSchema, ProjectOwnershipTransferredSchema],
      ({ event }) => {
        audience.forget();
        if (isMessage(event, MemberRemovedSchema)) hub.closeUser(event.memberId);
        else if (isMessage(event, ProjectOwnershipTransferredSchema)) {
          hub.closeUser(event.fromUserId);
          hub.closeUser(event.toUserId);
        }
      },
    ),
  );
}
