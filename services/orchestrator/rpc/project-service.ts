import type { ServiceImpl } from "@connectrpc/connect";
import { type ProjectService, SectionTasks } from "../../../gen/todo/v1/project_service_pb";
import { callerId } from "../../platform/auth/caller";
import { InvalidArgumentError } from "../../platform/errors";
import { toProjectMessage, toSectionMessage } from "../db/project-row";
import type { ProjectEdit, ProjectStore } from "../db/project-store";
import type { SectionEdit, SectionStore } from "../db/section-store";

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

/** projectService implements todo.v1.ProjectService: thin mapping around the project store. */
export function projectService(store: ProjectStore, sections: SectionStore): ServiceImpl<typeof ProjectService> {
  return {
    async createProject(req, context) {
      const project = await store.create(callerId(context), {
        name: requiredName(req.name),
        colour: req.colour.toLowerCase(),
        parentId: req.parentId || null,
        afterId: req.afterId || undefined,
        requestId: req.requestId || undefined,
      });
      return { project: toProjectMessage(project) };
    },
    async getProject(req, context) {
      return { project: toProjectMessage(await store.get(callerId(context), req.id)) };
    },
    async listProjects(req, context) {
      const rows = await store.list(callerId(context), {
        includeArchived: req.includeArchived,
        includeDeleted: req.includeDeleted,
      });
      return { projects: rows.map(toProjectMessage) };
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
      return { project: toProjectMessage(await store.update(callerId(context), req.id, req.expectedVersion, edit)) };
    },
    async deleteProject(req, context) {
      const { project, taskCount } = await store.delete(callerId(context), req.id, req.expectedVersion);
      return { project: toProjectMessage(project), deletedTaskCount: taskCount };
    },
    async restoreProject(req, context) {
      const { project, taskCount } = await store.restore(callerId(context), req.id);
      return { project: toProjectMessage(project), restoredTaskCount: taskCount };
    },
    async createSection(req, context) {
      const section = await sections.create(callerId(context), {
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
      return {
        section: toSectionMessage(await sections.update(callerId(context), req.id, req.expectedVersion, edit)),
      };
    },
    async deleteSection(req, context) {
      const tasksGo = req.tasks === SectionTasks.DELETE ? "deleted" : "project";
      const { section, moved, deleted } = await sections.delete(
        callerId(context),
        req.id,
        req.expectedVersion,
        tasksGo,
      );
      return { section: toSectionMessage(section), movedTaskCount: moved, deletedTaskCount: deleted };
    },
    async listSections(req, context) {
      const rows = await sections.list(callerId(context), req.projectId);
      return { sections: rows.map(toSectionMessage) };
    },
  };
}
