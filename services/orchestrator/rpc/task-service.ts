import { create } from "@bufbuild/protobuf";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { Client, ServiceImpl } from "@connectrpc/connect";
import type { SkillService } from "../../../gen/todo/skills/v1/skill_service_pb";
import {
  type TaskService,
  TaskSort,
  type WatchTasksResponse,
  WatchTasksResponseSchema,
} from "../../../gen/todo/v1/task_service_pb";
import { callerId, isServiceCall } from "../../platform/auth/caller";
import type { Db } from "../../platform/db/database";
import type { LiveHub } from "../../platform/live-hub";
import type { Quota } from "../../platform/quota";
import { authorize } from "../db/access";
import { checkAssignee, mayHold } from "../db/assignees";
import { projectNamesOf } from "../db/project-names";
import { listTasks, type TaskSortKey } from "../db/task-query";
import { toTaskMessage } from "../db/task-row";
import type { TaskStore } from "../db/task-store";
import type { UserStore } from "../db/user-store";
import type { ShareAudience } from "../events/share-audience";
import { placementAccess, sameOwner } from "./acting-owner";
import { parseQuickAdd } from "./quick-add";
import {
  checkDueRange,
  checkListScope,
  checkRecurrence,
  checkSubtasksSource,
  newTaskFields,
  updatePatch,
} from "./task-input";

const sortKeys: Record<TaskSort, TaskSortKey> = {
  [TaskSort.UNSPECIFIED]: "created",
  [TaskSort.DUE]: "due",
  [TaskSort.PRIORITY]: "priority",
  [TaskSort.CREATED]: "created",
  [TaskSort.TITLE]: "title",
  [TaskSort.MANUAL]: "manual",
};

const heartbeat = create(WatchTasksResponseSchema, { heartbeat: true });

export interface TaskServiceDeps {
  db: Db;
  store: TaskStore;
  users: UserStore;
  updates: LiveHub<WatchTasksResponse>;
  shutdown: AbortSignal;
  /** skills answers ParseQuickAdd; resolved per call, so the skills service may start after us. */
  skills: () => Client<typeof SkillService>;
  /** creates limits each user's own task creations (QUOTA_TASK_CREATES_PER_HOUR); services acting for them are exempt. */
  creates: Quota;
  /** shares tells whether the caller is a member of any project (their listings then take shared projects too). */
  shares: Pick<ShareAudience, "isMember">;
}

