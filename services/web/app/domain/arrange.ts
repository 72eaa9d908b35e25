import type { Project } from "../../../../gen/todo/v1/project_pb";
import { PROJECT_DEPTH_MAX } from "../../../../vocabulary/organise";

/**
 * Pure rules for arranging things by hand: where a project may move, which neighbour a "move up/down"
 * names, and where a board card lands when it is dropped or moved from the keyboard. Every answer is a
 * place for one MoveTask / UpdateProject / UpdateSection call (a neighbour's id), never a renumbering.
 */

/** Place names a spot in a list by a neighbour: right before `beforeId` or right after `afterId`. */
export interface Place {
  beforeId?: string;
  afterId?: string;
}

const byRank = <T extends { rank: string; id: string }>(a: T, b: T) =>
  a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * stepPlace is where `id` goes when it moves one step earlier (-1) or later (+1) among `siblings`:
 * right before the one ahead of it, or right after the one behind it. Undefined at either end (or when
 * `id` is not among them), so the control can be disabled.
 */
export function stepPlace<T extends { id: string; rank: string }>(
  siblings: readonly T[],
  id: string,
  step: -1 | 1,
): Place | undefined {
  const sorted = [...siblings].sort(byRank);
  const at = sorted.findIndex((s) => s.id === id);
  const neighbour = at === -1 ? undefined : sorted[at + step];
  if (!neighbour) return undefined;
  return step === -1 ? { beforeId: neighbour.id } : { afterId: neighbour.id };
}

const arranged = (p: Project) => !p.inbox && !p.deleted;

/** projectSiblings are the projects that share `project`'s parent (itself included), the ones a reorder is among. */
export function projectSiblings(projects: readonly Project[], project: Project): Project[] {
  return projects.filter((p) => arranged(p) && p.archived === project.archived && p.parentId === project.parentId);
}

/** ParentChoice is a project another may move under, with its depth for indenting (0 = top level). */
export interface ParentChoice {
  project: Project;
  depth: number;
}

/**
 * parentChoices lists where `projectId` may move: under a live, unarchived project that is not the Inbox,
 * not itself and not one of its own sub-projects, and only where the deepest level it brings along stays
 * within PROJECT_DEPTH_MAX (the server's rule; it refuses anything else). In sidebar order.
 */
export function parentChoices(projects: readonly Project[], projectId: string): ParentChoice[] {
  const live = projects.filter((p) => arranged(p) && !p.archived);
  const byId = new Map(live.map((p) => [p.id, p]));
  const children = new Map<string, Project[]>();
  for (const p of live) {
    const parent = p.parentId && byId.has(p.parentId) ? p.parentId : "";
    children.set(parent, [...(children.get(parent) ?? []), p]);
  }
  // How many levels the moving project spans (1: no sub-projects), and which ids it would carry.
  const carried = new Set<string>();
  const height = (id: string): number => {
    carried.add(id);
    return 1 + Math.max(0, ...(children.get(id) ?? []).map((c) => height(c.id)));
  };
  const span = height(projectId);
  const out: ParentChoice[] = [];
  const walk = (parent: string, depth: number) => {
    for (const p of (children.get(parent) ?? []).sort(byRank)) {
      // A parent at depth d (0-based) puts the moving project at level d + 2.
      if (!carried.has(p.id) && depth + 1 + span <= PROJECT_DEPTH_MAX) out.push({ project: p, depth });
      walk(p.id, depth + 1);
    }
  };
  walk("", 0);
  return out;
}

/** BoardColumn is a column of the board: its key (a section id, or "none") and its cards in order. */
export interface BoardColumn {
  key: string;
  taskIds: readonly string[];
}

/** BoardMove is one MoveTask: the destination column and the neighbour it lands beside. */
export interface BoardMove extends Place {
  column: string;
}

/**
 * dropMove is where a card dragged onto `column` lands: right before the card it was dropped on
 * (`onTaskId`), or at the end of the column when dropped on its empty space. Undefined when nothing would
 * change (dropped on itself, or at the end of the column it already ends).
 */
