import type { ServiceImpl } from "@connectrpc/connect";
import { type ProjectService, SectionTasks } from "../../../gen/todo/v1/project_service_pb";
import { callerId } from "../../platform/auth/caller";
import type { Db } from "../../platform/db/database";
import { InvalidArgumentError } from "../../platform/errors";
import { authorize, demand } from "../db/access";
import { toProjectMessage, toSectionMessage } from "../db/project-row";
import type { ProjectEdit, ProjectStore } from "../db/project-store";
import type { SectionEdit, SectionStore } from "../db/section-store";
import { ownerFor, referenceAccess, sameOwner } from "./acting-owner";

const projectPaths = ["name", "colour", "parent_id", "position", "archived"] as const;
const sectionPaths = ["name", "position"] as const;

/** maskPaths checks an update mask against the paths a message allows; an unknown path is an InvalidArgument. */
function maskPaths<P extends string>(paths: readonly string[], allowed: readonly P[]): Set<P> {
  const unknown = paths.filter((p) => !(allowed as readonly string[]).includes(p));
  if (unknown.length > 0 || paths.length === 0) {
    throw new InvalidArgumentError([
      {
        field: "update_mask",
        description:
          paths.length === 0
            ? "name at least one field"
            : `unknown field ${unknown.join(", ")}; allowed: ${allowed.join(", ")}`,
      },
    ]);
  }
  return new Set(paths as P[]);
}

/** requiredName refuses a blank name where the mask names one (the contract's min_len cannot, as empty means "not set"). */
function requiredName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new InvalidArgumentError([{ field: "name", description: "must not be empty" }]);
  return trimmed;
}

/**
 * projectService implements todo.v1.ProjectService: thin mapping around the project store, which acts as the owner
 * of the project tree once db/access.ts authorized the caller (a sub-project inherits its top-level project's
 * members; the top-level project itself is renamed, moved, archived or deleted by its owner only).
 */
export function projectService(
  store: ProjectStore,
  sections: SectionStore,
  db: Db,
): ServiceImpl<typeof ProjectService> {
  /** projectAccess: a top-level project's changes (and any move) are its owner's; a sub-project's are an editor's too. */
  const projectAccess = async (userId: string, id: string, moves = false) => {
    const access = await authorize(db, userId, { project: id }, "read");
    return demand(access, moves || access.topLevel ? "own" : "write");
  };
  return {
    async createProject(req, context) {
      const userId = callerId(context);
      const parent = req.parentId
        ? await referenceAccess(db, userId, { project: req.parentId }, "parent_id", "project")
        : null;
      const project = await store.create(parent?.ownerId ?? userId, {
        name: requiredName(req.name),
        colour: req.colour.toLowerCase(),
        parentId: req.parentId || null,
        afterId: req.afterId || undefined,
        requestId: req.requestId || undefined,
      });
      // A sub-project of someone else's tree is theirs; the creator's role on it is their role on the parent.
      return { project: toProjectMessage(project, parent?.role ?? "owner") };
    },
    async getProject(req, context) {
      // The caller's role is read in the store's own statement (one round trip; docs/sharing.md).
      const project = await store.get({ callerId: callerId(context), need: "read" }, req.id);
      return { project: toProjectMessage(project, project.role) };
    },
    async listProjects(req, context) {
      const rows = await store.list(callerId(context), {
        includeArchived: req.includeArchived,
        includeDeleted: req.includeDeleted,
      });
      return { projects: rows.map((row) => toProjectMessage(row, row.role)) };
    },
    async updateProject(req, context) {
      const paths = maskPaths(req.updateMask?.paths ?? [], projectPaths);
      const edit: ProjectEdit = {
        paths,
        name: paths.has("name") ? requiredName(req.name) : "",
        colour: req.colour.toLowerCase(),
        parentId: req.parentId || null,
        beforeId: req.beforeId || undefined,
        afterId: req.afterId || undefined,
        archived: req.archived,
      };
      const userId = callerId(context);
      const moves = paths.has("parent_id");
      const { ownerId, role } = await projectAccess(userId, req.id, moves);
      if (moves) {
        if (req.parentId) {
          sameOwner(ownerId, await referenceAccess(db, userId, { project: req.parentId }, "parent_id", "project"));
        }
      }
      return { project: toProjectMessage(await store.update(ownerId, req.id, req.expectedVersion, edit), role) };
    },
    async deleteProject(req, context) {
      const { ownerId, role } = await projectAccess(callerId(context), req.id);
      const { project, taskCount } = await store.delete(ownerId, req.id, req.expectedVersion);
      return { project: toProjectMessage(project, role), deletedTaskCount: taskCount };
    },
    async restoreProject(req, context) {
      const { ownerId, role } = await projectAccess(callerId(context), req.id);
      const { project, taskCount } = await store.restore(ownerId, req.id);
      return { project: toProjectMessage(project, role), restoredTaskCount: taskCount };
    },
    async createSection(req, context) {
      const ownerId = await ownerFor(db, callerId(context), { project: req.projectId }, "write");
      const section = await sections.create(ownerId, {
        projectId: req.projectId,
        name: requiredName(req.name),
        afterId: req.afterId || undefined,
        requestId: req.requestId || undefined,
      });
      return { section: toSectionMessage(section) };
    },
    async updateSection(req, context) {
      const paths = maskPaths(req.updateMask?.paths ?? [], sectionPaths);
      const edit: SectionEdit = {
        paths,
        name: paths.has("name") ? requiredName(req.name) : "",
        beforeId: req.beforeId || undefined,
        afterId: req.afterId || undefined,
      };
      const ownerId = await ownerFor(db, callerId(context), { section: req.id }, "write");
      return { section: toSectionMessage(await sections.update(ownerId, req.id, req.expectedVersion, edit)) };
    },
    async deleteSection(req, context) {
      const tasksGo = req.tasks === SectionTasks.DELETE ? "deleted" : "project";
      const { section, moved, deleted } = await sections.delete(
        await ownerFor(db, callerId(context), { section: req.id }, "write"),
        req.id,
        req.expectedVersion,
        tasksGo,
      );
      return { section: toSectionMessage(section), movedTaskCount: moved, deletedTaskCount: deleted };
    },
    async listSections(req, context) {
      const ownerId = await ownerFor(db, callerId(context), { project: req.projectId }, "read");
      const rows = await sections.list(ownerId, req.projectId);
      return { sections: rows.map(toSectionMessage) };
    },
  };
}
