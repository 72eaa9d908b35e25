import { expect, test } from "bun:test";
import { readTaskmeshJson } from "./taskmesh-json";

const now = new Date("2026-12-03T10:00:00Z");
const owner = "0192f0c0-0000-7000-8000-000000000001";
const task = "0192f0c0-0000-7000-8000-0000000000aa";
const comment = (n: number, fields: Record<string, unknown>) => ({
  id: `0192f0c0-0000-7000-8000-00000000010${n}`,
  taskId: task,
  authorId: owner,
  authorName: "Alice",
  body: "hello",
  createdAt: "2026-11-01T09:00:00Z",
  ...fields,
});
const file = (comments: unknown[], version = 2) =>
  JSON.stringify({
    format: "taskmesh-export",
    version,
    user: { id: owner },
    tasks: [{ id: task, title: "report" }],
    comments,
  });

test("the owner's comment keeps its body and times; another author's is named in the text", () => {
  const plan = readTaskmeshJson(
    file([
      comment(1, { edited: true, updatedAt: "2026-11-02T09:00:00Z" }),
      comment(2, { authorId: "0192f0c0-0000-7000-8000-000000000002", authorName: "Sara\u0007 Khan", body: "ok" }),
    ]),
    { now },
  );
  expect(plan.problems).toEqual([]);
  expect(plan.rows).toBe(3);
  expect(plan.comments.map((c) => [c.taskKey, c.body, c.edited, c.createdAt.toISOString()])).toEqual([
    [`taskmesh:${task}`, "hello", true, "2026-11-01T09:00:00.000Z"],
    [`taskmesh:${task}`, "Sara  Khan wrote:\nok", false, "2026-11-01T09:00:00.000Z"],
  ]);
  expect(plan.comments[0]!.updatedAt.toISOString()).toBe("2026-11-02T09:00:00.000Z");
});

test("a body the prefix pushes past 4,000 characters is cut with an ellipsis; a bad body is a problem of its row", () => {
  const long = "ب".repeat(4000);
  const plan = readTaskmeshJson(
    file([
      comment(1, { authorId: "", authorName: "", body: long }),
      comment(2, { body: "   " }),
      comment(3, { body: "bell\u0007" }),
      comment(4, { taskId: "" }),
    ]),
    { now },
  );
  const body = [...plan.comments[0]!.body];
  expect(body).toHaveLength(4000);
  expect(body.slice(0, 16).join("")).toBe("Someone wrote:\nب");
  expect(body.at(-1)).toBe("…");
  expect(plan.problems.map((p) => [p.row, p.field])).toEqual([
    [2, "comments.body"],
    [3, "comments.body"],
    [4, "comments"],
  ]);
});

test("a version 1 file (no comments, no user id) reads; a newer version is refused", () => {
  expect(readTaskmeshJson(file([], 1), { now }).tasks).toHaveLength(1);
  expect(() => readTaskmeshJson(file([], 3), { now })).toThrow(/newer/);
});
