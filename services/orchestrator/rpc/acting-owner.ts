import type { Db } from "../../platform/db/database";
import { FailedPreconditionError, InvalidArgumentError, NotFoundError } from "../../platform/errors";
import { type Access, authorize, type Need, type Target } from "../db/access";

/** Placement is what a create or move names as the destination: a parent task, a section or a project. */
export interface Placement {
  projectId?: string;
  sectionId?: string;
  parentId?: string;
}

/** placementTarget is the most specific object a placement names (the store checks the rest agree), if any. */
function placementTarget(to: Placement): [Target, string, string] | undefined {
  if (to.parentId) return [{ task: to.parentId }, "parent_id", "task"];
  if (to.sectionId) return [{ section: to.sectionId }, "section_id", "section"];
  if (to.projectId) return [{ project: to.projectId }, "project_id", "project"];
  return undefined;
}

/**
 * placementAccess authorizes writing into a destination: one the caller cannot see is an InvalidArgument on its
 * field (as the store answers for a missing one), a viewer's is PermissionDenied. Null: no destination named.
 */
export async function placementAccess(db: Db, callerId: string, to: Placement): Promise<Access | null> {
  const named = placementTarget(to);
  return named ? referenceAccess(db, callerId, ...named) : null;
}

/** referenceAccess authorizes writing into an object a request names in `field` (NotFound becomes InvalidArgument there). */
export function referenceAccess(
  db: Db,
  callerId: string,
  target: Target,
  field: string,
  noun: string,
): Promise<Access> {
  return authorize(db, callerId, target, "write").catch((error: unknown) => {
    if (error instanceof NotFoundError) throw new InvalidArgumentError([{ field, description: `no such ${noun}` }]);
    throw error;
  });
}

/** sameOwner refuses a move between two owners' trees: each row of a tree keeps its owner's user_id. */
export function sameOwner(fromOwnerId: string, to: Access | null): void {
  if (to && to.ownerId !== fromOwnerId) {
    throw new FailedPreconditionError("an item moves only between projects of the same owner");
  }
}

/** ownerFor authorizes an id-taking call and answers the owner as whom the store acts. */
export async function ownerFor(db: Db, callerId: string, target: Target, need: Need): Promise<string> {
  return (await authorize(db, callerId, target, need)).ownerId;
}
