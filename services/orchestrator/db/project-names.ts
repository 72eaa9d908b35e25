import { asc, isNull, sql } from "drizzle-orm";
import { PROJECTS_PER_USER_MAX } from "../../../vocabulary/organise";
import type { Db } from "../../platform/db/database";
import { visibleTo } from "./access";
import { projects } from "./schema";

/** ProjectName is a project as a name lookup sees it. */
export interface ProjectName {
  id: string;
  name: string;
  archived: boolean;
}

/**
 * projectNamesOf lists the projects the caller can see by name (deleted ones left out): their own first, then live
 * before archived, so of two projects with one name the caller's own live one is found first. Bounded: one user's
 * projects are at most PROJECTS_PER_USER_MAX, and as many again may be shared with them.
 */
export async function projectNamesOf(db: Db, userId: string): Promise<ProjectName[]> {
  const rows = await db
    .select({ id: projects.id, name: projects.name, archived: sql<boolean>`${projects.archivedAt} is not null` })
    .from(projects)
    .where(sql`${visibleTo(projects, userId)} and ${isNull(projects.deletedAt)}`)
    .orderBy(sql`${projects.userId} <> ${userId}`, sql`${projects.archivedAt} is not null`, asc(projects.rank))
    .limit(2 * PROJECTS_PER_USER_MAX);
  return rows;
}
