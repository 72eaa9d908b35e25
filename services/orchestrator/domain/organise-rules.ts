import { PROJECT_DEPTH_MAX, SUBTASK_DEPTH_MAX } from "../../../vocabulary/organise";
import { InvalidArgumentError, VersionConflictError } from "../../platform/errors";

/**
 * checkNesting decides whether `itemId` (a project or a task) may go under `parentId`.
 * `parentAncestry` is the parent's chain upwards, the parent first and the top-level item last; `subtreeHeight`
 * is how many levels the moving item spans (1: it has no children). The item may not go under itself or under one
 * of its own descendants (a cycle), and the deepest level it brings along may not pass `maxDepth`.
 */
function checkNesting(
  itemId: string,
  parentAncestry: readonly string[],
  subtreeHeight: number,
  maxDepth: number,
  field: string,
  noun: "project" | "task",
): void {
  if (parentAncestry.includes(itemId)) {
    throw new InvalidArgumentError([
      {
        field,
        description: `a ${noun} cannot go under itself or under one of its own ${noun === "task" ? "subtasks" : "sub-projects"}`,
      },
    ]);
  }
  const deepest = parentAncestry.length + subtreeHeight;
  if (deepest > maxDepth) {
    throw new InvalidArgumentError([
      {
        field,
        description:
          noun === "project"
            ? `projects nest ${maxDepth} levels deep at most (this would make ${deepest})`
            : `subtasks nest ${maxDepth} levels deep at most (this would make ${deepest})`,
      },
    ]);
  }
}

/** checkProjectParent applies the project rule: three levels, no cycles. */
export const checkProjectParent = (projectId: string, parentAncestry: readonly string[], subtreeHeight: number) =>
  checkNesting(projectId, parentAncestry, subtreeHeight, PROJECT_DEPTH_MAX, "parent_id", "project");

/** checkTaskParent applies the subtask rule: four levels, no cycles. */
export const checkTaskParent = (taskId: string, parentAncestry: readonly string[], subtreeHeight: number) =>
  checkNesting(taskId, parentAncestry, subtreeHeight, SUBTASK_DEPTH_MAX, "parent_id", "task");

/** Descendant is a row of a subtree: its id and its parent's. */
export interface TreeNode {
  id: string;
  parentId: string | null;
}

/** subtreeHeight is how many levels `rootId` and its descendants span (1: no descendants). */
export function subtreeHeight(rootId: string, descendants: readonly TreeNode[]): number {
  const children = new Map<string, string[]>();
  for (const node of descendants) {
    if (!node.parentId) continue;
    const list = children.get(node.parentId) ?? [];
    list.push(node.id);
    children.set(node.parentId, list);
  }
  let height = 0;
  let level = [rootId];
  const seen = new Set<string>();
  while (level.length > 0) {
    height++;
    const next: string[] = [];
    for (const id of level) {
      if (seen.has(id)) continue;
      seen.add(id);
      next.push(...(children.get(id) ?? []));
    }
    level = next;
  }
  return height;
}

/** orderTree puts parents before their children and each family in rank order (a depth-first walk). */
export function orderTree<T extends TreeNode & { rank: string }>(items: readonly T[]): T[] {
  const byParent = new Map<string | null, T[]>();
  const ids = new Set(items.map((i) => i.id));
  for (const item of items) {
    // An item whose parent is not in the list (e.g. filtered out) is shown at the top level.
    const parent = item.parentId && ids.has(item.parentId) ? item.parentId : null;
    const list = byParent.get(parent) ?? [];
    list.push(item);
    byParent.set(parent, list);
  }
  for (const list of byParent.values())
    list.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id < b.id ? -1 : 1));
  const ordered: T[] = [];
  const walk = (parent: string | null) => {
    for (const item of byParent.get(parent) ?? []) {
      ordered.push(item);
      walk(item.id);
    }
  };
  walk(null);
  return ordered;
}

/** checkExpectedVersion enforces optimistic concurrency on a project or section when the caller names a version (0: don't check). */
export function checkExpectedVersion(noun: "project" | "section", row: { version: number }, expected: bigint): void {
  const want = Number(expected);
  if (want !== 0 && want !== row.version) {
    throw new VersionConflictError(`${noun} changed: version is ${row.version}, request expected ${want}`);
  }
}
