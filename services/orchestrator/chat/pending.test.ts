import { expect, test } from "bun:test";
import { localeOf, type PendingAction, readPending } from "./pending";

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

test("Urdu and Roman Urdu are answered in Urdu script", () => {
  expect([localeOf("en"), localeOf("ur"), localeOf("roman-ur")]).toEqual(["en", "ur", "ur"]);
});