export function dropMove(
  columns: readonly BoardColumn[],
  taskId: string,
  column: string,
  onTaskId?: string,
): BoardMove | undefined {
  const target = columns.find((c) => c.key === column);
  if (!target || onTaskId === taskId) return undefined;
  const from = columns.find((c) => c.taskIds.includes(taskId));
  const others = target.taskIds.filter((id) => id !== taskId);
  if (onTaskId && others.includes(onTaskId)) {
    const at = target.taskIds.indexOf(onTaskId);
    if (from?.key === column && target.taskIds[at - 1] === taskId) return undefined;
    return { column, beforeId: onTaskId };
  }
  if (from?.key === column && target.taskIds.at(-1) === taskId) return undefined;
  const last = others.at(-1);
  return last ? { column, afterId: last } : { column };
}

/** BoardKey is a keyboard move: up and down within the column, to the previous or next column. */
export type BoardKey = "up" | "down" | "previous" | "next";

/**
 * keyMove is where a card goes on Alt+Arrow: one place up or down in its column, or into the previous or
 * next column at the same height (its end when that column is shorter). Undefined at an edge.
 */
export function keyMove(columns: readonly BoardColumn[], taskId: string, key: BoardKey): BoardMove | undefined {
  const at = columns.findIndex((c) => c.taskIds.includes(taskId));
  const column = columns[at];
  if (!column) return undefined;
  const index = column.taskIds.indexOf(taskId);
  if (key === "up" || key === "down") {
    const neighbour = column.taskIds[index + (key === "up" ? -1 : 1)];
    if (!neighbour) return undefined;
    return key === "up" ? { column: column.key, beforeId: neighbour } : { column: column.key, afterId: neighbour };
  }
  const target = columns[at + (key === "previous" ? -1 : 1)];
  if (!target) return undefined;
  const beside = target.taskIds[index];
  if (beside) return { column: target.key, beforeId: beside };
  const last = target.taskIds.at(-1);
  return last ? { column: target.key, afterId: last } : { column: target.key };
}

/**
 * boardKey reads Alt+Arrow on a card as a move; arrows across columns follow the reading direction
 * (in Urdu, right to left, ArrowLeft is the next column).
 */
export function boardKey(event: { key: string; altKey: boolean }, rtl: boolean): BoardKey | undefined {
  if (!event.altKey) return undefined;
  switch (event.key) {
    case "ArrowUp":
      return "up";
    case "ArrowDown":
      return "down";
    case "ArrowLeft":
      return rtl ? "next" : "previous";
    case "ArrowRight":
      return rtl ? "previous" : "next";
    default:
      return undefined;
  }
}

/** ProjectMove is one UpdateProject: the mask's paths, the new parent (with "parent_id") and the neighbour. */
export interface ProjectMove extends Place {
  paths: ("position" | "parent_id")[];
  parentId: string;
}

/**
 * projectDrop is the UpdateProject for a sidebar project dropped on another: it goes right before the
 * target, among the target's siblings — a reorder when they share a parent, a move under the target's
 * parent otherwise (only where parentChoices allows it). Undefined when nothing would change or the move
 * is not allowed (onto itself, an archived or the Inbox, under its own sub-project, past three levels).
 */
export function projectDrop(
  projects: readonly Project[],
  draggedId: string,
  targetId: string,
): ProjectMove | undefined {
  const dragged = projects.find((p) => p.id === draggedId);
  const target = projects.find((p) => p.id === targetId);
  if (!dragged || !target || draggedId === targetId || !arranged(dragged) || !arranged(target)) return undefined;
  if (dragged.archived || target.archived) return undefined;
  if (dragged.parentId === target.parentId) {
    const siblings = projectSiblings(projects, dragged).sort(byRank);
    const at = siblings.findIndex((p) => p.id === targetId);
    if (siblings[at - 1]?.id === draggedId) return undefined;
    return { paths: ["position"], parentId: dragged.parentId, beforeId: targetId };
  }
  if (target.parentId && !parentChoices(projects, draggedId).some((c) => c.project.id === target.parentId))
    return undefined;
  return { paths: ["parent_id"], parentId: target.parentId, beforeId: targetId };
}
