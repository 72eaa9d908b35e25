import { expect, test } from "bun:test";
import { InvalidArgumentError, VersionConflictError } from "../../platform/errors";
import { checkExpectedVersion, checkProjectParent, checkTaskParent, orderTree, subtreeHeight } from "./organise-rules";

test("projects nest three levels: a leaf fits under a level-2 parent, a two-level subtree does not", () => {
  expect(() => checkProjectParent("p", ["b", "a"], 1)).not.toThrow();
  expect(() => checkProjectParent("p", ["b", "a"], 2)).toThrow(InvalidArgumentError);
  expect(() => checkProjectParent("p", ["c", "b", "a"], 1)).toThrow(InvalidArgumentError);
});

test("subtasks nest four levels", () => {
  expect(() => checkTaskParent("t", ["c", "b", "a"], 1)).not.toThrow();
  expect(() => checkTaskParent("t", ["d", "c", "b", "a"], 1)).toThrow(InvalidArgumentError);
  expect(() => checkTaskParent("t", ["a"], 3)).not.toThrow();
  expect(() => checkTaskParent("t", ["a"], 4)).toThrow(InvalidArgumentError);
});

test("an item never goes under itself or its own descendant", () => {
  expect(() => checkTaskParent("a", ["a"], 1)).toThrow(/itself/);
  expect(() => checkProjectParent("a", ["c", "a"], 1)).toThrow(/itself/);
});

test("subtreeHeight counts levels", () => {
  expect(subtreeHeight("r", [])).toBe(1);
  expect(
    subtreeHeight("r", [
      { id: "a", parentId: "r" },
      { id: "b", parentId: "a" },
      { id: "c", parentId: "r" },
    ]),
  ).toBe(3);
});

test("orderTree puts parents before children, each family by rank; an orphan shows at the top", () => {
  const items = [
    { id: "2", parentId: null, rank: "a2" },
    { id: "1c", parentId: "1", rank: "a0" },
    { id: "1", parentId: null, rank: "a1" },
    { id: "o", parentId: "gone", rank: "a3" },
  ];
  expect(orderTree(items).map((i) => i.id)).toEqual(["1", "1c", "2", "o"]);
});

test("a named version must match; zero checks nothing", () => {
  expect(() => checkExpectedVersion("project", { version: 3 }, 0n)).not.toThrow();
  expect(() => checkExpectedVersion("project", { version: 3 }, 3n)).not.toThrow();
  expect(() => checkExpectedVersion("section", { version: 3 }, 2n)).toThrow(VersionConflictError);
});
