import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { type Project, ProjectSchema, type Section, SectionSchema } from "../../../gen/todo/v1/project_pb";
import { ProjectRole } from "../../../gen/todo/v1/share_pb";
import type { ProjectRoleName } from "./access";
import type { projects, sections } from "./schema";

export type ProjectRow = typeof projects.$inferSelect;
export type SectionRow = typeof sections.$inferSelect;

const ts = (date: Date | null) => (date ? timestampFromDate(date) : undefined);

const projectRoles: Record<ProjectRoleName, ProjectRole> = {
  owner: ProjectRole.OWNER,
  editor: ProjectRole.EDITOR,
  viewer: ProjectRole.VIEWER,
};

/**
 * toProjectMessage maps a stored project to the public Project message; `role`, the caller's role on it, is set on
 * what ProjectService answers a caller (events and exports, read by no one caller, leave it unspecified).
 */
export function toProjectMessage(row: ProjectRow, role?: ProjectRoleName): Project {
  return create(ProjectSchema, {
    id: row.id,
    name: row.name,
    colour: row.colour,
    parentId: row.parentId ?? "",
    rank: row.rank,
    inbox: row.isInbox,
    archived: row.archivedAt !== null,
    archivedAt: ts(row.archivedAt),
    deleted: row.deletedAt !== null,
    deletedAt: ts(row.deletedAt),
    createdAt: ts(row.createdAt),
    updatedAt: ts(row.updatedAt),
    version: BigInt(row.version),
    myRole: role ? projectRoles[role] : ProjectRole.UNSPECIFIED,
  });
}

/** toSectionMessage maps a stored section to the public Section message. */
export function toSectionMessage(row: SectionRow): Section {
  return create(SectionSchema, {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    rank: row.rank,
    deleted: row.deletedAt !== null,
    deletedAt: ts(row.deletedAt),
    createdAt: ts(row.createdAt),
    updatedAt: ts(row.updatedAt),
    version: BigInt(row.version),
  });
}
