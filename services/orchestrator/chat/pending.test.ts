import { expect, test } from "bun:test";
import { BULK_PER_TURN, localeOf, type PendingAction, readPending } from "./pending";

test("a pending action survives a round trip through its stored JSON", () => {
  const pending: PendingAction = {
    kind: "confirm",
    operation: "delete",
    tasks: [{ id: "0190a000-0000-7000-8000-000000000000", title: "pay rent" }],
    question: "Delete “pay rent”? (yes/no)",
    options: ["yes", "no"],
    language: "en",
  };
  expect(readPending(JSON.stringify(pending))).toEqual(pending);
});

test("an unreadable or foreign shape is dropped rather than acted on", () => {
  expect(readPending(null)).toBeNull();
  expect(readPending("{not json")).toBeNull();
  expect(
    readPending(
      JSON.stringify({
        kind: "confirm",
        operation: "drop_database",
        tasks: [],
        question: "",
        options: [],
        language: "en",
      }),
    ),
  ).toBeNull();
  expect(
    readPending(
      JSON.stringify({ kind: "confirm", operation: "delete", tasks: [], question: "", options: [], language: "en" }),
    ),
  ).toBeNull();
});

test("each language is answered in itself: Roman Urdu in Roman Urdu (issue 13 item 7)", () => {
  expect([localeOf("en"), localeOf("ur"), localeOf("roman-ur")]).toEqual(["en", "ur", "roman-ur"]);
});

test("a bulk confirmation holds a scope and a count, not ids; an undo offer holds at most BULK_PER_TURN ids", () => {
  const bulk: PendingAction = {
    kind: "confirm",
    operation: "delete",
    tasks: [],
    bulk: { scope: { status: "open", overdue: false, asOf: "2026-03-04T05:00:00.000Z" }, count: 228 },
    question: "Delete all 228 open tasks? (yes/no)",
    options: ["yes", "no"],
    language: "en",
  };
  expect(readPending(JSON.stringify(bulk))).toEqual(bulk);
  expect(JSON.stringify(bulk).length).toBeLessThan(400);
  const id = (i: number) => `0190a000-0000-7000-8000-${String(i).padStart(12, "0")}`;
  const undo = (n: number) =>
    JSON.stringify({
      kind: "undo",
      ids: Array.from({ length: n }, (_, i) => id(i)),
      question: "Say “undo” to bring them back.",
      options: ["undo"],
      language: "en",
    });
  expect(readPending(undo(BULK_PER_TURN))?.kind).toBe("undo");
  expect(readPending(undo(BULK_PER_TURN + 1))).toBeNull();
  expect(readPending(JSON.stringify({ ...bulk, tasks: [{ id: id(1), title: "x" }] }))).toBeNull();
});

test("an organise question survives its stored JSON; an unknown organise intent or a bad id is dropped", () => {
  const pending: PendingAction = {
    kind: "organise",
    step: "create_project",
    action: { intent: "add_to_project", project: "Groceries", task: "milk", names: [] },
    candidates: [],
    question: "You have no project “Groceries”. Create it and add “milk” there? (yes/no)",
    options: ["yes", "no"],
    language: "en",
  };
  expect(readPending(JSON.stringify(pending))).toEqual(pending);
  expect(
    readPending(JSON.stringify({ ...pending, action: { ...pending.action, intent: "delete_project" } })),
  ).toBeNull();
  expect(readPending(JSON.stringify({ ...pending, action: { ...pending.action, projectId: "../x" } }))).toBeNull();
});