/** taskService implements todo.v1.TaskService: thin mapping around the task store. */
export function taskService({
  db,
  store,
  users,
  updates,
  shutdown,
  skills,
  creates,
  shares,
}: TaskServiceDeps): ServiceImpl<typeof TaskService> {
  return {
    async createTask(req, context) {
      const userId = callerId(context);
      if (!isServiceCall(context)) creates.enforce(userId);
      // The profile lookup (cached) also refuses a deleted account: NotFound, even for a service acting for it.
      const profileZone = await users.timeZoneOf(userId);
      const timeZone = req.timeZone || profileZone;
      await checkRecurrence(req.recurrence, req.dueAt, timeZone);
      const fields = newTaskFields(req, { timeZone });
      const to = {
        projectId: req.projectId || undefined,
        sectionId: req.sectionId || undefined,
        parentId: req.parentId || undefined,
      };
      // In a shared project the task is its owner's, as every row of the project is; the caller is the actor.
      const ownerId = (await placementAccess(db, userId, to))?.ownerId ?? userId;
      const placement = to.projectId || to.sectionId || to.parentId ? await store.place(ownerId, to) : undefined;
      // Without a placement the task goes to the owner's Inbox, which is never shared: only the owner is assignable.
      const projectId = placement?.projectId ?? null;
      // A service acting for the owner (a recurring series' next instance) drops an assignee who has since lost
      // access, rather than never creating the instance; a person's call is refused on the field.
      if (isServiceCall(context) && fields.assigneeId && !(await mayHold(db, ownerId, projectId, fields.assigneeId)))
        fields.assigneeId = null;
      await checkAssignee(db, ownerId, projectId, fields.assigneeId);
      if (req.subtasksFromId) await checkSubtasksSource(store, ownerId, req.subtasksFromId);
      const task = await store.create(ownerId, fields, req.requestId || null, placement);
      // Not in the create's statement, but idempotent: a retry finds the copy made and copies nothing.
      if (req.subtasksFromId) await store.copySubtasks(ownerId, req.subtasksFromId, task.id);
      return { task: toTaskMessage(task) };
    },
    // The task calls below check the caller's access in the store's own first read (db/access.ts actingOn): the
    // rule read live in the same statement as the row, one round trip fewer than authorize first (docs/sharing.md).
    async getTask(req, context) {
      return { task: toTaskMessage(await store.get({ callerId: callerId(context), need: "read" }, req.id)) };
    },
    async updateTask(req, context) {
      const { paths, patch } = updatePatch(req);
      if (paths.includes("recurrence")) await checkRecurrence(req.recurrence, req.dueAt, req.timeZone);
      const caller = { callerId: callerId(context), need: "write" } as const;
      // An assignee is checked against the task's project before anything is written: that needs authorize first.
      if (paths.includes("assignee_id")) {
        const access = await authorize(db, caller.callerId, { task: req.id }, caller.need);
        await checkAssignee(db, access.ownerId, access.projectId, req.assigneeId.toLowerCase() || null);
      }
      return { task: toTaskMessage(await store.update(caller, req.id, req.expectedVersion, patch, paths)) };
    },
    async completeTask(req, context) {
      const caller = { callerId: callerId(context), need: "write" } as const;
      return { task: toTaskMessage(await store.changeStatus(caller, req.id, "completed", req.expectedVersion)) };
    },
    async reopenTask(req, context) {
      const caller = { callerId: callerId(context), need: "write" } as const;
      return { task: toTaskMessage(await store.changeStatus(caller, req.id, "reopened", req.expectedVersion)) };
    },
    async deleteTask(req, context) {
      const caller = { callerId: callerId(context), need: "write" } as const;
      return { task: toTaskMessage(await store.changeStatus(caller, req.id, "deleted", req.expectedVersion)) };
    },
    async restoreTask(req, context) {
      const caller = { callerId: callerId(context), need: "write" } as const;
      return { task: toTaskMessage(await store.changeStatus(caller, req.id, "restored", 0n)) };
    },
    async moveTask(req, context) {
      const userId = callerId(context);
      const to = {
        projectId: req.projectId || undefined,
        sectionId: req.sectionId || undefined,
        parentId: req.parentId || undefined,
      };
      const from = await authorize(db, userId, { task: req.id }, "write");
      sameOwner(from.ownerId, await placementAccess(db, userId, to));
      const task = await store.move(from.ownerId, req.id, {
        ...to,
        beforeId: req.beforeId || undefined,
        afterId: req.afterId || undefined,
        expectedVersion: req.expectedVersion,
      });
      // Moved out of the tree its assignee is a member of: unassigned (a second write, after the move's).
      if (task.assigneeId && !(await mayHold(db, task.userId, task.projectId, task.assigneeId))) {
        const unassigned = await store.update(from.ownerId, req.id, 0n, () => ({ assigneeId: null }), ["assignee_id"]);
        return { task: toTaskMessage(unassigned) };
      }
      return { task: toTaskMessage(task) };
    },
    async listTasks(req, context) {
      checkDueRange(req.dueAfter, req.dueBefore);
      const userId = callerId(context);
      // The scope check (another user's project, section or parent is NotFound) runs beside the listing, which is
      // scoped to the caller anyway: one round trip of waiting, not two. Its answer comes first. Nothing is awaited
      // between starting the two and settling them: a rejection left unobserved across an await is an unhandled
      // rejection, which ends a Bun or Node process.
      const member = await shares.isMember(userId);
      const [scope, listing] = await Promise.allSettled([
        checkListScope(db, userId, req),
        listTasks(
          db,
          userId,
          {
            status: req.status || undefined,
            tags: req.tags,
            priorities: req.priorities,
            dueAfter: req.dueAfter ? timestampDate(req.dueAfter) : undefined,
            dueBefore: req.dueBefore ? timestampDate(req.dueBefore) : undefined,
            overdue: req.overdue,
            text: req.query.trim(),
            sort: sortKeys[req.sort],
            descending: req.descending,
            pageSize: req.pageSize || 50,
            pageToken: req.pageToken,
            includeDeleted: req.includeDeleted,
            projectId: req.projectId || undefined,
            sectionId: req.sectionId || undefined,
            parentId: req.parentId || undefined,
            noSection: req.noSection,
            topLevelOnly: req.topLevelOnly,
            includeArchivedProjects: req.includeArchivedProjects,
            assignedToMe: req.assignedToMe,
          },
          member,
        ),
      ]);
      if (scope.status === "rejected") throw scope.reason;
      if (listing.status === "rejected") throw listing.reason;
      const { rows, nextPageToken } = listing.value;
      return { tasks: rows.map(toTaskMessage), nextPageToken };
    },
    async parseQuickAdd(req, context) {
      const userId = callerId(context);
      const user = await users.byId(userId);
      return parseQuickAdd(skills(), req, user, () => projectNamesOf(db, userId));
    },
    async *watchTasks(_req, context) {
      yield* updates.open(callerId(context), [context.signal, shutdown], heartbeat);
    },
  };
}
