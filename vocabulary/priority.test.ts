import { expect, test } from "bun:test";
import { Priority } from "../gen/todo/v1/task_pb";
import {
  asPriorityName,
  isPriorityName,
  prioritiesByImportance,
  priorityEnum,
  priorityName,
  priorityNames,
} from "./priority";

test("every name maps to its enum and back; the stored numbers are the enum's", () => {
  for (const name of priorityNames) expect(priorityName(priorityEnum(name))).toBe(name);
  expect(priorityEnum("urgent")).toBe(Priority.URGENT);
  // The orchestrator used to store raw numbers 1..5 and the web read them with its own table.
  expect([1, 2, 3, 4, 5].map(priorityName)).toEqual(["none", "low", "medium", "high", "urgent"]);
});

test("unspecified and unknown read as none; lists run most important first", () => {
  expect(priorityName(Priority.UNSPECIFIED)).toBe("none");
  expect(priorityName(42)).toBe("none");
  expect(asPriorityName("")).toBe("none");
  expect(asPriorityName("high")).toBe("high");
  expect(isPriorityName("p1")).toBe(false);
  expect(prioritiesByImportance).toEqual(["urgent", "high", "medium", "low", "none"]);
});

test("markers and words: each marker is listed once, every language names every ranked priority and has a label", async () => {
  const { priorityMarkers, priorityWords, priorityLabels } = await import("./priority");
  const markers = priorityMarkers.map(([marker]) => marker);
  expect(new Set(markers).size).toBe(markers.length);
  expect(markers).toEqual(expect.arrayContaining(["p1", "p4", "!1", "!4", "!high", "!low"]));
  for (const language of ["en", "ur", "roman-ur"] as const) {
    for (const priority of ["urgent", "high", "medium", "low"] as const)
      expect(priorityWords[language][priority].length).toBeGreaterThan(0);
    for (const name of priorityNames) expect(priorityLabels[language][name]).toBeTruthy();
  }
});
