import { and, eq, getTableName, type Placeholder, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { PROJECT_DEPTH_MAX } from "../../../vocabulary/organise";
import type { Db } from "../../platform/db/database";
import { rowsOf, type Tx } from "../../platform/db/database";
import { NotFoundError, PermissionDeniedError } from "../../platform/errors";
import { projectMembers, projects, sections, tasks } from "./schema";

/*
 * The one authorization rule: an object is the caller's to see if they own it or are a member, with a role, of
 * its top-level project. Sub-projects inherit the top-level project's members. Every row of a project tree keeps
 * its owner's user_id (the account its data belongs to), so owner-scoped code downstream (reminders, recurrence,
 * audit) is unchanged, and sharing adds only the "member of" half here.
 *
 * Two shapes of the rule, both defined here:
 * - visibleTo: a listing's condition (ListProjects, ListTasks, Today/Upcoming, filters, calendar feeds);
 * - authorize: an id-taking call's check. It answers NotFound for a stranger (exactly like a missing id),
 *   PermissionDenied for a viewer's write or a non-owner's owner-only change, and otherwise the object's owner,
 *   as whom the stores then act, strictly scoped by ownedBy.
 */

/** ProjectRoleName is a caller's role on a project: the owner, or a member's role. */
export type ProjectRoleName = "owner" | "editor" | "viewer";

/** Need is what a call asks of an object: to read it, to change it, or an owner-only change. */
export type Need = "read" | "write" | "own";

/**
 * sharedWith is the ids of every project shared with the caller (top-level projects they are a member of, and
 * all sub-projects of those), as a Postgres array: an InitPlan evaluated once per statement, so the index on
 * the compared column still serves `= any(...)`.
 */
function sharedWith(callerId: string | Placeholder): SQL {
  return sql`array(with recursive shared(id, n) as (
      select m.project_id, 1 from ${projectMembers} m where m.user_id = ${callerId}
      union all
      select c.id, s.n + 1 from ${projects} c join shared s on c.parent_id = s.id where s.n < ${PROJECT_DEPTH_MAX}
    ) select id from shared)`;
}

/** visibleTo is the listing condition of the rule: the caller's own rows, and the rows of projects shared with them. */
export function visibleTo(
  table: typeof tasks | typeof sections | typeof projects,
  callerId: string | Placeholder,
): SQL {
  const projectColumn = table === projects ? projects.id : (table as typeof tasks | typeof sections).projectId;
  return sql`(${eq(table.userId, callerId)} or ${projectColumn} = any(${sharedWith(callerId)}))`;
}

/**
 * ownedBy scopes a store's query to one owner's rows: the caller's own things (saved filters, calendar feeds), or a
 * project tree after authorize named its owner.
 */
export function ownedBy(table: { userId: PgColumn }, ownerId: string | Placeholder): SQL {
  return eq(table.userId, ownerId);
}

/** Target names the object an id-taking call is about. */
export type Target = { project: string } | { section: string } | { task: string };

/** Access is what authorize found: whose the object is, its project, and the caller's role there. */
export interface Access {
  ownerId: string;
  projectId: string;
  role: ProjectRoleName;
  /** topLevel is true when the object's project is a top-level project (the one members are members of). */
  topLevel: boolean;
}

const nounOf = (target: Target) => ("project" in target ? "project" : "section" in target ? "section" : "task");

/**
 * roleOn is the rule as a SQL expression over a row's owner and project columns: 'owner' when the caller owns the
 * row, else the caller's role on the top-level ancestor of its project, else null (nobody to them). For the owner
 * it reads nothing more (the CASE stops there), so a store can fold the check into its own statement.
 */
function roleOn(callerId: string, ownerColumn: SQLWrapper, projectColumn: SQLWrapper): SQL<ProjectRoleName | null> {
  return sql<ProjectRoleName | null>`case when ${ownerColumn} = ${callerId} then 'owner' else (
      select m.role from ${projectMembers} m where m.user_id = ${callerId} and m.project_id = (
        with recursive up(id, parent_id, n) as (
          select p.id, p.parent_id, 0 from ${projects} p where p.id = ${projectColumn}
          union all
          select p.id, p.parent_id, up.n + 1 from ${projects} p join up on p.id = up.parent_id where up.n < 16
        ) select up.id from up where up.parent_id is null)) end`;
}

/**
 * accessTo reads, in one statement, the object's owner and project and the caller's role on that project's
 * top-level ancestor; null when the object does not exist or the caller is neither its owner nor a member.
 */
async function accessTo(db: Db | Tx, callerId: string, target: Target): Promise<Access | null> {
  const object =
    "project" in target
      ? sql`select ${projects.userId} as owner_id, ${projects.id} as project_id from ${projects} where ${projects.id} = ${target.project}`
      : "section" in target
        ? sql`select ${sections.userId} as owner_id, ${sections.projectId} as project_id from ${sections} where ${sections.id} = ${target.section}`
        : sql`select ${tasks.userId} as owner_id, ${tasks.projectId} as project_id from ${tasks} where ${tasks.id} = ${target.task}`;
  const [row] = rowsOf<{ owner_id: string; project_id: string; role: ProjectRoleName | null; top_level: boolean }>(
    await db.execute(sql`with object as (${object})
      select o.owner_id, o.project_id, ${roleOn(callerId, sql`o.owner_id`, sql`o.project_id`)} as role,
        coalesce((select p.parent_id is null from ${projects} p where p.id = o.project_id), false) as top_level
      from object o`),
  );
  if (!row?.role) return null;
  return { ownerId: row.owner_id, projectId: row.project_id, role: row.role, topLevel: row.top_level };
}

/** allows says whether a role may do what a call needs. */
function allows(role: ProjectRoleName, need: Need): boolean {
  if (need === "own") return role === "owner";
  if (need === "write") return role !== "viewer";
  return true;
}

/** demand refuses, with PermissionDenied, what the caller's role does not allow; else answers the access. */
export function demand(access: Access, need: Need): Access {
  demandRole(access.role, need);
  return access;
}

function demandRole(role: ProjectRoleName, need: Need): void {
  if (!allows(role, need)) {
    throw new PermissionDeniedError(
      need === "own" ? "only the project's owner may do this" : "a viewer cannot change anything in this project",
    );
  }
}

const notFound = (target: Target) => new NotFoundError(`${nounOf(target)} ${Object.values(target)[0]} not found`);

/**
 * authorize is the id-taking half of the rule: NotFound for an object the caller cannot see (a stranger, a removed
 * member, a missing id alike), PermissionDenied for a change the caller's role does not allow, else the access.
 */
export async function authorize(db: Db | Tx, callerId: string, target: Target, need: Need): Promise<Access> {
  const access = await accessTo(db, callerId, target);
  if (!access) throw notFound(target);
  return demand(access, need);
}

/** Caller is a person whose access a store checks in its own statement, and what their call needs. */
interface Caller {
  callerId: string;
  need: Need;
}

/**
 * Acting is as whom a store acts on a row named by id: a tree's owner that authorize named (strictly that owner's
 * rows), or a Caller, whose role the store reads in the same statement as the row (one round trip, not two).
 */
export type Acting = string | Caller;

/**
 * actingOn is a store's condition and role column for reading the row `id` as `acting`: the owner's row (role
 * 'owner'), or the row whoever owns it, with the caller's role on it — the rule itself, read live (never cached),
 * so a removed member's next call is refused as by authorize.
 */
export function actingOn(
  acting: Acting,
  table: typeof tasks | typeof projects,
  id: string,
): { where: SQL; role: SQL<ProjectRoleName | null> } {
  if (typeof acting === "string") {
    return { where: and(eq(table.id, id), eq(table.userId, acting))!, role: sql<ProjectRoleName>`'owner'` };
  }
  // A project is itself the project whose top-level ancestor's members may see it.
  const project = table === projects ? projects.id : (table as typeof tasks).projectId;
  return { where: eq(table.id, id), role: roleOn(acting.callerId, qualified(table.userId), qualified(project)) };
}

/**
 * roleColumn is the caller's role on each row of a projects listing (roleOn over the row's own columns): 'owner' for
 * theirs, else their role on its top-level project, so a listing answers the role in its own statement.
 */
export function roleColumn(callerId: string): SQL<ProjectRoleName | null> {
  return roleOn(callerId, qualified(projects.userId), qualified(projects.id));
}

/** qualified names a column with its table, as the outer row's inside a subquery (drizzle leaves a one-table select's bare). */
const qualified = (column: PgColumn): SQL =>
  sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;

/** admit answers, after an actingOn read, as authorize does: NotFound for no row or no role, PermissionDenied past the role. */
export function admit(acting: Acting, target: Target, row: { role: ProjectRoleName | null } | undefined): void {
  if (!row?.role) throw notFound(target);
  if (typeof acting !== "string") demandRole(row.role, acting.need);
}
