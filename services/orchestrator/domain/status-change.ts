import { NotFoundError } from "../../platform/errors";
import { checkVersion, type TaskState, TaskStatusValue } from "./task-rules";

/** StatusChange is a lifecycle move of one task other than create and edit. */
export type StatusChange = "completed" | "reopened" | "deleted" | "restored";

/** StatusSet is the columns a status change writes. */
export type StatusSet =
  | { status: typeof TaskStatusValue.completed; completedAt: Date }
  | { status: typeof TaskStatusValue.open; completedAt: null }
  | { deletedAt: Date }
  | { deletedAt: null };

/**
 * planStatusChange decides a status change against the task as stored: the columns to write, or null when
 * the task is already there (completing a completed task — a retry, a double click — answers the task as it
 * is). A stale expected version is a VersionConflictError; a deleted task is NotFound to everything but
 * restore, and a live one is NotFound to restore.
 */
export function planStatusChange(
  id: string,
  before: TaskState,
  change: StatusChange,
  expectedVersion: bigint | number,
  now: Date,
): StatusSet | null {
  checkVersion(before, expectedVersion);
  const deleted = before.deletedAt !== null;
  if (change === "restored" ? !deleted : deleted) throw new NotFoundError(`task ${id} not found`);
  switch (change) {
    case "completed":
      return before.status === TaskStatusValue.completed
        ? null
        : { status: TaskStatusValue.completed, completedAt: now };
    case "reopened":
      return before.status === TaskStatusValue.open ? null : { status: TaskStatusValue.open, completedAt: null };
    case "deleted":
      return { deletedAt: now };
    case "restored":
      return { deletedAt: null };
  }
}
