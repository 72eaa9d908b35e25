import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { type Project, ProjectSchema, type Section, SectionSchema } from "../../../gen/todo/v1/project_pb";
import type { projects, sections } from "./schema";

export type ProjectRow = typeof projects.$inferSelect;
export type SectionRow = typeof sections.$inferSelect;

const ts = (date: Date | null) => (date ? timestampFromDate(date) : undefined);

/** toProjectMessage maps a stored project to the public Project message. */
export function toProjectMessage(row: ProjectRow): Project {
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
