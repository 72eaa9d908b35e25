import { expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { ProjectSchema } from "../../../../gen/todo/v1/project_pb";
import {
  type BoardColumn,
  boardKey,
  dropMove,
  keyMove,
  parentChoices,
  projectDrop,
  projectSiblings,
  stepPlace,
} from "./arrange";

const project = (
  id: string,
  rank: string,
  extra: Partial<{ parentId: string; inbox: boolean; archived: boolean; deleted: boolean }> = {},
) => create(ProjectSchema, { id, name: id, rank, ...extra });

test("stepPlace names the neighbour ahead (before it) or behind (after it), in rank order; nothing at the ends", () => {
  const items = [
    { id: "c", rank: "c" },
    { id: "a", rank: "a" },
    { id: "b", rank: "b" },
  ];
  expect(stepPlace(items, "b", -1)).toEqual({ beforeId: "a" });
  expect(stepPlace(items, "b", 1)).toEqual({ afterId: "c" });
  expect(stepPlace(items, "a", -1)).toBeUndefined();
  expect(stepPlace(items, "c", 1)).toBeUndefined();
  expect(stepPlace(items, "missing", 1)).toBeUndefined();
});

test("projectSiblings: same parent and same archived state, Inbox and deleted ones left out", () => {
  const all = [
    project("inbox", "a", { inbox: true }),
    project("work", "b"),
    project("home", "c"),
    project("gone", "d", { deleted: true }),
    project("old", "e", { archived: true }),
    project("reports", "a", { parentId: "work" }),
  ];
  expect(projectSiblings(all, all[1]!).map((p) => p.id)).toEqual(["work", "home"]);
  expect(projectSiblings(all, all[5]!).map((p) => p.id)).toEqual(["reports"]);
  expect(projectSiblings(all, all[4]!).map((p) => p.id)).toEqual(["old"]);
});

test("parentChoices: never itself, its own sub-projects, the Inbox or archived ones; three levels at most", () => {
  const all = [
    project("inbox", "a", { inbox: true }),
    project("work", "b"),
    project("reports", "a", { parentId: "work" }),
    project("q1", "a", { parentId: "reports" }),
    project("home", "c"),
    project("garden", "a", { parentId: "home" }),
    project("old", "d", { archived: true }),
    project("gone", "e", { deleted: true }),
  ];
  const ids = (id: string) => parentChoices(all, id).map((c) => `${c.project.id}:${c.depth}`);
  // A leaf may go under a level-1 or level-2 project, never under a level-3 one (it would be level 4).
  expect(ids("garden")).toEqual(["work:0", "reports:1", "home:0"]);
  // "home" carries "garden" (two levels): only under a top-level project.
  expect(ids("home")).toEqual(["work:0"]);
  // "work" spans three levels already: it can only stay at the top.
  expect(ids("work")).toEqual([]);
  // "reports" (two levels) may not go under itself or q1; under home it would be levels 2 and 3.
  expect(ids("reports")).toEqual(["work:0", "home:0"]);
});

const columns: BoardColumn[] = [
  { key: "none", taskIds: ["a", "b"] },
  { key: "s1", taskIds: ["c", "d", "e"] },
  { key: "s2", taskIds: [] },
];

test("dropMove: before the card dropped on, at the end of a column's empty space; nothing when it would not move", () => {
  expect(dropMove(columns, "a", "s1", "d")).toEqual({ column: "s1", beforeId: "d" });
  expect(dropMove(columns, "a", "s1")).toEqual({ column: "s1", afterId: "e" });
  expect(dropMove(columns, "a", "s2")).toEqual({ column: "s2" });
  // Within its column: up before an earlier card, or to the end.
  expect(dropMove(columns, "e", "s1", "c")).toEqual({ column: "s1", beforeId: "c" });
  expect(dropMove(columns, "c", "s1")).toEqual({ column: "s1", afterId: "e" });
  // No-ops: on itself, on the card right after it, at the end where it already is.
  expect(dropMove(columns, "c", "s1", "c")).toBeUndefined();
  expect(dropMove(columns, "c", "s1", "d")).toBeUndefined();
  expect(dropMove(columns, "e", "s1")).toBeUndefined();
  expect(dropMove(columns, "a", "nowhere")).toBeUndefined();
});

test("keyMove: up/down within the column, previous/next column at the same height or its end; nothing at edges", () => {
  expect(keyMove(columns, "d", "up")).toEqual({ column: "s1", beforeId: "c" });
  expect(keyMove(columns, "d", "down")).toEqual({ column: "s1", afterId: "e" });
  expect(keyMove(columns, "c", "up")).toBeUndefined();
  expect(keyMove(columns, "e", "down")).toBeUndefined();
  expect(keyMove(columns, "d", "previous")).toEqual({ column: "none", beforeId: "b" });
  expect(keyMove(columns, "e", "previous")).toEqual({ column: "none", afterId: "b" });
  expect(keyMove(columns, "c", "next")).toEqual({ column: "s2" });
  expect(keyMove(columns, "a", "previous")).toBeUndefined();
  expect(keyMove(columns, "missing", "next")).toBeUndefined();
});

test("boardKey: Alt+arrows only; left and right follow the reading direction", () => {
  expect(boardKey({ key: "ArrowUp", altKey: true }, false)).toBe("up");
  expect(boardKey({ key: "ArrowDown", altKey: true }, true)).toBe("down");
  expect(boardKey({ key: "ArrowRight", altKey: true }, false)).toBe("next");
  expect(boardKey({ key: "ArrowRight", altKey: true }, true)).toBe("previous");
  expect(boardKey({ key: "ArrowLeft", altKey: true }, true)).toBe("next");
  expect(boardKey({ key: "ArrowUp", altKey: false }, false)).toBeUndefined();
  expect(boardKey({ key: "x", altKey: true }, false)).toBeUndefined();
});

test("projectDrop: before the target among its siblings; a move under the target's parent only where allowed", () => {
  const all = [
    project("inbox", "a", { inbox: true }),
    project("work", "b"),
    project("home", "c"),
    project("trip", "d"),
    project("reports", "a", { parentId: "work" }),
    project("q1", "a", { parentId: "reports" }),
    project("old", "e", { archived: true }),
  ];
  expect(projectDrop(all, "trip", "work")).toEqual({ paths: ["position"], parentId: "", beforeId: "work" });
  // Dropped on the one right after it: nothing changes.
  expect(projectDrop(all, "work", "home")).toBeUndefined();
  expect(projectDrop(all, "home", "home")).toBeUndefined();
  // Onto a sub-project: moves under that sub-project's parent, right before it.
  expect(projectDrop(all, "trip", "reports")).toEqual({ paths: ["parent_id"], parentId: "work", beforeId: "reports" });
  expect(projectDrop(all, "trip", "q1")).toEqual({ paths: ["parent_id"], parentId: "reports", beforeId: "q1" });
  // Out to the top level.
  expect(projectDrop(all, "q1", "home")).toEqual({ paths: ["parent_id"], parentId: "", beforeId: "home" });
  // Not allowed: under its own sub-project, past three levels, the Inbox, archived ones.
  expect(projectDrop(all, "work", "q1")).toBeUndefined();
  expect(projectDrop(all, "reports", "q1")).toBeUndefined();
  expect(projectDrop(all, "trip", "inbox")).toBeUndefined();
  expect(projectDrop(all, "old", "work")).toBeUndefined();
});
